"""Org units (a tree of any depth), staff rosters, users, teams and sign-in attempts."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow
from . import roles

# Unit kinds are data (the 2025 reform removed districts); these are only the labels we know.
UNIT_KINDS = {
    "province": "Tỉnh/Thành phố",
    "district": "Quận/Huyện",
    "commune": "Xã",
    "ward": "Phường",
    "town": "Thị trấn",
    "special_zone": "Đặc khu",
    "department": "Phòng/Ban",
    "district_department": "Phòng chuyên môn cấp huyện (lịch sử)",
    "one_stop_centre": "Trung tâm Phục vụ hành chính công",
    "office": "Cơ quan",
}


class OrgUnit(db.Model):
    __tablename__ = "org_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(32), unique=True)
    address: Mapped[str | None] = mapped_column(String(300))
    # Historical units (district era, merged communes) stay so that old records keep their unit.
    historical: Mapped[bool] = mapped_column(default=False)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    # How the unit's documents name it (inspect_app/documents/issuer.py derives what is empty):
    # "UBND tỉnh Minh Sơn" above "Sở Nội vụ" in the header, "SNV" in symbols, dated "Minh Sơn".
    header_superior: Mapped[str | None] = mapped_column(String(200))
    header_name: Mapped[str | None] = mapped_column(String(200))
    abbreviation: Mapped[str | None] = mapped_column(String(32))
    place_name: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    parent: Mapped["OrgUnit | None"] = relationship(
        remote_side=[id], foreign_keys=[parent_id], back_populates="children"
    )
    children: Mapped[list["OrgUnit"]] = relationship(
        foreign_keys=[parent_id], back_populates="parent", order_by="OrgUnit.name"
    )
    merged_into: Mapped["OrgUnit | None"] = relationship(remote_side=[id], foreign_keys=[merged_into_id])
    staff: Mapped[list["StaffMember"]] = relationship(
        back_populates="unit", order_by="StaffMember.full_name"
    )

    @property
    def kind_label(self) -> str:
        return UNIT_KINDS.get(self.kind, self.kind)

    @property
    def path(self) -> str:
        """Names from the root down, e.g. 'Tỉnh X › Xã Y'."""
        names, unit = [], self
        while unit is not None:
            names.append(unit.name)
            unit = unit.parent
        return " › ".join(reversed(names))

    def __repr__(self) -> str:
        return f"<OrgUnit {self.id} {self.name!r}>"


class StaffMember(db.Model):
    """A person on a unit's roster, for attendance checks ("điểm danh")."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str | None] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    unit: Mapped[OrgUnit] = relationship(back_populates="staff")


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    # The unit a unit head answers for; for office staff, the office they belong to.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped on revocation or password change: every session and device token minted before dies.
    token_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    unit: Mapped[OrgUnit | None] = relationship()
    memberships: Mapped[list["TeamMember"]] = relationship(back_populates="user")

    @property
    def role_label(self) -> str:
        return roles.LABELS.get(self.role, self.role)

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class Team(db.Model):
    """An inspection team ("Đoàn kiểm tra") of an inspecting office."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    office_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    decision_ref: Mapped[str | None] = mapped_column(String(200))  # "Quyết định thành lập Đoàn"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    office: Mapped[OrgUnit | None] = relationship()
    members: Mapped[list["TeamMember"]] = relationship(
        back_populates="team", cascade="all, delete-orphan"
    )


TEAM_ROLES = {"lead": "Trưởng đoàn", "member": "Thành viên", "secretary": "Thư ký"}


class TeamMember(db.Model):
    __tablename__ = "team_members"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    team_role: Mapped[str] = mapped_column(String(16), default="member")

    team: Mapped[Team] = relationship(back_populates="members")
    user: Mapped[User] = relationship(back_populates="memberships")


class LoginAttempt(db.Model):
    """Sign-in attempts, kept to throttle password guessing per user name and per address."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    ip: Mapped[str | None] = mapped_column(String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(default=False)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    note: Mapped[str | None] = mapped_column(Text)

