"""Writes on users, units and rosters. Each takes the acting user and records itself in the audit log."""
import re

from flask import current_app
from sqlalchemy import select

from .. import audit
from ..errors import Refused
from ..extensions import db
from . import passwords, roles
from .models import OrgUnit, StaffMember, Team, TeamMember, User


def end_sessions(user: User) -> None:
    """Every session and device token the user holds is refused from the next request on.

    The one revocation: an office revoking a lost phone's account, a password change and signing
    out all end sessions this way, checked by auth.load_user. A signed cookie cannot be taken back
    from whoever copied it; the version it carries can be made stale."""
    user.token_version += 1


def sign_out(user: User) -> None:
    """Sign out: this session dies on the server too, with the account's others (end_sessions)."""
    end_sessions(user)
    audit.record(user, "logout", user)
    db.session.commit()


def change_password(user: User, current: str, new: str) -> None:
    """Change one's own password; every other session and device of the user is signed out."""
    if not passwords.verify(user.password_hash, current):
        raise Refused("Mật khẩu hiện tại không đúng.", field="current")
    production = current_app.config["INSPECT_ENV"] == "production"
    found = passwords.problems(new, production=production)
    if found:
        raise Refused(" ".join(found), field="new")
    user.password_hash = passwords.hash_password(new)
    end_sessions(user)
    audit.record(user, "user.password_changed", user)
    db.session.commit()


def _unit_or_none(unit_id: int | None) -> OrgUnit | None:
    if not unit_id:
        return None
    unit = db.session.get(OrgUnit, unit_id)
    if unit is None:
        raise Refused("Đơn vị không tồn tại.")
    return unit


def save_unit(actor: User, unit: OrgUnit | None, values: dict) -> OrgUnit:
    """Create (unit=None) or update an org unit; refuses duplicate codes and parent cycles."""
    parent = _unit_or_none(values.get("parent_id"))
    merged_into = _unit_or_none(values.get("merged_into_id"))
    code = (values.get("code") or "").strip() or None
    if code:
        other = db.session.scalar(select(OrgUnit).where(OrgUnit.code == code))
        if other is not None and other is not unit:
            raise Refused(f"Mã đơn vị {code} đã được dùng cho {other.name}.", field="code")
    if unit is not None:
        ancestor = parent
        while ancestor is not None:
            if ancestor.id == unit.id:
                raise Refused("Không thể đặt đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới của nó.",
                              field="parent_id")
            ancestor = ancestor.parent
        if merged_into is not None and merged_into.id == unit.id:
            raise Refused("Đơn vị không thể sáp nhập vào chính nó.", field="merged_into_id")
    created = unit is None
    if created:
        unit = OrgUnit()
        db.session.add(unit)
    unit.name = values["name"].strip()
    unit.kind = values["kind"]
    unit.parent = parent
    unit.code = code
    unit.address = (values.get("address") or "").strip() or None
    for key in ("header_superior", "header_name", "abbreviation", "place_name"):
        setattr(unit, key, (values.get(key) or "").strip() or None)
    # A merged unit only keeps history: it is historical by definition.
    unit.merged_into = merged_into
    unit.historical = bool(values.get("historical")) or merged_into is not None
    audit.record(actor, "unit.created" if created else "unit.updated", unit, name=unit.name)
    db.session.commit()
    return unit


def save_staff(actor: User, person: StaffMember | None, unit: OrgUnit, values: dict) -> StaffMember:
    created = person is None
    if created:
        person = StaffMember(unit=unit)
        db.session.add(person)
    person.full_name = values["full_name"].strip()
    person.position = (values.get("position") or "").strip() or None
    audit.record(actor, "staff.created" if created else "staff.updated", person, unit_id=unit.id)
    db.session.commit()
    return person


def set_staff_active(actor: User, person: StaffMember, active: bool) -> None:
    """People leave rosters but never history: deactivate, do not delete."""
    person.active = active
    audit.record(actor, "staff.reactivated" if active else "staff.deactivated", person)
    db.session.commit()


def save_user(actor: User, user: User | None, values: dict, *, production: bool) -> User:
    """Create or update a user; a unit head must have a unit, a new user a valid password."""
    created = user is None
    username = (values.get("username") or "").strip().lower()
    if created:
        if not re.fullmatch(r"[a-z0-9._-]{2,64}", username):
            raise Refused("Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch (2–64 ký tự).",
                          field="username")
        if db.session.scalar(select(User).where(User.username == username)) is not None:
            raise Refused(f"Tên đăng nhập {username} đã có người dùng.", field="username")
    role = values["role"]
    if role not in roles.ALL:
        raise Refused("Vai trò không hợp lệ.", field="role")
    unit = _unit_or_none(values.get("unit_id"))
    if role == roles.UNIT_HEAD and unit is None:
        raise Refused("Người đứng đầu đơn vị phải gắn với một đơn vị.", field="unit_id")
    password = values.get("password") or ""
    if created and not password:
        raise Refused("Vui lòng đặt mật khẩu ban đầu.", field="password")
    if password:
        found = passwords.problems(password, production=production)
        if found:
            raise Refused(" ".join(found), field="password")
    if created:
        user = User(username=username, password_hash="")
        db.session.add(user)
    user.full_name = values["full_name"].strip()
    user.position = (values.get("position") or "").strip() or None
    user.email = (values.get("email") or "").strip() or None
    if user.role != role and not created:
        end_sessions(user)  # a changed role takes effect on every device at once
    user.role = role
    user.unit = unit
    if password:
        user.password_hash = passwords.hash_password(password)
        if not created:
            end_sessions(user)
    audit.record(actor, "user.created" if created else "user.updated", user, role=role,
                 password_set=bool(password))
    db.session.commit()
    return user


def set_user_active(actor: User, user: User, active: bool) -> None:
    """Deactivating revokes: every session and device of the user is refused from now on."""
    if user.id == actor.id and not active:
        raise Refused("Không thể tự khóa tài khoản của chính mình.")
    user.active = active
    end_sessions(user)
    audit.record(actor, "user.reactivated" if active else "user.revoked", user)
    db.session.commit()


def save_team(actor: User, team: Team | None, values: dict) -> Team:
    """Create or update a team with one lead, members and an optional secretary."""
    lead_id = values.get("lead_id")
    if not lead_id:
        raise Refused("Đoàn kiểm tra phải có trưởng đoàn.", field="lead_id")
    wanted = {lead_id: "lead"}
    if values.get("secretary_id"):
        wanted.setdefault(values["secretary_id"], "secretary")
    for uid in values.get("member_ids") or []:
        wanted.setdefault(uid, "member")
    users = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(wanted)))}
    if set(users) != set(wanted) or any(u.role not in roles.FIELD for u in users.values()):
        raise Refused("Thành viên đoàn phải là cán bộ của cơ quan kiểm tra.", field="member_ids")
    created = team is None
    if created:
        team = Team()
        db.session.add(team)
    team.name = values["name"].strip()
    team.decision_ref = (values.get("decision_ref") or "").strip() or None
    team.office = _unit_or_none(values.get("office_unit_id"))
    current = {m.user_id: m for m in team.members}
    for uid, member in current.items():
        if uid not in wanted:
            team.members.remove(member)
    for uid, team_role in wanted.items():
        if uid in current:
            current[uid].team_role = team_role
        else:
            team.members.append(TeamMember(user=users[uid], team_role=team_role))
    audit.record(actor, "team.created" if created else "team.updated", team,
                 members=sorted(wanted))
    db.session.commit()
    return team
