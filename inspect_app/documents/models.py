"""The office's register of outgoing documents ("sổ đăng ký văn bản đi")."""
from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

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
