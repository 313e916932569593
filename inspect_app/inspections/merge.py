"""The merge rule for answers from several devices, and the history it leaves behind.

For one item the answer with the later `answered_at` (device clock) is current; ties go to the
greater op_id, so every server applying the same answers in any order ends in the same state.
An answer given over the current one (its `base` is the current answer's op id: the device saw
it) replaces it whatever the clocks say: it is an edit, not a race. Whether two answers race is
judged in `conflicts`.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm.util import identity_key

from .. import plainsql
from ..extensions import db
from .models import Response, ResponseRevision

# Every answer of a push runs these (see plainsql). They bypass the ORM, so a Response the session
# already holds is expired after a write.
_RESPONSES = Response.__table__
_CURRENT = select(
    _RESPONSES.c.id, _RESPONSES.c.value, _RESPONSES.c.note, _RESPONSES.c.answered_at,
    _RESPONSES.c.answered_by_id, _RESPONSES.c.op_uuid,
).where(_RESPONSES.c.inspection_id == bindparam("inspection_id"),
        _RESPONSES.c.checklist_version_id == bindparam("checklist_version_id"),
        _RESPONSES.c.item_id == bindparam("item_id"))
_ADD = insert(_RESPONSES)
_REPLACE = update(_RESPONSES).where(_RESPONSES.c.id == bindparam("response_id"))
_ADD_REVISION = insert(ResponseRevision.__table__)


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


@dataclass(frozen=True)
class ItemAnswer:
    """An item's row in `responses` as it stands after an answer: its key and current answer."""

    id: int
    inspection_id: int
    checklist_version_id: int
    item_id: str
    value: object
    note: str | None


@dataclass(frozen=True)
class Recorded:
    """Where an answer went: the item's row, whether it became current, and what it replaced."""

    row: ItemAnswer
    changed: bool
    replaced: Answer | None = None
    before: Answer | None = None  # the item's current answer when this one arrived


def record_answer(inspection_id: int, checklist_version_id: int, item_id: str,
                  answer: Answer, *, base: str | None = None, force: bool = False,
                  unanswered: bool = False) -> Recorded:
    """Store the answer as current or as history (`force`: current, as a lead's settlement).
    `unanswered`: the caller knows the item has no answer yet, so it is not looked up."""
    key = {"inspection_id": inspection_id, "checklist_version_id": checklist_version_id,
           "item_id": item_id}
    found = None if unanswered else plainsql.execute(_CURRENT, key).first()
    if found is None:
        added = plainsql.execute(_ADD, {**key, **_columns(answer)})
        row_id = added.inserted_primary_key[0]
        return Recorded(ItemAnswer(row_id, *key.values(), answer.value, answer.note), True)
    current = Answer(found.value, found.note, found.answered_at, found.answered_by_id,
                     found.op_uuid or "")
    _expire_held(found.id)
    if force or (base is not None and base == current.op_id) or is_later(answer, current):
        _add_revision(found.id, current)
        plainsql.execute(_REPLACE, {"response_id": found.id, **_columns(answer)})
        return Recorded(ItemAnswer(found.id, *key.values(), answer.value, answer.note),
                        True, current, current)
    _add_revision(found.id, answer)
    return Recorded(ItemAnswer(found.id, *key.values(), current.value, current.note), False,
                    before=current)


def _columns(answer: Answer) -> dict:
    return {"value": answer.value, "note": answer.note, "answered_at": answer.answered_at,
            "answered_by_id": answer.answered_by_id, "op_uuid": answer.op_id}


def _add_revision(response_id: int, answer: Answer) -> None:
    # The history is only read by later requests (`item_history`).
    plainsql.execute(_ADD_REVISION, {"response_id": response_id, **_columns(answer)})


def _expire_held(response_id: int) -> None:
    """A copy of the row the session holds (with its history) would be stale after this write."""
    held = db.session.identity_map.get(identity_key(Response, response_id))
    if held is not None:
        db.session.expire(held)


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
