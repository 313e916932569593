"""What a unit has been issued: its minutes and the conclusion notices that follow them. The
remediation pages read these here rather than from the minutes' own modules."""
from sqlalchemy import select

from ..extensions import db
from ..inspections.models import Inspection
from ..minutes.models import Minutes
from .models import OfficeDocument


def issued_minutes(unit_id: int | None) -> list[Minutes]:
    """The unit's issued minutes, newest first."""
    if unit_id is None:
        return []
    return list(db.session.scalars(
        select(Minutes).join(Inspection, Minutes.inspection_id == Inspection.id)
        .where(Inspection.unit_id == unit_id, Minutes.status == "issued")
        .order_by(Minutes.issued_at.desc(), Minutes.id.desc())))


def minutes_by_inspection(unit_id: int | None) -> dict[int, Minutes]:
    """The newest issued minutes of each of the unit's inspections (what an item comes from)."""
    found: dict[int, Minutes] = {}
    for m in reversed(issued_minutes(unit_id)):
        found[m.inspection_id] = m
    return found


def notices_of(minutes_ids) -> dict[int, OfficeDocument]:
    """{minutes id: its conclusion notice} of those that have one."""
    ids = list(minutes_ids)
    if not ids:
        return {}
    return {d.minutes_id: d for d in db.session.scalars(select(OfficeDocument).where(
        OfficeDocument.kind == "notice", OfficeDocument.minutes_id.in_(ids)))}
