"""Is this PDF one of our issued minutes, untouched? (signature, certificate, hash, record)."""
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

from ..documents.models import OfficeDocument
from ..extensions import db
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
MANY = "Tệp có nhiều hơn một chữ ký số: đây không phải biên bản do hệ thống ban hành."
NOT_INTACT = "Chữ ký số không còn nguyên vẹn: nội dung tệp đã bị thay đổi sau khi ký."
NOT_VALID = "Chữ ký số không hợp lệ."
NOT_TRUSTED = ("Tệp được ký bởi người khác: chứng thư ký không phải chứng thư số của cơ quan "
               "kiểm tra.")
NOT_COVERED = "Tệp đã bị bổ sung hoặc sửa đổi sau khi ký (chữ ký không bao trùm toàn bộ tệp)."
NOT_ISSUED = ("Không có biên bản đã ban hành nào trùng mã băm SHA-256 của tệp này (cũng không có "
              "văn bản nào khác của cơ quan kiểm tra).")


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


def _check_signature(data: bytes, verdict: Verdict) -> None:
    """The cryptographic checks: who signed (our certificate or someone else's), then whether the
    file is still what was signed. pyHanko raises on some damage, which is a failure too."""
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    signatures = reader.embedded_signatures
    if not signatures:
        verdict.reasons.append(NO_SIGNATURE)
        return
    if len(signatures) > 1:
        verdict.reasons.append(MANY)
    sig = signatures[-1]
    verdict.signer = sig.signer_cert.subject.human_friendly
    office = office_certificate().cert
    if sig.signer_cert.dump() != office.dump():
        # Someone else's signature, valid or not: not ours, and nothing more to say about it.
        verdict.reasons.append(NOT_TRUSTED)
        return
    # Only our office certificate is a trust root: the signer is ours; is the file as signed?
    context = ValidationContext(trust_roots=[office])
    status = aio.run(async_validate_pdf_signature(sig, context))
    verdict.signed_at = status.signer_reported_dt
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
