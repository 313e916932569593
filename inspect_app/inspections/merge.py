"""The merge rule for answers from several devices, and the history it leaves behind.

For one item the answer with the later `answered_at` (device clock) is current; ties go to the
greater op_id, so every server applying the same answers in any order ends in the same state.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from ..extensions import db
from .models import Response, ResponseRevision


@dataclass(frozen=True)
class Answer:
    """One answer as a device gave it."""

    value: object
    note: str | None
    answered_at: datetime
    answered_by_id: int | None
    op_id: str


def is_later(new: Answer, current: Answer) -> bool:
    """True when `new` should replace `current` as the item's answer."""
    return (new.answered_at, new.op_id) > (current.answered_at, current.op_id)


def _answer_of(row: Response) -> Answer:
    return Answer(row.value, row.note, row.answered_at, row.answered_by_id, row.op_uuid or "")


@dataclass(frozen=True)
class Recorded:
    """Where an answer went: the item's row, whether it became current, and what it replaced."""

    row: Response
    changed: bool
    replaced: Answer | None = None


def record_answer(inspection_id: int, checklist_version_id: int, item_id: str,
                  answer: Answer) -> Recorded:
    """Store the answer as current or as history."""
    row = db.session.scalar(select(Response).where(
        Response.inspection_id == inspection_id,
        Response.checklist_version_id == checklist_version_id,
        Response.item_id == item_id))
    if row is None:
        row = Response(inspection_id=inspection_id, checklist_version_id=checklist_version_id,
                       item_id=item_id)
        db.session.add(row)
        _make_current(row, answer)
        return Recorded(row, True)
    # Revisions are added beside the row, not appended to `row.history`: that would load an
    # item's whole history on every answer.
    current = _answer_of(row)
    if is_later(answer, current):
        _add_revision(row, current)
        _make_current(row, answer)
        return Recorded(row, True, current)
    _add_revision(row, answer)
    return Recorded(row, False)


def _make_current(row: Response, answer: Answer) -> None:
    row.value = answer.value
    row.note = answer.note
    row.answered_at = answer.answered_at
    row.answered_by_id = answer.answered_by_id
    row.op_uuid = answer.op_id


def _add_revision(row: Response, answer: Answer) -> None:
    # Inserted directly: the history is only read by later requests (`item_history`).
    db.session.execute(insert(ResponseRevision.__table__).values(
        response_id=row.id, value=answer.value, note=answer.note, answered_at=answer.answered_at,
        answered_by_id=answer.answered_by_id, op_uuid=answer.op_id))


def item_history(row: Response) -> list[dict]:
    """Every answer the item received, oldest first, the current one marked."""
    answers = [(rev, False) for rev in row.history] + [(row, True)]
    answers.sort(key=lambda pair: (pair[0].answered_at, pair[0].op_uuid or ""))
    return [{
        "value": r.value,
        "note": r.note,
        "by": r.answered_by.full_name if r.answered_by else None,
        "by_id": r.answered_by_id,
        "at": r.answered_at.isoformat() + "Z",
        "op_id": r.op_uuid,
        "current": current,
    } for r, current in answers]
