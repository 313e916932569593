"""What a device pulls: everything this user may see, or only what changed since its cursor.

The cursor is the server time at the *start* of the previous pull, signed so the device cannot
forge one. A row written by a transaction that was still open when that pull ran carries an
`updated_at` a little before the cursor; the next pull therefore looks back OVERLAP further, and the
device simply receives a few rows twice (it stores by id, so that changes nothing).
"""
from datetime import datetime, timedelta

from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import selectinload

from ..checklists import operations as checklist_ops
from ..checklists.models import ChecklistVersion
from ..documents.issuer import issuer_of
from ..extensions import db
from ..followup.models import Round
from ..minutes.models import Minutes
from ..org import roles
from ..org.models import OrgUnit, StaffMember, Team, TeamMember, User
from ..photos.models import Photo
from ..remediation.models import RemediationItem
from ..timeutil import utcnow, vietnam_time
from .fields import iso
from . import conflicts
from .models import AnswerConflict, Attendance, Inspection, Response, Supplement

DEFAULT_OVERLAP = timedelta(minutes=2)
OPEN_ROUND_STATUSES = ("planned", "active")
# Work the team still holds: open, finished but not yet signed, signed but not yet issued.
HELD_STATUSES = ("in_progress", "completed", "signed")


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="inspect_app.sync.pull-cursor")


def make_cursor(secret: str, user: User, team_ids: list[int], started: datetime) -> str:
    """An opaque cursor: the pull's start time, for this user, role and set of teams."""
    return _serializer(secret).dumps(
        {"t": started.isoformat(), "u": user.id, "r": user.role, "teams": team_ids})


def read_cursor(secret: str, cursor: str | None, user: User, team_ids: list[int]) -> datetime | None:
    """The time to send changes from, or None for a full pull.

    A cursor made for another user, role or set of teams means a full pull: what the user may see
    changed as a whole, and the rows that left their view would otherwise linger on the device.
    """
    if not cursor:
        return None
    try:
        payload = _serializer(secret).loads(cursor)
        if (payload.get("u"), payload.get("r"), payload.get("teams")) != (user.id, user.role,
                                                                          team_ids):
            return None
        return datetime.fromisoformat(payload["t"])
    except (BadData, AttributeError, KeyError, TypeError, ValueError):
        return None


def pull(user: User, cursor: str | None, *, secret: str,
         overlap: timedelta = DEFAULT_OVERLAP) -> dict:
    """The pull answer for `user` (an office role), less the CSRF token the view adds."""
    started = utcnow()
    memberships = db.session.execute(
        select(TeamMember).where(TeamMember.user_id == user.id).order_by(TeamMember.team_id)
        .options(selectinload(TeamMember.team).selectinload(Team.members)
                 .selectinload(TeamMember.user))).scalars().all()
    team_ids = [m.team_id for m in memberships]
    since_cursor = read_cursor(secret, cursor, user, team_ids)
    since = since_cursor - overlap if since_cursor else None

    rounds, gone_rounds = _split(_rounds(user, team_ids, since),
                                 lambda r: r.status in OPEN_ROUND_STATUSES)
    # Issued minutes: the inspection comes one last time, carrying them, and then no more.
    inspections, gone_inspections = _split(_inspections(team_ids, since),
                                           lambda i: i.status in (*HELD_STATUSES, "issued"))
    remediation, gone_remediation = _split(_remediation(since), lambda r: r.state != "verified")
    today = vietnam_time(started).date()
    return {
        "cursor": make_cursor(secret, user, team_ids, started),
        "full": since is None,
        "server_time": iso(started),
        "user": {"id": user.id, "username": user.username, "full_name": user.full_name,
                 "role": user.role,
                 "teams": [{"id": m.team_id, "name": m.team.name, "team_role": m.team_role,
                            "decision_ref": m.team.decision_ref, "office": _office(m.team.office),
                            "members": _team_members(m.team)}
                           for m in memberships]},
        "units": [_unit(u) for u in _changed(OrgUnit, since)],
        "staff": [_staff(s) for s in _changed(StaffMember, since)],
        "checklists": [_checklist(v) for v in _checklists(since, inspections)],
        "rounds": [_round(r) for r in rounds],
        "inspections": _inspections_out(inspections),
        "remediation": [_remediation_out(r, today) for r in remediation],
        "removed": {"rounds": [r.id for r in gone_rounds],
                    "inspections": [i.uuid for i in gone_inspections],
                    "remediation": [r.id for r in gone_remediation]},
    }


def _team_members(team: Team) -> list[dict]:
    # An inspection started offline names its team from this list, as the minutes print it.
    return [{"user_id": tm.user_id, "full_name": tm.user.full_name, "position": tm.user.position,
             "team_role": tm.team_role} for tm in sorted(team.members, key=lambda tm: tm.id)]


def _split(rows, keep) -> tuple[list, list]:
    kept, gone = [], []
    for row in rows:
        (kept if keep(row) else gone).append(row)
    return kept, gone


def _changed(model, since):
    query = select(model).order_by(model.id)
    if since is not None:
        query = query.where(model.updated_at >= since)
    return db.session.scalars(query).all()


def _rounds(user: User, team_ids: list[int], since) -> list[Round]:
    if user.role not in roles.OFFICE:
        return []  # a unit head never learns of a planned inspection
    query = select(Round).order_by(Round.id).options(
        selectinload(Round.units), selectinload(Round.checklists))
    if user.role != roles.ADMIN:
        query = query.where(Round.team_id.in_(team_ids))
    if since is None:
        query = query.where(Round.status.in_(OPEN_ROUND_STATUSES))
    else:
        # Drafts stay unseen; a round that went back to draft leaves the device as "removed".
        query = query.where(Round.updated_at >= since)
    return db.session.scalars(query).all()


def _inspections(team_ids: list[int], since) -> list[Inspection]:
    query = select(Inspection).where(Inspection.team_id.in_(team_ids)).order_by(Inspection.id)
    if since is None:
        # Issued minutes with supplements the lead has not yet taken into amended minutes stay.
        waiting = exists().where(Supplement.inspection_id == Inspection.id,
                                 Supplement.minutes_id.is_(None))
        query = query.where(or_(Inspection.status.in_(HELD_STATUSES),
                                and_(Inspection.status == "issued", waiting)))
    else:
        query = query.where(Inspection.updated_at >= since)
    return db.session.scalars(query.options(
        selectinload(Inspection.checklist_versions), selectinload(Inspection.members),
        selectinload(Inspection.attendance).selectinload(Attendance.recorded_by),
        selectinload(Inspection.responses).selectinload(Response.answered_by))).all()


def _remediation(since) -> list[RemediationItem]:
    query = select(RemediationItem).order_by(RemediationItem.id).options(
        selectinload(RemediationItem.finding))
    if since is None:
        query = query.where(RemediationItem.state != "verified")
    else:
        query = query.where(RemediationItem.updated_at >= since)
    return db.session.scalars(query).all()


def _checklists(since, inspections: list[Inspection]) -> list[ChecklistVersion]:
    versions = {v.id: v for v in checklist_ops.current_versions()
                if since is None or v.imported_at >= since}
    # An inspection the device already had came with its versions; a new one brings them.
    in_use = {link.checklist_version_id for i in inspections for link in i.checklist_versions
              if since is None or i.created_at >= since}
    if in_use - versions.keys():
        for v in db.session.scalars(select(ChecklistVersion).where(
                ChecklistVersion.id.in_(in_use - versions.keys()))):
            versions[v.id] = v
    return [versions[k] for k in sorted(versions)]


def _unit(u: OrgUnit) -> dict:
    return {"id": u.id, "name": u.name, "kind": u.kind, "code": u.code, "parent_id": u.parent_id,
            "historical": u.historical, "merged_into_id": u.merged_into_id}


def _staff(s: StaffMember) -> dict:
    return {"id": s.id, "unit_id": s.unit_id, "full_name": s.full_name, "position": s.position,
            "active": s.active}


def _checklist(v: ChecklistVersion) -> dict:
    return {"id": v.id, "slug": v.checklist.slug, "version": v.version, "title": v.checklist.title,
            "definition": v.definition}


def _office(unit: OrgUnit | None) -> dict | None:
    """The inspecting body as the minutes' header names it (the record's `body`), and the place
    its documents are dated from."""
    if unit is None:
        return None
    issuer = issuer_of(unit)
    return {"name": issuer.name, "parent": issuer.superior, "place": issuer.place}


def _round(r: Round) -> dict:
    return {"id": r.id, "name": r.name, "kind": r.kind, "status": r.status, "team_id": r.team_id,
            "unit_ids": [u.id for u in r.units], "checklist_slugs": [c.slug for c in r.checklists],
            "period_start": r.period_start.isoformat(), "period_end": r.period_end.isoformat(),
            "plan_ref": r.plan_ref, "office": _office(r.office)}


def _inspections_out(inspections: list[Inspection]) -> list[dict]:
    photos: dict[int, list[Photo]] = {}
    minutes: dict[int, list[Minutes]] = {}
    raced: dict[int, list[AnswerConflict]] = {}
    supplements: dict[int, list[Supplement]] = {}
    if inspections:
        ids = [i.id for i in inspections]
        for p in db.session.scalars(select(Photo).where(
                Photo.inspection_id.in_(ids)).order_by(Photo.id)
                .options(selectinload(Photo.uploaded_by))):
            photos.setdefault(p.inspection_id, []).append(p)
        for m in db.session.scalars(select(Minutes).where(
                Minutes.inspection_id.in_(ids), Minutes.status.in_(("signed", "issued")))
                .order_by(Minutes.id).options(selectinload(Minutes.amends))):
            minutes.setdefault(m.inspection_id, []).append(m)
        for c in db.session.scalars(select(AnswerConflict).where(
                AnswerConflict.inspection_id.in_(ids)).order_by(AnswerConflict.id)
                .options(selectinload(AnswerConflict.settled_by))):
            raced.setdefault(c.inspection_id, []).append(c)
        for sup in db.session.scalars(select(Supplement).where(
                Supplement.inspection_id.in_(ids)).order_by(Supplement.id)
                .options(selectinload(Supplement.user))):
            supplements.setdefault(sup.inspection_id, []).append(sup)
    return [_inspection(i, photos.get(i.id, []), minutes.get(i.id, []), raced.get(i.id, []),
                        supplements.get(i.id, [])) for i in inspections]


def _minutes(m: Minutes) -> dict:
    issued = m.status == "issued"
    return {"uuid": m.uuid, "status": m.status, "public_id": m.public_id, "number": m.number,
            "content_hash": m.content_hash, "amends": m.amends.uuid if m.amends else None,
            "pdf_url": f"/minutes/{m.public_id}.pdf" if issued else None,
            "verify_url": f"/verify/{m.public_id}" if issued else None}


def _inspection(i: Inspection, photos: list[Photo], minutes: list[Minutes],
                answer_conflicts: list[AnswerConflict], supplements: list[Supplement]) -> dict:
    return {
        "uuid": i.uuid, "unit_id": i.unit_id, "round_id": i.round_id, "team_id": i.team_id,
        "kind": i.kind, "status": i.status, "started_at": iso(i.started_at),
        "ended_at": iso(i.ended_at), "location": i.location,
        "checklist_version_ids": sorted(link.checklist_version_id for link in i.checklist_versions),
        "members": [{"user_id": m.user_id, "full_name": m.full_name, "position": m.position,
                     "team_role": m.team_role} for m in sorted(i.members, key=lambda m: m.id)],
        "responses": [{"checklist_version_id": r.checklist_version_id, "item_id": r.item_id,
                       "value": r.value, "note": r.note, "answered_at": iso(r.answered_at),
                       "answered_by": r.answered_by.full_name if r.answered_by else None,
                       "answered_by_id": r.answered_by_id, "op_id": r.op_uuid}
                      for r in sorted(i.responses, key=lambda r: r.id)],
        "conflicts": [conflicts.pulled(c) for c in answer_conflicts],
        "attendance": [{"uuid": a.uuid, "staff_member_id": a.staff_member_id,
                        "full_name": a.full_name, "position": a.position, "status": a.status,
                        "note": a.note, "recorded_at": iso(a.recorded_at),
                        "recorded_by": a.recorded_by.full_name if a.recorded_by else None}
                       for a in sorted(i.attendance, key=lambda a: a.id)],
        "photos": [{"uuid": p.uuid, "sha256": p.sha256, "checklist_version_id":
                    p.checklist_version_id, "item_id": p.item_id, "caption": p.caption,
                    "captured_at": iso(p.captured_at), "stored": p.stored,
                    "remediation_item_id": p.remediation_item_id,
                    "markup_of": p.markup_of_sha256,
                    "added_by": p.uploaded_by.full_name if p.uploaded_by else None}
                   for p in photos],
        "minutes": [_minutes(m) for m in minutes],
        "supplements": [_supplement(s) for s in supplements],
    }


def _supplement(s: Supplement) -> dict:
    return {"uuid": s.uuid, "checklist_version_id": s.checklist_version_id, "item_id": s.item_id,
            "value": s.value, "note": s.note, "photos": s.photo_sha256s, "reason": s.reason,
            "by": s.user.full_name if s.user else None, "recorded_at": iso(s.recorded_at),
            "created_at": iso(s.created_at), "taken": s.minutes_id is not None}


def _remediation_out(r: RemediationItem, today) -> dict:
    finding = r.finding
    return {"id": r.id, "uuid": r.uuid, "unit_id": r.unit_id,
            "action": r.action, "responsible": r.responsible,
            "deadline": r.deadline.isoformat(), "state": r.state,
            "display_state": r.display_state(today),
            "finding": None if finding is None else {
                "item_id": finding.item_id, "checklist_slug": finding.checklist_slug,
                "description": finding.description, "severity": finding.severity}}

