"""Which inspections the office's list shows, in what state, a page at a time.

The state a row shows is derived in SQL, so that filtering by it and paging agree: a draft until the
minutes are signed, then signed, issued; once issued, "overdue" while any remediation item is past
its deadline, "closed" when nothing is left to verify, else "notice" once the conclusion notice
is sent and "issued" before.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import case, exists, func, select

from ..checklists.models import Checklist, ChecklistVersion
from ..documents.models import OfficeDocument
from ..extensions import db
from ..followup.models import Round
from ..inspections.models import Finding, Inspection, InspectionChecklist
from ..minutes.models import Minutes
from ..org.models import OrgUnit
from ..remediation.models import RemediationItem
from ..paging import PAGE_SIZE, Page, paginate
from ..timeutil import VIETNAM, vietnam_time

STATUSES = {
    "draft": "Đang kiểm tra, chưa ký biên bản",
    "signed": "Đã ký biên bản, chờ ban hành",
    "issued": "Đã ban hành biên bản, chưa gửi thông báo kết luận",
    "notice": "Đã gửi thông báo kết luận, đang khắc phục",
    "overdue": "Có yêu cầu khắc phục quá hạn",
    "closed": "Đã khắc phục xong",
}
OUTSIDE_ROUNDS = "none"  # the round filter's value for inspections made outside any round
OUTSIDE_ROUNDS_LABEL = "Ngoài đợt kiểm tra (đột xuất)"


@dataclass(frozen=True)
class Filters:
    """What the office asked for; None: any."""

    unit_id: int | None = None
    round: str | None = None  # a round's id, or OUTSIDE_ROUNDS
    checklist: str | None = None  # a checklist's slug
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class Row:
    """One inspection as the list shows it."""

    id: int
    unit_id: int
    unit: str
    started: datetime  # Vietnam time
    round_id: int | None
    round_name: str
    kind: str
    checklists: list[str] = field(default_factory=list)
    status: str = "draft"
    minutes_number: str | None = None
    minutes_public_id: str | None = None
    notice_number: str | None = None
    notice_public_id: str | None = None
    findings: int = 0
    overdue: int = 0

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


def status_of(today: date):
    """The row's state as an SQL expression (see the module's docstring)."""
    items = RemediationItem
    overdue = exists().where(items.inspection_id == Inspection.id,
                             items.state.in_(("open", "reopened")), items.deadline < today)
    outstanding = exists().where(items.inspection_id == Inspection.id, items.state != "verified")
    noticed = exists().where(Minutes.inspection_id == Inspection.id,
                             OfficeDocument.minutes_id == Minutes.id)
    return case((Inspection.status.in_(("in_progress", "completed")), "draft"),
                (Inspection.status == "signed", "signed"),
                (overdue, "overdue"), (~outstanding, "closed"), (noticed, "notice"),
                else_="issued")


def _utc(day: date) -> datetime:
    """Midnight of a Vietnamese day as the naive UTC the columns hold."""
    return datetime.combine(day, time()) - VIETNAM.utcoffset(None)


def _query(filters: Filters, team_ids: list[int] | None, today: date):
    status = status_of(today).label("status")
    query = (select(Inspection.id, Inspection.unit_id, OrgUnit.name, Inspection.started_at,
                    Inspection.round_id, Round.name, Inspection.kind, status)
             .join(OrgUnit, OrgUnit.id == Inspection.unit_id)
             .outerjoin(Round, Round.id == Inspection.round_id))
    if team_ids is not None:
        query = query.where(Inspection.team_id.in_(team_ids))
    if filters.unit_id is not None:
        query = query.where(Inspection.unit_id == filters.unit_id)
    if filters.round == OUTSIDE_ROUNDS:
        query = query.where(Inspection.round_id.is_(None))
    elif filters.round is not None:
        query = query.where(Inspection.round_id == int(filters.round))
    if filters.checklist:
        query = query.where(Inspection.id.in_(
            select(InspectionChecklist.inspection_id)
            .join(ChecklistVersion, ChecklistVersion.id == InspectionChecklist.checklist_version_id)
            .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
            .where(Checklist.slug == filters.checklist)))
    if filters.status:
        query = query.where(status_of(today) == filters.status)
    if filters.date_from:
        query = query.where(Inspection.started_at >= _utc(filters.date_from))
    if filters.date_to:
        query = query.where(Inspection.started_at < _utc(filters.date_to + timedelta(days=1)))
    return query


def page(filters: Filters, team_ids: list[int] | None, today: date, number: int = 1,
         size: int = PAGE_SIZE) -> Page:
    """Page `number` (from 1) of the inspections, newest first; `team_ids` None: all of them."""
    found, number, pages, total = paginate(
        _query(filters, team_ids, today).order_by(Inspection.started_at.desc(),
                                                  Inspection.id.desc()), number, size)
    return Page(_rows(found, today), number, pages, total)


def every_row(filters: Filters, team_ids: list[int] | None, today: date) -> list[Row]:
    """All the inspections the filters select, newest first (for an export)."""
    query = _query(filters, team_ids, today)
    return _rows(db.session.execute(
        query.order_by(Inspection.started_at.desc(), Inspection.id.desc())).all(), today)


def _rows(found, today: date) -> list[Row]:
    ids = [r[0] for r in found]
    if not ids:
        return []
    titles: dict[int, list[str]] = {}
    for inspection_id, title in db.session.execute(
            select(InspectionChecklist.inspection_id, Checklist.title)
            .join(ChecklistVersion, ChecklistVersion.id == InspectionChecklist.checklist_version_id)
            .join(Checklist, Checklist.id == ChecklistVersion.checklist_id)
            .where(InspectionChecklist.inspection_id.in_(ids)).order_by(Checklist.title)):
        titles.setdefault(inspection_id, []).append(title)
    minutes = {}
    # The latest issued minutes stand for the inspection (an amendment replaces what it amends).
    for inspection_id, number, public_id in db.session.execute(
            select(Minutes.inspection_id, Minutes.number, Minutes.public_id)
            .where(Minutes.inspection_id.in_(ids), Minutes.status == "issued")
            .order_by(Minutes.issued_at, Minutes.id)):
        minutes[inspection_id] = (number, public_id)
    notices = {inspection_id: (number, public_id) for inspection_id, number, public_id in
               db.session.execute(
                   select(Minutes.inspection_id, OfficeDocument.number, OfficeDocument.public_id)
                   .join(OfficeDocument, OfficeDocument.minutes_id == Minutes.id)
                   .where(Minutes.inspection_id.in_(ids)).order_by(OfficeDocument.issued_at))}
    findings = dict(db.session.execute(
        select(Finding.inspection_id, func.count()).where(Finding.inspection_id.in_(ids))
        .group_by(Finding.inspection_id)).all())
    overdue = dict(db.session.execute(
        select(RemediationItem.inspection_id, func.count())
        .where(RemediationItem.inspection_id.in_(ids),
               RemediationItem.state.in_(("open", "reopened")), RemediationItem.deadline < today)
        .group_by(RemediationItem.inspection_id)).all())
    return [Row(id=i, unit_id=unit_id, unit=unit, started=vietnam_time(started),
                round_id=round_id, round_name=round_name or OUTSIDE_ROUNDS_LABEL, kind=kind,
                checklists=titles.get(i, []), status=status,
                minutes_number=minutes.get(i, (None, None))[0],
                minutes_public_id=minutes.get(i, (None, None))[1],
                notice_number=notices.get(i, (None, None))[0],
                notice_public_id=notices.get(i, (None, None))[1],
                findings=findings.get(i, 0), overdue=overdue.get(i, 0))
            for i, unit_id, unit, started, round_id, round_name, kind, status in found]
