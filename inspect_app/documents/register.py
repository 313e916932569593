"""Numbers from the office's register: one sequence per issuer, kind and year, no gap and no
duplicate (Nghị định 30/2020, Phụ lục I, khoản 3: "Số: 01/BB-ĐKT").

A number is taken inside the transaction that issues the document, so a document that fails to
issue gives its number back with the rollback: the register has no gap. Two documents issued at
once wait for each other: PostgreSQL on an advisory lock per sequence, SQLite on its single
writer; the unique constraint refuses anything that slips past.
"""
import zlib
from datetime import UTC, datetime

from sqlalchemy import func, select, text

from ..extensions import db
from ..timeutil import VIETNAM
from .models import RegisteredDocument


def format_number(seq: int, symbol: str) -> str:
    """"01/BB-ĐKT": Arabic numerals, a leading zero below 10 (khoản 3 điểm c)."""
    return f"{seq:02d}/{symbol}"


def issuer_key(unit) -> str:
    return f"unit:{unit.id}" if unit is not None else "none"


def _lock(issuer: str, kind: str, year: int) -> None:
    if db.session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"{issuer}/{kind}/{year}".encode())
        db.session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def allocate(kind: str, symbol: str, unit, issued_at: datetime, ref: str | None = None) -> str:
    """The next number of `kind` for the issuing `unit` in the year (Vietnam time) of
    `issued_at` (naive UTC), recorded in the register; returns it as printed ("01/BB-ĐKT")."""
    issuer = issuer_key(unit)
    year = issued_at.replace(tzinfo=UTC).astimezone(VIETNAM).year
    _lock(issuer, kind, year)
    last = db.session.scalar(select(func.max(RegisteredDocument.seq)).where(
        RegisteredDocument.issuer == issuer, RegisteredDocument.kind == kind,
        RegisteredDocument.year == year))
    seq = (last or 0) + 1
    entry = RegisteredDocument(issuer=issuer, kind=kind, year=year, seq=seq,
                               number=format_number(seq, symbol), ref=ref, issued_at=issued_at)
    db.session.add(entry)
    db.session.flush()
    return entry.number
