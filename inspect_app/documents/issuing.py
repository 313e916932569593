"""Issuing an office document: a number from the register, the PDF printed with it and its
verification link, signed, stored, recorded, in one transaction. A second document of the same
thing (`chain_key`, e.g. a second notice for one set of minutes) is refused, even when two
requests race: the unique key decides, and the loser's number goes back with its rollback."""
import hashlib
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..errors import Refused
from ..extensions import db
from ..storage import storage
from ..timeutil import utcnow, vietnam_today
from . import form, printing, register, signing
from .kinds import KINDS
from .links import new_public_id, short_url, verify_url
from .models import OfficeDocument


def pdf_key(pdf_sha256: str) -> str:
    """Storage key of an issued document's PDF: content-addressed."""
    return f"documents/{pdf_sha256[:2]}/{pdf_sha256}.pdf"


def draft_pdf(kind: str, record: dict, on: date) -> bytes:
    """The document as it will read, without number or verification link (for review)."""
    mod = KINDS[kind]
    return printing.render(record, mod.body(record), on, printing.Printed(), title=mod.TITLE,
                           noun=mod.NOUN)


def already(chain_key: str) -> OfficeDocument | None:
    return db.session.scalar(select(OfficeDocument).where(OfficeDocument.chain_key == chain_key))


def _refuse_second(kind: str, existing: OfficeDocument) -> Refused:
    return Refused(f"{KINDS[kind].NAME} này đã được ban hành (số {existing.number}, ngày "
                   f"{existing.issued_on:%d/%m/%Y}); không ban hành lần thứ hai.", status=409)


def issue(kind: str, record: dict, *, chain_key: str, office, on: date, user, round_id=None,
          minutes_id=None, unit_id=None) -> OfficeDocument:
    """Number, print, sign and store the document; commit. Refused if it exists already."""
    existing = already(chain_key)
    if existing is not None:
        raise _refuse_second(kind, existing)
    mod = KINDS[kind]
    issued_at = utcnow().replace(microsecond=0)
    if on < vietnam_today():  # dated earlier (the demo's history): registered on that day
        issued_at = datetime.combine(on, time(2, 0))  # 09:00 in Vietnam
    number = register.allocate(kind, record["symbol"], office, issued_at, ref=chain_key)
    public_id = new_public_id()
    printed = printing.Printed(number, verify_url(public_id), short_url(public_id))
    spot = form.SignatureSpot()
    pdf = printing.render(record, mod.body(record), on, printed, title=mod.TITLE, noun=mod.NOUN,
                          spot=spot)
    pdf = sign_with_stamps(pdf, record, spot)
    sha256 = hashlib.sha256(pdf).hexdigest()
    doc = OfficeDocument(public_id=public_id, kind=kind, chain_key=chain_key, number=number,
                         office_unit_id=getattr(office, "id", None), round_id=round_id,
                         minutes_id=minutes_id, unit_id=unit_id, record=record, issued_on=on,
                         issued_at=issued_at, issued_by_id=getattr(user, "id", None),
                         pdf_sha256=sha256)
    db.session.add(doc)
    try:
        db.session.flush()
    except IntegrityError:
        # Issued by another request meanwhile: that one stands, this one never happened.
        db.session.rollback()
        raise _refuse_second(kind, already(chain_key)) from None
    storage().put(pdf_key(sha256), pdf)
    audit.record(user, "document.issued", doc, kind=kind, number=number, chain=chain_key,
                 pdf_sha256=sha256)
    db.session.commit()
    return doc


def sign_with_stamps(pdf: bytes, record: dict, spot: form.SignatureSpot) -> bytes:
    """The person with authority's signature, then the office's seal (documents/signing.py)."""
    issuer = record["issuer"]
    signer = record["signer"]
    return signing.sign_issued(
        pdf, spot, signer_name=signer.get("full_name") or " ".join(signer["heading"]),
        seal_outer=issuer.get("superior") or issuer["full_name"], seal_inner=issuer["name"])


def pdf_of(doc: OfficeDocument) -> bytes:
    return storage().get(pdf_key(doc.pdf_sha256))
