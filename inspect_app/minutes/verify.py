"""Is this PDF one of our issued minutes, untouched? (signature, certificate, hash, record)."""
import functools
import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime

from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select

from ..documents import certificates, issuing
from ..documents.models import OfficeDocument
from ..documents.signing import FIELD_ROLES, OFFICE_FIELD, PERSON_FIELD
from ..extensions import db
from ..storage import storage
from . import aio
from .models import Minutes
from .signing import office_certificate

log = logging.getLogger(__name__)

NOT_PDF = "Tệp không phải là tệp PDF đọc được."
DAMAGED_PDF = ("Tệp PDF bị hỏng hoặc không đầy đủ (có thể bị cắt bớt hoặc sửa đổi sau khi ký), "
               "nên không kiểm tra được chữ ký số.")
UNCHECKABLE = ("Không kiểm tra được chữ ký số của tệp: cấu trúc chữ ký bị hỏng, có thể tệp đã bị "
               "sửa đổi sau khi ký.")
NO_SIGNATURE = "Tệp không có chữ ký số."
MANY = "Tệp có nhiều hơn hai chữ ký số: đây không phải văn bản do hệ thống ban hành."
NOT_PERSON_FIRST = ("Tệp có hai chữ ký số nhưng chữ ký thứ nhất không phải chữ ký của người có "
                    "thẩm quyền: đây không phải văn bản do hệ thống ban hành.")
PERSON_NOT_VALID = "Chữ ký số của người có thẩm quyền không hợp lệ."
NOT_INTACT = "Chữ ký số không còn nguyên vẹn: nội dung tệp đã bị thay đổi sau khi ký."
NOT_VALID = "Chữ ký số không hợp lệ."
NOT_TRUSTED = ("Tệp được ký bởi người khác: chứng thư ký không phải chứng thư số của cơ quan "
               "kiểm tra.")
NOT_COVERED = "Tệp đã bị bổ sung hoặc sửa đổi sau khi ký (chữ ký không bao trùm toàn bộ tệp)."
NOT_ISSUED = ("Không có biên bản đã ban hành nào trùng mã băm SHA-256 của tệp này (cũng không có "
              "văn bản nào khác của cơ quan kiểm tra).")


@dataclass(frozen=True)
class SignatureReport:
    """One signature in the file, as the verification page lists it."""

    name: str  # the certificate's subject
    role: str  # "Người có thẩm quyền ký", "Cơ quan ban hành", or "Không rõ" (a field not ours)
    valid: bool


@dataclass
class Verdict:
    """What verification found; ok only when every check passed."""

    ok: bool
    pdf_sha256: str
    reasons: list[str] = field(default_factory=list)
    signer: str | None = None
    signed_at: datetime | None = None
    minutes: Minutes | None = None
    document: OfficeDocument | None = None  # a plan, decision, notice or report, not minutes
    signatures: list[SignatureReport] = field(default_factory=list)  # in signing order


def _role_name(sig) -> str:
    role = FIELD_ROLES.get(sig.field_name)
    return certificates.ROLES[role][0] if role else "Không rõ"


def _validate(sig, roots):
    """pyHanko's status, or None when it raises (which means "not valid" too)."""
    try:
        return aio.run(async_validate_pdf_signature(sig, ValidationContext(trust_roots=roots)))
    except Exception as err:  # noqa: BLE001
        log.info("verify: signature %s not checkable: %r", sig.field_name, err)
        return None


def _check_person(sig, verdict: Verdict) -> None:
    """The first of two signatures: the person with authority's, by a certificate we know,
    and nothing changed after it but the office's signature."""
    if sig.field_name != PERSON_FIELD:
        verdict.reasons.append(NOT_PERSON_FIRST)
    status = _validate(sig, certificates.trust_roots())
    valid = status is not None and status.bottom_line
    verdict.signatures.append(SignatureReport(certificates.holder_name(sig.signer_cert),
                                              _role_name(sig), valid))
    if not valid and sig.field_name == PERSON_FIELD:
        verdict.reasons.append(PERSON_NOT_VALID)


def _check_signature(data: bytes, verdict: Verdict) -> None:
    """The cryptographic checks: who signed last (our office or someone else), then whether the
    file is still what was signed; with two signatures, the person's before it too. pyHanko
    raises on some damage, which is a failure too."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        verdict.reasons.append(NO_SIGNATURE)
        return
    if len(signatures) > 2:
        verdict.reasons.append(MANY)
    sig = signatures[-1]
    verdict.signer = certificates.holder_name(sig.signer_cert)
    office = office_certificate().cert
    if sig.signer_cert.dump() != office.dump():
        # Someone else's signature, valid or not: not ours, and nothing more to say about it.
        verdict.reasons.append(NOT_TRUSTED)
        return
    if len(signatures) == 2:
        _check_person(signatures[0], verdict)
    # Only our office certificate is a trust root: the signer is ours; is the file as signed?
    context = ValidationContext(trust_roots=[office])
    status = aio.run(async_validate_pdf_signature(sig, context))
    verdict.signed_at = status.signer_reported_dt
    verdict.signatures.append(SignatureReport(
        verdict.signer, certificates.ROLES["office"][0] if sig.field_name == OFFICE_FIELD
        else _role_name(sig), bool(status.bottom_line)))
    if not status.intact:
        verdict.reasons.append(NOT_INTACT)
    elif not status.valid or not status.trusted:
        verdict.reasons.append(NOT_VALID)
    if status.intact and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        verdict.reasons.append(NOT_COVERED)


def verify_pdf(pdf_bytes: bytes) -> Verdict:
    """Check a PDF against our signature and the issued minutes; never raises for bad input."""
    verdict = Verdict(ok=False, pdf_sha256=hashlib.sha256(pdf_bytes).hexdigest())
    if pdf_bytes.lstrip()[:5] != b"%PDF-":
        verdict.reasons.append(NOT_PDF)
        return verdict
    try:
        _check_signature(pdf_bytes, verdict)
    except PdfReadError as err:
        log.info("verify: unreadable PDF %s: %s", verdict.pdf_sha256, err)
        verdict.reasons.append(DAMAGED_PDF)
    except Exception as err:  # noqa: BLE001  any failure to validate means "not valid"
        # The name of an internal error tells a citizen nothing: it goes to the log only.
        log.info("verify: signature of %s not checkable: %r", verdict.pdf_sha256, err)
        verdict.reasons.append(UNCHECKABLE)
    verdict.minutes = db.session.scalar(
        select(Minutes).where(Minutes.pdf_sha256 == verdict.pdf_sha256,
                              Minutes.status == "issued"))
    if verdict.minutes is None:
        verdict.document = db.session.scalar(
            select(OfficeDocument).where(OfficeDocument.pdf_sha256 == verdict.pdf_sha256))
    if verdict.minutes is None and verdict.document is None:
        verdict.reasons.append(NOT_ISSUED)
    verdict.ok = not verdict.reasons
    return verdict


def stored_signatures(document: OfficeDocument) -> tuple[SignatureReport, ...]:
    """The signatures in an issued document's stored file, as its public QR page lists them.
    Checked once per file and office certificate: 40 ms of CPU a check, on a page anyone may
    open as often as they like."""
    return _signatures_of(document.pdf_sha256, office_certificate().cert.sha256)


@functools.lru_cache(maxsize=512)
def _signatures_of(pdf_sha256: str, _office_certificate: bytes) -> tuple[SignatureReport, ...]:
    return tuple(verify_pdf(storage().get(issuing.pdf_key(pdf_sha256))).signatures)
