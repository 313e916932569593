"""The office's register of outgoing documents ("sổ đăng ký văn bản đi"), its settings, and the
documents it issues besides the minutes."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow


class RegisteredDocument(db.Model):
    """One number given to one outgoing document: a sequence per issuer, kind and year."""

    __tablename__ = "document_register"
    # The safety net under the allocation's lock: two documents never share a number.
    __table_args__ = (UniqueConstraint("issuer", "kind", "year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issuer: Mapped[str] = mapped_column(String(40))  # "unit:3"; "none" for a body without unit
    kind: Mapped[str] = mapped_column(String(32))  # "minutes", "round_report", …
    year: Mapped[int]
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(String(64))  # "01/BB-ĐKT", as printed after "Số:"
    ref: Mapped[str | None] = mapped_column(String(80))  # what was numbered: "minutes:<uuid>"
    issued_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class OfficeSettings(db.Model):
    """What an inspecting office's documents print that the unit tree cannot say: the symbol of
    each kind, who signs and in what capacity, to whom reports go, the report deadline."""

    __tablename__ = "office_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    office_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), unique=True)
    symbols: Mapped[dict] = mapped_column(JSON, default=dict)  # {"notice": "TB-SNV", …}
    signer_name: Mapped[str | None] = mapped_column(String(120))  # "Nguyễn Văn Hùng"
    signer_title: Mapped[str | None] = mapped_column(String(120))  # "Giám đốc"
    # "KT. GIÁM ĐỐC" when a deputy signs for the head; empty when the head signs
    signer_capacity: Mapped[str | None] = mapped_column(String(120))
    superior_recipient: Mapped[str | None] = mapped_column(String(200))  # "UBND tỉnh Minh Sơn"
    report_days: Mapped[int] = mapped_column(default=15)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OfficeDocument(db.Model):
    """A document the office issues (plan, decision, conclusion notice, round report): its
    printed record, number and signed PDF. `chain_key` says what it is the document of
    ("notice:minutes:12"), so a second one of the same thing is refused by the database."""

    __tablename__ = "office_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    chain_key: Mapped[str] = mapped_column(String(64), unique=True)
    number: Mapped[str] = mapped_column(String(64))
    office_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"), index=True)
    minutes_id: Mapped[int | None] = mapped_column(ForeignKey("minutes.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    record: Mapped[dict] = mapped_column(JSON)
    issued_on: Mapped[date]  # the date printed: a notice's starts the unit's report clock
    issued_at: Mapped[datetime]
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    pdf_sha256: Mapped[str] = mapped_column(String(64), index=True)

    office = relationship("OrgUnit", foreign_keys=[office_unit_id])
    unit = relationship("OrgUnit", foreign_keys=[unit_id])
    round = relationship("Round")
    minutes = relationship("Minutes")
    issued_by = relationship("User")

    @property
    def report_due(self) -> date | None:
        """A notice's deadline for the unit's remediation report."""
        due = (self.record or {}).get("report_due")
        return date.fromisoformat(due) if due else None
