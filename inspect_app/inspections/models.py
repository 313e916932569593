"""Inspections, their checklists, team, attendance, responses (with history) and findings."""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..checklists.models import ChecklistVersion
from ..extensions import db
from ..followup.models import Round
from ..org.models import OrgUnit, StaffMember, Team, User
from ..timeutil import utcnow

INSPECTION_STATUSES = {
    "in_progress": "Đang kiểm tra",
    "completed": "Đã hoàn thành phiếu",
    "signed": "Đã ký biên bản",
    "issued": "Đã ban hành biên bản",
}
ATTENDANCE_STATUSES = {
    "present": "Có mặt",
    "absent_excused": "Vắng có phép",
    "absent_unexcused": "Vắng không phép",
    "late": "Đi muộn",
}
SEVERITIES = {"minor": "Nhẹ", "major": "Nghiêm trọng", "critical": "Rất nghiêm trọng"}


class Inspection(db.Model):
    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Made on the device, so an inspection started offline keeps one identity everywhere.
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    # None for an unplanned surprise visit ("kiểm tra đột xuất" outside any round).
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="planned")
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    location: Mapped[str | None] = mapped_column(String(300))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    unit: Mapped[OrgUnit] = relationship()
    round: Mapped[Round | None] = relationship()
    team: Mapped[Team | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    checklist_versions: Mapped[list["InspectionChecklist"]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan"
    )
    members: Mapped[list["InspectionMember"]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan"
    )
    attendance: Mapped[list["Attendance"]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan"
    )
    responses: Mapped[list["Response"]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan"
    )
    findings: Mapped[list["Finding"]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan"
    )

    @property
    def status_label(self) -> str:
        return INSPECTION_STATUSES.get(self.status, self.status)


class InspectionChecklist(db.Model):
    """The checklist versions an inspection uses, fixed when it starts."""

    __tablename__ = "inspection_checklists"
    __table_args__ = (UniqueConstraint("inspection_id", "checklist_version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    checklist_version_id: Mapped[int] = mapped_column(ForeignKey("checklist_versions.id"))

    inspection: Mapped[Inspection] = relationship(back_populates="checklist_versions")
    checklist_version: Mapped[ChecklistVersion] = relationship()


class InspectionMember(db.Model):
    """Who was on the team for this inspection (name and position as printed in the minutes)."""

    __tablename__ = "inspection_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str | None] = mapped_column(String(120))
    team_role: Mapped[str] = mapped_column(String(16), default="member")

    inspection: Mapped[Inspection] = relationship(back_populates="members")
    user: Mapped[User | None] = relationship()


class Attendance(db.Model):
    """One person's attendance at the unit on the day ("điểm danh")."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    # None for someone met on site who is not on the roster.
    staff_member_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20), default="present")
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Who last recorded the row: two phones of a team each see who added what.
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    inspection: Mapped[Inspection] = relationship(back_populates="attendance")
    staff_member: Mapped[StaffMember | None] = relationship()
    recorded_by: Mapped[User | None] = relationship()


class Response(db.Model):
    """The current answer to one checklist item; earlier answers live in ResponseRevision."""

    __tablename__ = "responses"
    __table_args__ = (UniqueConstraint("inspection_id", "checklist_version_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    checklist_version_id: Mapped[int] = mapped_column(ForeignKey("checklist_versions.id"))
    item_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Device clock at the time of answering: decides which of two answers is the later.
    answered_at: Mapped[datetime]
    op_uuid: Mapped[str | None] = mapped_column(String(36))

    inspection: Mapped[Inspection] = relationship(back_populates="responses")
    checklist_version: Mapped[ChecklistVersion] = relationship()
    answered_by: Mapped[User | None] = relationship()
    history: Mapped[list["ResponseRevision"]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="ResponseRevision.answered_at"
    )


class ResponseRevision(db.Model):
    """An answer that a later one replaced, kept so the team lead can see who said what."""

    __tablename__ = "response_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id"), index=True)
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime]
    op_uuid: Mapped[str | None] = mapped_column(String(36))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    response: Mapped[Response] = relationship(back_populates="history")
    answered_by: Mapped[User | None] = relationship()


class Finding(db.Model):
    """A shortcoming found on site ("tồn tại, hạn chế"), usually from a failed checklist item."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    checklist_version_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_versions.id"))
    # Checklist slug + item id identify "the same fault" across rounds and checklist versions.
    checklist_slug: Mapped[str | None] = mapped_column(String(64), index=True)
    item_id: Mapped[str | None] = mapped_column(String(64), index=True)
    severity: Mapped[str] = mapped_column(String(16), default="minor")
    description: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    inspection: Mapped[Inspection] = relationship(back_populates="findings")
    checklist_version: Mapped[ChecklistVersion | None] = relationship()

    @property
    def severity_label(self) -> str:
        return SEVERITIES.get(self.severity, self.severity)


class AnswerConflict(db.Model):
    """Two devices answered one item differently, each without seeing the other's answer.

    Open until the team lead chooses one of `answers` (each {op_id, value, note, by_id, by, at},
    one per person); while open the item counts as unanswered and the minutes cannot be signed.
    """

    __tablename__ = "answer_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    checklist_version_id: Mapped[int] = mapped_column(ForeignKey("checklist_versions.id"))
    item_id: Mapped[str] = mapped_column(String(64))
    answers: Mapped[list] = mapped_column(JSON)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    settled_at: Mapped[datetime | None]
    settled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    chosen_op_id: Mapped[str | None] = mapped_column(String(36))

    settled_by: Mapped[User | None] = relationship()


class Supplement(db.Model):
    """What an inspector recorded after the minutes were signed (refused as an edit), sent to
    the team lead as a supplementary note for amended minutes ("bổ sung sau khi ký")."""

    __tablename__ = "supplements"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checklist_version_id: Mapped[int | None] = mapped_column(ForeignKey("checklist_versions.id"))
    item_id: Mapped[str | None] = mapped_column(String(64))
    value: Mapped[dict | list | str | int | float | bool | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    photo_sha256s: Mapped[list] = mapped_column(JSON, default=list)
    # Why the edit was refused, as the device was told.
    reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The amended minutes that took it in (None: still waiting for the lead).
    minutes_id: Mapped[int | None] = mapped_column(ForeignKey("minutes.id"))

    user: Mapped[User | None] = relationship()
    minutes = relationship("Minutes")
