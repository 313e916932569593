"""Signatures given on site and the issued, signed minutes ("biên bản kiểm tra")."""
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..timeutil import utcnow, vietnam_time
from .wording import minutes_date

SIGNER_ROLES = {
    "lead": "Trưởng đoàn kiểm tra",
    "unit_rep": "Đại diện đơn vị được kiểm tra",
    "secretary": "Thư ký",
}


class Signature(db.Model):
    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    minutes_id: Mapped[int | None] = mapped_column(ForeignKey("minutes.id"), index=True)
    signer_role: Mapped[str] = mapped_column(String(16))
    full_name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str | None] = mapped_column(String(120))
    # The drawn signature, a PNG stored content-addressed like photos.
    image_sha256: Mapped[str | None] = mapped_column(String(64))
    refused: Mapped[bool] = mapped_column(default=False)
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    # Hash of the canonical minutes the signer saw: issue is refused if the server's differs.
    content_hash: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime]

    inspection = relationship("Inspection")
    minutes = relationship("Minutes", back_populates="signatures")


MINUTES_STATUSES = {
    # An amendment begun (`minutes.amend`): its uuid reserved until `minutes.sign` fills it in.
    "draft": "Đang lập biên bản sửa đổi",
    "signed": "Đã ký, chờ ban hành",
    "issued": "Đã ban hành",
}


class Minutes(db.Model):
    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random public id for the verification link and QR code; not guessable from the sequence.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    # Made on the device when the lead starts signing; the sync op carries it.
    uuid: Mapped[str | None] = mapped_column(String(36), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="signed", index=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    number: Mapped[str | None] = mapped_column(String(64))  # "Số: …/BB-ĐKT"
    content_hash: Mapped[str] = mapped_column(String(64))
    # The frozen record (docs/minutes.md) whose canonical hash both sides signed.
    record: Mapped[dict | None] = mapped_column(JSON)
    amendment_reason: Mapped[str | None] = mapped_column(Text)
    signed_at: Mapped[datetime | None]
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    amends_id: Mapped[int | None] = mapped_column(ForeignKey("minutes.id"))
    issued_at: Mapped[datetime | None]
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    inspection = relationship("Inspection")
    amends: Mapped["Minutes | None"] = relationship(remote_side=[id])
    signatures: Mapped[list[Signature]] = relationship(
        back_populates="minutes", order_by="Signature.signed_at"
    )

    @property
    def dated(self) -> date | None:
        """The date the minutes bear: the day of the visit, as the notice and the chain cite
        them (the day they were issued only for a record without its start)."""
        if self.record and self.record.get("started_at"):
            return minutes_date(self.record)
        return vietnam_time(self.issued_at).date() if self.issued_at else None


class IssueJob(db.Model):
    """Signed minutes waiting for a worker to render, sign and number them (minutes/queue.py).
    One row per minutes: enqueuing twice, from two hosts at once, is a no-op."""

    __tablename__ = "issue_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    minutes_id: Mapped[int] = mapped_column(ForeignKey("minutes.id"), unique=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by the worker that took the job; a claim older than ISSUE_CLAIM_TIMEOUT is taken over.
    claimed_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    done_at: Mapped[datetime | None] = mapped_column(index=True)

    minutes = relationship("Minutes")
    requested_by = relationship("User")
