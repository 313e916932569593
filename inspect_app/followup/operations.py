"""Planning rounds. Who may see a round is decided here too: plans of surprise visits are secret."""
from sqlalchemy import select

from .. import audit
from ..checklists.models import Checklist
from ..errors import NotFound, Refused
from ..extensions import db
from ..org import roles
from ..org.models import OrgUnit, Team, TeamMember, User
from ..timeutil import utcnow
from .models import ROUND_KINDS, ROUND_STATUSES, Round


def visible_rounds(user: User) -> list[Round]:
    """Admins and viewers see every round; leads and inspectors those of their teams; unit heads none."""
    query = select(Round).order_by(Round.period_start.desc())
    if user.role in (roles.LEAD, roles.INSPECTOR):
        teams = select(TeamMember.team_id).where(TeamMember.user_id == user.id)
        query = query.where(Round.team_id.in_(teams))
    elif user.role not in (roles.ADMIN, roles.VIEWER):
        return []
    return list(db.session.scalars(query))


def followed_team_ids(user: User) -> list[int] | None:
    """The teams whose work a lead follows; None: the whole office (admin, viewer)."""
    if user.role == roles.LEAD:
        return list(db.session.scalars(select(TeamMember.team_id)
                                       .where(TeamMember.user_id == user.id)))
    return None


def get_visible_round(user: User, round_id: int) -> Round:
    rnd = db.session.get(Round, round_id)
    if rnd is None or rnd not in visible_rounds(user):
        raise NotFound("Không tìm thấy đợt kiểm tra.")
    return rnd


def save_round(actor: User, rnd: Round | None, values: dict) -> Round:
    """Create or update a round; the end may not come before the start."""
    if values["period_end"] < values["period_start"]:
        raise Refused("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.", field="period_end")
    if values["kind"] not in ROUND_KINDS or values["status"] not in ROUND_STATUSES:
        raise Refused("Hình thức hoặc trạng thái không hợp lệ.", field="kind")
    units = list(db.session.scalars(select(OrgUnit).where(OrgUnit.id.in_(values["unit_ids"] or []))))
    if any(u.historical for u in units):
        raise Refused("Không thể kiểm tra đơn vị đã giải thể hoặc sáp nhập.", field="unit_ids")
    created = rnd is None
    if created:
        rnd = Round(created_by=actor)
        db.session.add(rnd)
    for key in ("name", "kind", "status", "period_start", "period_end"):
        setattr(rnd, key, values[key])
    rnd.plan_ref = (values.get("plan_ref") or "").strip() or None
    rnd.notes = (values.get("notes") or "").strip() or None
    rnd.office = db.session.get(OrgUnit, values["office_unit_id"]) if values.get("office_unit_id") else None
    rnd.team = db.session.get(Team, values["team_id"]) if values.get("team_id") else None
    rnd.units = units
    rnd.checklists = list(db.session.scalars(
        select(Checklist).where(Checklist.id.in_(values["checklist_ids"] or []))))
    # Membership changes do not touch the row itself; devices pull rounds by updated_at.
    rnd.updated_at = utcnow()
    audit.record(actor, "round.created" if created else "round.updated", rnd,
                 kind=rnd.kind, units=[u.id for u in units])
    db.session.commit()
    return rnd
