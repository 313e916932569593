"""Remediation items ("yêu cầu khắc phục") a unit must fix by a deadline, with their history."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow

# "overdue" is not stored: it is an open or reopened item past its deadline (see display_state).
REMEDIATION_STATES = {
    "open": "Chưa khắc phục",
    "reported": "Đã báo cáo khắc phục",
    "verified": "Đã xác minh",
    "reopened": "Yêu cầu khắc phục lại",
    "overdue": "Quá hạn",
}


class RemediationItem(db.Model):
    __tablename__ = "remediation_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"), index=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    action: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(200))
    deadline: Mapped[date] = mapped_column(index=True)
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    report_text: Mapped[str | None] = mapped_column(Text)
    reported_at: Mapped[datetime | None]
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reopen_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    finding = relationship("Finding")
    inspection = relationship("Inspection")
    unit = relationship("OrgUnit")
    events: Mapped[list["RemediationEvent"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="RemediationEvent.at"
    )

    def display_state(self, today: date) -> str:
        """The state a person sees: open or reopened items past their deadline are overdue."""
        if self.state in ("open", "reopened") and self.deadline < today:
            return "overdue"
        return self.state


class RemediationEvent(db.Model):
    """One step in an item's life: reported, verified, reopened, reminded."""

    __tablename__ = "remediation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("remediation_items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[RemediationItem] = relationship(back_populates="events")
