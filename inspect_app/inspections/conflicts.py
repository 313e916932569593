"""Two devices answering one item differently, neither having seen the other's answer.

A device sends with each answer the op id of the answer it showed before (`base`). An answer
whose base is not the item's current answer, and that differs from it (value or note), raced
it: a conflict opens, holding both answers and who gave each. The merge rule still picks the
current answer (merge.py); the conflict keeps the item open, and the minutes unsigned, until
the team lead chooses one (`settle`). Answers arriving while it is open join it (one per person).
"""
from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from ..extensions import db
from ..org.models import User
from ..timeutil import utcnow
from .fields import iso
from .merge import Answer
from .models import AnswerConflict


def open_conflict(inspection_id: int, version_id: int, item_id: str) -> AnswerConflict | None:
    """The item's conflict waiting for the lead, if any."""
    return db.session.scalar(select(AnswerConflict).where(
        AnswerConflict.inspection_id == inspection_id,
        AnswerConflict.checklist_version_id == version_id, AnswerConflict.item_id == item_id,
        AnswerConflict.settled_at.is_(None)))


def last_settled(inspection_id: int, version_id: int, item_id: str) -> AnswerConflict | None:
    return db.session.scalar(select(AnswerConflict).where(
        AnswerConflict.inspection_id == inspection_id,
        AnswerConflict.checklist_version_id == version_id, AnswerConflict.item_id == item_id,
        AnswerConflict.settled_at.is_not(None)).order_by(AnswerConflict.id.desc()).limit(1))


def open_items(inspection_id: int) -> list[str]:
    """Items of the inspection with a conflict waiting for the lead, in item order."""
    return sorted(set(db.session.scalars(select(AnswerConflict.item_id).where(
        AnswerConflict.inspection_id == inspection_id, AnswerConflict.settled_at.is_(None)))))


def _entry(answer: Answer) -> dict:
    by = db.session.get(User, answer.answered_by_id) if answer.answered_by_id else None
    return {"op_id": answer.op_id, "value": answer.value, "note": answer.note,
            "by_id": answer.answered_by_id, "by": by.full_name if by else None,
            "at": iso(answer.answered_at)}


def differ(a: Answer, b: Answer) -> bool:
    return (a.value, a.note or None) != (b.value, b.note or None)


def note_answer(inspection_id: int, version_id: int, item_id: str, answer: Answer,
                base: str | None, before: Answer | None) -> AnswerConflict | None:
    """Open or extend the item's conflict when `answer` raced `before` (the answer current when
    it arrived); None when there is none. `base` None: the device saw no answer."""
    conflict = open_conflict(inspection_id, version_id, item_id)
    if conflict is not None:
        # The same person's newer answer replaces theirs: one answer per person to choose from.
        kept = [e for e in conflict.answers if e["by_id"] != answer.answered_by_id]
        conflict.answers = [*kept, _entry(answer)]
        flag_modified(conflict, "answers")
        return conflict
    if before is None or base == before.op_id or not differ(answer, before):
        return None
    conflict = AnswerConflict(inspection_id=inspection_id, checklist_version_id=version_id,
                              item_id=item_id, answers=[_entry(before), _entry(answer)],
                              opened_at=utcnow())
    db.session.add(conflict)
    return conflict


def chosen_answer(conflict: AnswerConflict, op_id: str) -> dict | None:
    """The conflict's answer given by op `op_id`, or None."""
    return next((e for e in conflict.answers if e["op_id"] == op_id), None)


def close(conflict: AnswerConflict, op_id: str, user: User) -> None:
    conflict.settled_at, conflict.settled_by_id, conflict.chosen_op_id = utcnow(), user.id, op_id


def pulled(conflict: AnswerConflict) -> dict:
    """A conflict as the pull sends it (docs/sync-protocol.md)."""
    return {"checklist_version_id": conflict.checklist_version_id, "item_id": conflict.item_id,
            "answers": conflict.answers, "opened_at": iso(conflict.opened_at),
            "settled_at": iso(conflict.settled_at), "chosen": conflict.chosen_op_id,
            "settled_by": conflict.settled_by.full_name if conflict.settled_by else None}
