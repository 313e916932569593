import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from inspect_app import audit
from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db


def test_audit_event_records_who_what_and_which_object(make_user):
    user = make_user()
    audit.record(user, "user.viewed", user, reason="test")
    db.session.commit()
    ev = db.session.scalar(select(AuditEvent))
    assert (ev.username, ev.action, ev.object_type, ev.object_id) == (
        user.username, "user.viewed", "User", str(user.id))
    assert ev.details == {"reason": "test"}


def test_audit_event_without_details_stores_none(make_user):
    audit.record(make_user(), "something")
    db.session.commit()
    assert db.session.scalar(select(AuditEvent.details)) is None
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.details.is_(None))) is not None


def test_orm_refuses_to_change_an_audit_event(make_user):
    audit.record(make_user(), "something")
    db.session.commit()
    ev = db.session.scalar(select(AuditEvent))
    ev.action = "something else"
    with pytest.raises(PermissionError):
        db.session.commit()
    db.session.rollback()


def test_database_refuses_to_update_an_audit_event_even_bypassing_the_orm(make_user):
    audit.record(make_user(), "something")
    db.session.commit()
    with pytest.raises(DatabaseError):
        db.session.execute(text("UPDATE audit_events SET action = 'rewritten'"))
    db.session.rollback()
    assert db.session.scalar(select(AuditEvent.action)) == "something"
