"""What the office follows up: per round and per unit, findings, remediation, recurrence, scores.

Counts are aggregated in SQL; scores need each checklist's weights, so answers are read once per
page and scored in Python (checklists/scoring.score, the same rule the device uses).
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

from sqlalchemy import func, select

from ..checklists import definitions, scoring
from ..checklists.models import Checklist, ChecklistVersion
from ..checklists.visibility import answers_from
from ..extensions import db
from ..inspections.models import Finding, Inspection, Response
from ..org.models import OrgUnit
from ..remediation.models import RemediationItem
from ..timeutil import vietnam_time
from .models import Round

OPEN_STATES = ("open", "reopened")


@dataclass
class Follow:
    """One inspection's follow-up figures."""

    inspection_id: int
    unit_id: int
    unit: str
    day: date
    round_name: str | None = None
    findings: int = 0
    recurring: int = 0
    open: int = 0
    reported: int = 0
    overdue: int = 0
    verified: int = 0
    scores: dict[str, float | None] = field(default_factory=dict)  # checklist slug → percent


def _follows(inspections: list[tuple], today: date) -> dict[int, Follow]:
    """Figures for (inspection id, unit id, unit name, started_at, round name) rows."""
    rows = {i: Follow(i, u, name, vietnam_time(at).date(), rnd)
            for i, u, name, at, rnd in inspections}
    ids = list(rows)
    if not ids:
        return rows
    for inspection_id, n in db.session.execute(
            select(Finding.inspection_id, func.count(Finding.id))
            .where(Finding.inspection_id.in_(ids)).group_by(Finding.inspection_id)):
        rows[inspection_id].findings = n
    for inspection_id, state, late, n in _states(RemediationItem.inspection_id.in_(ids), today,
                                                 RemediationItem.inspection_id):
        _count_state(rows[inspection_id], state, late, n)
    _recurrence(rows)
    _scores(rows)
    return rows


def _states(where, today: date, *by):
    """(…by, state, overdue?, count) of remediation items, grouped."""
    overdue = (RemediationItem.state.in_(OPEN_STATES) & (RemediationItem.deadline < today))
    overdue = overdue.label("overdue")
    return db.session.execute(
        select(*by, RemediationItem.state, overdue, func.count(RemediationItem.id))
        .where(where).group_by(*by, RemediationItem.state, overdue)).all()


def _count_state(row: Follow, state: str, late: bool, n: int) -> None:
    if late:
        row.overdue += n
    elif state in OPEN_STATES:
        row.open += n
    elif state == "reported":
        row.reported += n
    elif state == "verified":
        row.verified += n


def _recurrence(rows: dict[int, Follow]) -> None:
    """A finding recurs when the unit's previous inspection failed the same checklist item."""
    units = {r.unit_id for r in rows.values()}
    faults = defaultdict(set)  # inspection id → {(slug, item)}
    order = defaultdict(list)  # unit id → [(started_at, inspection id)]
    for inspection_id, unit_id, at, slug, item in db.session.execute(
            select(Inspection.id, Inspection.unit_id, Inspection.started_at,
                   Finding.checklist_slug, Finding.item_id)
            .outerjoin(Finding, Finding.inspection_id == Inspection.id)
            .where(Inspection.unit_id.in_(units))):
        if item is not None:
            faults[inspection_id].add((slug, item))
        order[unit_id].append((at, inspection_id))
    for unit_id, seen in order.items():
        timeline = sorted(set(seen))
        for (_, before), (_, current) in pairwise(timeline):
            if current in rows:
                rows[current].recurring = len(faults[current] & faults[before])


def _scores(rows: dict[int, Follow]) -> None:
    answers = defaultdict(dict)  # (inspection id, version id) → {item id: value}
    for inspection_id, version_id, item_id, value in db.session.execute(
            select(Response.inspection_id, Response.checklist_version_id, Response.item_id,
                   Response.value).where(Response.inspection_id.in_(list(rows)))):
        answers[(inspection_id, version_id)][item_id] = value
    versions = {v: (slug, digest) for v, slug, digest in db.session.execute(
        select(ChecklistVersion.id, Checklist.slug, ChecklistVersion.content_hash)
        .join(Checklist).where(ChecklistVersion.id.in_({v for _, v in answers})))}
    for (inspection_id, version_id), given in answers.items():
        slug, digest = versions[version_id]
        definition = definitions.definition_for(digest, lambda v=version_id: db.session.scalar(
            select(ChecklistVersion.definition).where(ChecklistVersion.id == v))).definition
        # Stored answers name a repeat group's fields per instance ("FIELD#KEY"): regrouped.
        rows[inspection_id].scores[slug] = scoring.score(
            definition, answers_from(definition, given)).percent


def checklist_titles() -> dict[str, str]:
    """Checklist slug → title, for column headings."""
    return dict(db.session.execute(select(Checklist.slug, Checklist.title)).all())


@dataclass
class RoundPage:
    """A round's totals and one page of its inspections (a province has ~100 communes a round,
    the whole country 3,321: rows come a page at a time)."""

    total: Follow
    rows: list[Follow]
    inspections: int
    page: int
    pages: int


def round_dashboard(rnd: Round, today: date, page: int = 1, per_page: int = 50) -> RoundPage:
    """The round's totals (SQL) and one page of its inspections by unit name."""
    in_round = Inspection.round_id == rnd.id
    count = db.session.scalar(select(func.count(Inspection.id)).where(in_round)) or 0
    pages = max(1, -(-count // per_page))
    page = min(max(page, 1), pages)
    total = Follow(0, 0, "Tổng", date.min)
    total.findings = db.session.scalar(
        select(func.count(Finding.id)).join(Inspection).where(in_round)) or 0
    round_items = RemediationItem.inspection_id.in_(select(Inspection.id).where(in_round))
    for state, late, n in _states(round_items, today):
        _count_state(total, state, late, n)
    rows = _follows(db.session.execute(
        select(Inspection.id, Inspection.unit_id, OrgUnit.name, Inspection.started_at,
               Round.name).join(OrgUnit, OrgUnit.id == Inspection.unit_id)
        .outerjoin(Round, Round.id == Inspection.round_id).where(in_round)
        .order_by(OrgUnit.name, Inspection.started_at, Inspection.id)
        .offset((page - 1) * per_page).limit(per_page)).all(), today)
    ordered = sorted(rows.values(), key=lambda r: (r.unit, r.day, r.inspection_id))
    total.recurring = sum(r.recurring for r in ordered)  # of this page's inspections
    return RoundPage(total, ordered, count, page, pages)


def unit_history(unit: OrgUnit, today: date, team_ids: list[int] | None = None) -> list[Follow]:
    """The unit's inspections, oldest first (only those of `team_ids` when given)."""
    query = (select(Inspection.id, Inspection.unit_id, OrgUnit.name, Inspection.started_at,
                    Round.name).join(OrgUnit, OrgUnit.id == Inspection.unit_id)
             .outerjoin(Round, Round.id == Inspection.round_id)
             .where(Inspection.unit_id == unit.id))
    if team_ids is not None:
        query = query.where(Inspection.team_id.in_(team_ids))
    rows = _follows(db.session.execute(query).all(), today)
    return sorted(rows.values(), key=lambda r: r.day)


def today_in_vietnam(now: datetime) -> date:
    """The date in Vietnam at this UTC time."""
    return vietnam_time(now).date()
