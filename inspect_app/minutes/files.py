"""Where issued minutes' PDFs are stored (the links they print are documents.links)."""
import hashlib

from sqlalchemy import or_, select

from ..documents.links import PublicAddressMissing, short_url, verify_url  # noqa: F401
from ..extensions import db
from ..storage import ObjectMissing, storage
from .models import Minutes


def pdf_key(pdf_sha256: str) -> str:
    """Storage key of an issued PDF: content-addressed, so the name proves the bytes."""
    return f"minutes/{pdf_sha256[:2]}/{pdf_sha256}.pdf"


def store_pdf(data: bytes) -> str:
    """Store signed PDF bytes; return their SHA-256 (what Minutes.pdf_sha256 holds)."""
    sha256 = hashlib.sha256(data).hexdigest()
    storage().put(pdf_key(sha256), data)
    return sha256


def issued_pdf(ident: str):
    """(minutes, their signed PDF's bytes) of the issued minutes whose public id or number is
    `ident`; (None, None) when there are none."""
    m = db.session.scalar(select(Minutes).where(
        Minutes.status == "issued", or_(Minutes.public_id == ident, Minutes.number == ident)))
    pdf = stored_pdf(m) if m else None
    return (m, pdf) if pdf is not None else (None, None)


def stored_pdf(minutes) -> bytes | None:
    """The signed PDF of issued minutes, or None when they have no stored PDF."""
    if not minutes.pdf_sha256:
        return None
    try:
        return storage().get(pdf_key(minutes.pdf_sha256))
    except ObjectMissing:
        return None
