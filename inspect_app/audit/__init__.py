"""Audit trail: every operation that changes something records itself here."""
from flask import has_request_context, request
from sqlalchemy import event, insert, null
from sqlalchemy.orm import Session

from ..extensions import db
from .models import AuditEvent


def record(user, action: str, obj=None, **details) -> None:
    """Write an audit event in the current transaction; it commits with the change it describes.

    Inserted directly rather than added to the session: nothing reads an event back in the request
    that wrote it, and every sync op writes one, so the unit of work's bookkeeping is saved."""
    object_id = None
    if obj is not None:
        if getattr(obj, "id", None) is None:
            db.session.flush()  # a new object gets its id, so the trail can point at it
        object_id = str(obj.id)
    db.session.execute(insert(AuditEvent.__table__).values(
        user_id=getattr(user, "id", None),
        username=getattr(user, "username", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=object_id,
        details=details or null(),  # SQL NULL, not the JSON text "null"
        ip=request.remote_addr if has_request_context() else None,
    ))


@event.listens_for(Session, "before_flush")
def _append_only(session, flush_context, instances):
    """The ORM refuses to change or delete an audit event; the database refuses updates too."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise PermissionError("audit events are append-only")
