"""What the public verification page says about one minutes row (no personal details)."""
import io
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader
from sqlalchemy import select

from ..documents import certificates
from ..extensions import db
from . import files
from .labels import local_time, long_date, nfc
from .models import MINUTES_STATUSES, Minutes


@dataclass
class Link:
    """Other minutes named on the page: the amended or amending ones."""

    public_id: str
    label: str
    status_label: str


def _link(m: Minutes) -> Link:
    label = f"Biên bản số {m.number}" if m.number else f"Biên bản {m.public_id}"
    return Link(m.public_id, label, MINUTES_STATUSES.get(m.status, m.status))


@dataclass
class Summary:
    """The facts shown for minutes on their verification page."""

    public_id: str
    status: str
    status_label: str
    number: str | None
    unit: str
    date: str
    content_hash: str
    pdf_sha256: str | None
    signer: str | None
    issued_at: str | None
    amends: Link | None
    amended_by: list[Link]
    amendment_reason: str | None


def signer_of(minutes: Minutes) -> str | None:
    """Subject of the certificate that signed the stored PDF."""
    pdf = files.stored_pdf(minutes)
    if pdf is None:
        return None
    try:
        sigs = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        return certificates.holder_name(sigs[-1].signer_cert) if sigs else None
    except Exception:  # noqa: BLE001  a damaged file says nothing about its signer
        return None


def summarise(minutes: Minutes) -> Summary:
    """The public facts of minutes, their amendments included."""
    record = minutes.record or {}
    started = local_time(record.get("started_at"))
    amended_by = db.session.scalars(
        select(Minutes).where(Minutes.amends_id == minutes.id).order_by(Minutes.id)).all()
    issued = local_time(minutes.issued_at)
    return Summary(
        public_id=minutes.public_id, status=minutes.status,
        status_label=MINUTES_STATUSES.get(minutes.status, minutes.status),
        number=minutes.number, unit=nfc((record.get("unit") or {}).get("name")),
        date=long_date(started.date()) if started else "",
        content_hash=minutes.content_hash, pdf_sha256=minutes.pdf_sha256,
        signer=signer_of(minutes) if minutes.status == "issued" else None,
        issued_at=issued.strftime("%H:%M %d/%m/%Y") if issued else None,
        amends=_link(minutes.amends) if minutes.amends else None,
        amended_by=[_link(m) for m in amended_by],
        amendment_reason=minutes.amendment_reason or record.get("amendment_reason"))
