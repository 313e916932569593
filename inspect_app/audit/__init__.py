"""Audit trail: every operation that changes something records itself here."""
from dataclasses import dataclass

from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from .. import client_address, plainsql
from ..extensions import db
from .models import AuditEvent

# Built once: every sync op writes an event. Without `details` in the parameters the column is
# left out, which stores SQL NULL rather than the JSON text "null".
_INSERT = insert(AuditEvent.__table__)


@dataclass(frozen=True)
class Ref:
    """A row written without the ORM, named as its model would be (e.g. Ref("Response", 7))."""

    type_name: str
    id: int


def record(user, action: str, obj=None, **details) -> None:
    """Write an audit event in the current transaction; it commits with the change it describes.

    Inserted directly rather than added to the session: nothing reads an event back in the request
    that wrote it, and every sync op writes one, so the unit of work's bookkeeping is saved."""
    plainsql.execute(_INSERT, event_row(user, action, obj, **details))


def event_row(user, action: str, obj=None, **details) -> dict:
    """The row `record` writes, for a caller that writes many at once (`record_rows`)."""
    object_type = object_id = None
    if obj is not None:
        if getattr(obj, "id", None) is None:
            db.session.flush()  # a new object gets its id, so the trail can point at it
        object_type = obj.type_name if isinstance(obj, Ref) else type(obj).__name__
        object_id = str(obj.id)
    row = {"user_id": getattr(user, "id", None), "username": getattr(user, "username", None),
           "action": action, "object_type": object_type, "object_id": object_id,
           "ip": client_address.of_request()}
    if details:
        row["details"] = details
    return row


def record_rows(rows: list[dict]) -> None:
    """Write these events (from `event_row`) in one statement for each set of columns: a push
    of a whole inspection writes a hundred."""
    by_columns: dict[bool, list[dict]] = {}
    for row in rows:
        by_columns.setdefault("details" in row, []).append(row)
    for group in by_columns.values():
        plainsql.execute(_INSERT, group)


@event.listens_for(Session, "before_flush")
def _append_only(session, flush_context, instances):
    """The ORM refuses to change or delete an audit event; the database refuses updates too."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise PermissionError("audit events are append-only")
