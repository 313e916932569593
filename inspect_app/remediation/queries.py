"""What each person may see of remediation: a unit head only their unit, the office every unit."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from ..errors import NotFound
from ..extensions import db
from ..org import roles
from ..org.models import OrgUnit, User
from ..photos.models import Photo
from .models import RemediationItem, RemediationNotice, RemediationReport

GONE = "Không tìm thấy yêu cầu khắc phục."
REPORT_GONE = "Không tìm thấy báo cáo khắc phục."
# Unit heads see their list in this order: what needs doing first, what is settled last.
STATE_ORDER = {"overdue": 0, "reopened": 1, "open": 2, "reported": 3, "verified": 4}


def unit_items(unit_id: int | None, today: date) -> list[RemediationItem]:
    """A unit's items, most urgent first (overdue, reopened, open, reported, verified)."""
    if unit_id is None:
        return []
    items = db.session.scalars(select(RemediationItem).where(
        RemediationItem.unit_id == unit_id).order_by(RemediationItem.deadline,
                                                      RemediationItem.id)).all()
    return sorted(items, key=lambda i: STATE_ORDER.get(i.display_state(today), 9))


def grouped_by_minutes(items: list[RemediationItem], minutes_of: dict,
                       today: date, state: str | None = None) -> list[tuple]:
    """(minutes or None, items) of the items in `state` (as shown: overdue counts), the newest
    minutes first, each group most urgent first; items of no issued minutes last."""
    groups: dict[int | None, list[RemediationItem]] = {}
    for item in items:
        if state is None or item.display_state(today) == state:
            m = minutes_of.get(item.inspection_id)
            groups.setdefault(m.id if m else None, []).append(item)
    by_id = {m.id: m for m in minutes_of.values()}
    order = sorted((k for k in groups if k is not None),
                   key=lambda k: (by_id[k].issued_at, k), reverse=True)
    return [(by_id[k], groups[k]) for k in order] + ([(None, groups[None])] if None in groups else [])


def state_counts(items: list[RemediationItem], today: date) -> dict[str, int]:
    """How many items are in each state as shown, in the order the list offers them."""
    shown = [i.display_state(today) for i in items]
    return {s: shown.count(s) for s in STATE_ORDER if s in shown}


def item_for_unit_head(user: User, item_id: int) -> RemediationItem:
    """One of the user's own unit's items; NotFound for any other, so none is confirmed."""
    item = db.session.get(RemediationItem, item_id)
    if item is None or user.unit_id is None or item.unit_id != user.unit_id:
        raise NotFound(GONE)
    return item


def item_for_office(item_id: int) -> RemediationItem:
    item = db.session.get(RemediationItem, item_id)
    if item is None:
        raise NotFound(GONE)
    return item


def evidence(item_ids: list[int]) -> dict[int, list[Photo]]:
    """Stored evidence photos by item: the unit's reports and the office's on-site checks."""
    out: dict[int, list[Photo]] = {i: [] for i in item_ids}
    if not item_ids:
        return out
    for photo in db.session.scalars(select(Photo).where(
            Photo.remediation_item_id.in_(item_ids), Photo.stored.is_(True))
            .order_by(Photo.created_at, Photo.id)):
        out[photo.remediation_item_id].append(photo)
    return out


def unit_reports(unit_id: int | None) -> list[RemediationReport]:
    if unit_id is None:
        return []
    return list(db.session.scalars(select(RemediationReport).where(
        RemediationReport.unit_id == unit_id).order_by(RemediationReport.sent_at.desc())))


def report_for(user: User, report_id: int) -> RemediationReport:
    """A report the user may download: the office any, a unit head only their unit's."""
    report = db.session.get(RemediationReport, report_id)
    if report is None or report.pdf_sha256 is None:
        raise NotFound(REPORT_GONE)
    if not may_download_report(user, report):
        raise NotFound(REPORT_GONE)
    return report


def may_download_report(user: User, report: RemediationReport) -> bool:
    """The office reads every unit's reports; a unit head only their own unit's."""
    if user.role == roles.UNIT_HEAD:
        return user.unit_id is not None and report.unit_id == user.unit_id
    return user.role in roles.ALL


def current_notices(user: User) -> list[RemediationNotice]:
    """Unread reminders, newest first, one per item (yesterday's for the same item is stale)."""
    seen, out = set(), []
    for notice in db.session.scalars(select(RemediationNotice).where(
            RemediationNotice.user_id == user.id, RemediationNotice.read_at.is_(None))
            .order_by(RemediationNotice.day.desc(), RemediationNotice.id.desc())):
        if notice.item_id not in seen and notice.item.state in ("open", "reopened"):
            seen.add(notice.item_id)
            out.append(notice)
    return out


@dataclass
class UnitSummary:
    unit: OrgUnit
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def waiting(self) -> int:
        return self.counts.get("reported", 0)


def office_summary(today: date) -> list[UnitSummary]:
    """Every unit with items, counted by the state a person sees; units awaiting checks first."""
    # Grouped by the label: PostgreSQL sees two bound dates as two different expressions.
    past = (RemediationItem.deadline < today).label("past")
    rows = db.session.execute(
        select(RemediationItem.unit_id, RemediationItem.state, past, func.count())
        .group_by(RemediationItem.unit_id, RemediationItem.state, past)).all()
    by_unit: dict[int, UnitSummary] = {}
    for unit_id, state, past, count in rows:
        if unit_id not in by_unit:
            by_unit[unit_id] = UnitSummary(db.session.get(OrgUnit, unit_id))
        shown = "overdue" if past and state in ("open", "reopened") else state
        counts = by_unit[unit_id].counts
        counts[shown] = counts.get(shown, 0) + count
    return sorted(by_unit.values(), key=lambda s: (-s.waiting, s.unit.name))


def unit_or_404(unit_id: int) -> OrgUnit:
    unit = db.session.get(OrgUnit, unit_id)
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    return unit
