"""Remediation items ("yêu cầu khắc phục") a unit must fix by a deadline, with their history."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
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


class RemediationReport(db.Model):
    """A unit's remediation report ("báo cáo kết quả khắc phục"), issued as a PDF."""

    __tablename__ = "remediation_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    # The unit's own document number ("Số: 15/BC-UBND"), as its clerk gives it; may be blank.
    number: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    signer_name: Mapped[str] = mapped_column(String(120))
    signer_title: Mapped[str | None] = mapped_column(String(120))
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))

    unit = relationship("OrgUnit")
    sent_by = relationship("User")
    lines: Mapped[list["RemediationReportLine"]] = relationship(
        back_populates="report", cascade="all, delete-orphan",
        order_by="RemediationReportLine.position")


class RemediationReportLine(db.Model):
    """One item as the report stated it: the text is copied, so the report never changes."""

    __tablename__ = "remediation_report_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("remediation_reports.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("remediation_items.id"), index=True)
    position: Mapped[int]
    action: Mapped[str] = mapped_column(Text)
    report_text: Mapped[str | None] = mapped_column(Text)
    # The item's reported_at when the report was sent: a later re-report is not yet covered.
    reported_at: Mapped[datetime]
    photo_sha256s: Mapped[list | None] = mapped_column(JSON)

    report: Mapped[RemediationReport] = relationship(back_populates="lines")
    item: Mapped[RemediationItem] = relationship()


NOTICE_KINDS = {"due_soon": "Sắp đến hạn", "overdue": "Quá hạn"}


class RemediationNotice(db.Model):
    """An in-app reminder to a unit head about one item, at most one per item, user and day."""

    __tablename__ = "remediation_notices"
    __table_args__ = (UniqueConstraint("item_id", "user_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("remediation_items.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    item: Mapped[RemediationItem] = relationship()

    @property
    def kind_label(self) -> str:
        return NOTICE_KINDS.get(self.kind, self.kind)


class OutboxMail(db.Model):
    """An e-mail waiting to be sent (or sent): written in the transaction that decided it."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Why this mail exists, e.g. "remind:12:2026-11-22": the same key is never queued twice.
    key: Mapped[str] = mapped_column(String(128), unique=True)
    recipient: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Not before this time: set after a failure, and while a sender holds the row.
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
