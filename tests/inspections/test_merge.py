"""Two devices answering one item: the later answer is current, the other stays in history."""
from datetime import datetime

from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.merge import Answer, is_later
from inspect_app.inspections.models import Response
from inspect_app.org import roles

from .conftest import answer_op, push, sign_in, statuses

EARLY, LATE = "2026-11-22T02:00:00Z", "2026-11-22T02:05:00Z"


def _current() -> Response:
    return db.session.scalar(select(Response).where(Response.item_id == "T-01"))


def _history_url(field, inspection, item_id="T-01"):
    return f"/api/inspections/{inspection}/responses/{field.version.id}/{item_id}/history"


def test_later_answer_wins_and_earlier_stays_in_history(client, field, inspection):
    assert statuses(push(client, answer_op(field, inspection, "T-01", "yes", EARLY),
                         answer_op(field, inspection, "T-01", "no", LATE))) == ["applied"] * 2
    row = _current()
    assert row.value == "no"
    assert [r.value for r in row.history] == ["yes"]


def test_earlier_answer_arriving_late_goes_straight_into_history(client, field, inspection):
    push(client, answer_op(field, inspection, "T-01", "no", LATE))
    assert statuses(push(client, answer_op(field, inspection, "T-01", "yes", EARLY))) == ["applied"]
    row = _current()
    assert row.value == "no"
    assert [r.value for r in row.history] == ["yes"]


def test_same_answers_in_any_order_end_the_same():
    a = Answer("yes", None, datetime(2026, 11, 22, 2), 1, "aaaa")
    b = Answer("no", None, datetime(2026, 11, 22, 2), 2, "bbbb")
    assert is_later(b, a) and not is_later(a, b)


def test_ties_break_on_op_id(client, field, inspection):
    high = "ffffffff-0000-4000-8000-000000000000"
    low = "00000000-0000-4000-8000-000000000000"
    push(client, answer_op(field, inspection, "T-01", "no", EARLY, op_id=high),
         answer_op(field, inspection, "T-01", "yes", EARLY, op_id=low))
    assert _current().value == "no"


def test_answer_with_offset_is_compared_in_utc(client, field, inspection):
    push(client, answer_op(field, inspection, "T-01", "yes", "2026-11-22T09:04:00+07:00"),
         answer_op(field, inspection, "T-01", "no", "2026-11-22T02:03:00Z"))
    assert _current().value == "yes"


def test_team_lead_sees_who_answered_what_and_when(client, field, inspection):
    push(client, answer_op(field, inspection, "T-01", "yes", EARLY))
    sign_in(client, field.lead)
    push(client, answer_op(field, inspection, "T-01", "no", LATE, note="Hai cán bộ không đeo thẻ"))
    resp = client.get(_history_url(field, inspection))
    assert resp.status_code == 200
    assert [(a["value"], a["by"], a["at"], a["current"]) for a in resp.get_json()] == [
        ("yes", field.inspector.full_name, "2026-11-22T02:00:00Z", False),
        ("no", field.lead.full_name, "2026-11-22T02:05:00Z", True),
    ]


def test_history_is_for_the_team_lead_not_its_inspectors(client, field, inspection):
    push(client, answer_op(field, inspection, "T-01", "yes"))
    assert client.get(_history_url(field, inspection)).status_code == 403


def test_lead_of_another_team_finds_no_history(client, field, inspection, make_user, make_team):
    push(client, answer_op(field, inspection, "T-01", "yes"))
    other = make_user(roles.LEAD)
    make_team(lead=other)
    sign_in(client, other)
    assert client.get(_history_url(field, inspection)).status_code == 404


def test_admin_sees_any_history(client, field, inspection, make_user):
    push(client, answer_op(field, inspection, "T-01", "yes"))
    sign_in(client, make_user(roles.ADMIN))
    assert len(client.get(_history_url(field, inspection)).get_json()) == 1


def test_unanswered_item_has_no_history(client, field, inspection):
    sign_in(client, field.lead)
    resp = client.get(_history_url(field, inspection, "T-02"))
    assert resp.status_code == 404
    assert "T-02" in resp.get_json()["error"]
