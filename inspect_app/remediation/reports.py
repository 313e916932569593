"""The unit's remediation report ("báo cáo kết quả khắc phục"): what it covers, its PDF."""
import hashlib

from sqlalchemy import and_, exists, select

from .. import audit
from ..documents.issued import minutes_by_inspection
from ..documents.issuer import issuer_of
from ..errors import Refused
from ..extensions import db
from ..org import roles
from ..org.models import User
from ..photos.files import image_files
from ..photos.models import Photo
from ..storage import storage
from ..timeutil import utcnow
from . import labels
from .models import RemediationItem, RemediationReport, RemediationReportLine

NOTHING_TO_REPORT = ("Chưa có yêu cầu nào đã báo cáo khắc phục mà chưa gửi trong một báo cáo. "
                     "Hãy báo cáo kết quả từng yêu cầu trước.")


def pdf_key(sha256: str) -> str:
    """Content-addressed, like the minutes: the name proves the bytes."""
    return f"remediation-reports/{sha256[:2]}/{sha256}.pdf"


def pending_items(unit_id: int | None) -> list[RemediationItem]:
    """Reported items whose latest report no sent report covers yet."""
    if unit_id is None:
        return []
    covered = exists().where(and_(RemediationReportLine.item_id == RemediationItem.id,
                                  RemediationReportLine.reported_at >= RemediationItem.reported_at))
    return list(db.session.scalars(select(RemediationItem).where(
        RemediationItem.unit_id == unit_id, RemediationItem.state == "reported",
        RemediationItem.reported_at.is_not(None), ~covered)
        .order_by(RemediationItem.deadline, RemediationItem.id)))


def unit_photos(item: RemediationItem) -> list[str]:
    """Hashes of the evidence the unit itself sent for the item (not the office's on-site shots)."""
    rows = db.session.scalars(
        select(Photo.sha256).join(User, Photo.uploaded_by_id == User.id)
        .where(Photo.remediation_item_id == item.id, Photo.stored.is_(True),
               User.role == roles.UNIT_HEAD).order_by(Photo.created_at, Photo.id))
    return list(dict.fromkeys(rows))  # the same picture sent twice is printed once


def send_report(user, number: str | None, signer_name: str, signer_title: str | None,
                note: str | None) -> RemediationReport:
    """Gather the reported items not yet sent, issue the report as a PDF, store it."""
    items = pending_items(user.unit_id)
    if not items:
        raise Refused(NOTHING_TO_REPORT, status=409)
    report = RemediationReport(unit_id=user.unit_id, number=(number or "").strip() or None,
                               signer_name=signer_name.strip(),
                               signer_title=(signer_title or "").strip() or None,
                               note=(note or "").strip() or None, sent_by_id=user.id,
                               sent_at=utcnow().replace(microsecond=0))
    for n, item in enumerate(items, 1):
        report.lines.append(RemediationReportLine(
            item=item, position=n, action=item.action, report_text=item.report_text,
            reported_at=item.reported_at, photo_sha256s=unit_photos(item)))
    db.session.add(report)
    db.session.flush()
    pdf = render(report)
    report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    storage().put(pdf_key(report.pdf_sha256), pdf)
    audit.record(user, "remediation.report_sent", report, unit_id=report.unit_id,
                 items=[item.id for item in items], pdf_sha256=report.pdf_sha256)
    db.session.commit()
    return report


def document(report: RemediationReport) -> dict:
    """The report as plain values, what the PDF prints."""
    minutes = minutes_by_inspection(report.unit_id)
    grounds, offices = [], []
    for line in report.lines:
        m = minutes.get(line.item.inspection_id)
        if m is None:
            continue
        body = ((m.record or {}).get("body") or {}).get("name")
        # Dated as the minutes are (the day on site), not the day the office issued them.
        text = f"Biên bản kiểm tra số {m.number} ngày {labels.dmy(m.inspection.started_at)}"
        if body:
            text += f" của {body}"
            offices.append(body)
        grounds.append(text)
    unit = report.unit
    return {
        "unit": unit.name, "issuer": issuer_of(unit),
        "number": report.number, "date": labels.local(report.sent_at).date(),
        "recipients": list(dict.fromkeys(offices)) or ["Cơ quan kiểm tra"],
        "grounds": list(dict.fromkeys(grounds)),
        "lines": [{"action": line.action, "deadline": line.item.deadline,
                   "responsible": line.item.responsible, "report_text": line.report_text,
                   "reported_at": line.reported_at, "photos": line.photo_sha256s or []}
                  for line in report.lines],
        "note": report.note, "signer_name": report.signer_name,
        "signer_title": report.signer_title,
    }


def render(report: RemediationReport) -> bytes:
    from .report_pdf import render_report_pdf  # ReportLab loads only when a report is made

    with image_files() as image_path:
        return render_report_pdf(document(report), image_path)


def stored_pdf(report: RemediationReport) -> bytes | None:
    key = pdf_key(report.pdf_sha256) if report.pdf_sha256 else None
    return storage().get(key) if key and storage().exists(key) else None

