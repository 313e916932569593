"""What people do to remediation items: a unit head reports, the office verifies or reopens.

Each operation takes the acting user, records a RemediationEvent and an audit event, and commits.
"""
import uuid
from datetime import date

from sqlalchemy import update

from .. import audit
from ..errors import Refused
from ..extensions import db
from ..photos.models import Photo
from ..timeutil import utcnow
from . import evidence, rules
from .models import RemediationEvent, RemediationItem, RemediationNotice

MAX_TEXT = 4000
ALREADY_VERIFIED = ("Yêu cầu này đã được cơ quan kiểm tra xác nhận hoàn thành; "
                    "không cần báo cáo thêm.")
TEXT_NEEDED = "Hãy mô tả việc đơn vị đã làm để khắc phục."
REASON_NEEDED = "Hãy nêu lý do yêu cầu khắc phục lại."
PAST_DEADLINE = "Thời hạn mới không được trước ngày hôm nay ({today})."


def _text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _event(item: RemediationItem, user, kind: str, before: str, note: str | None = None) -> None:
    item.events.append(RemediationEvent(kind=kind, from_state=before, to_state=item.state,
                                        note=note, user_id=user.id, at=utcnow()))


def report_item(user, item: RemediationItem, text: str | None,
                photo: bytes | None = None) -> RemediationItem:
    """The unit head reports what was done, with an optional photo: the item becomes reported."""
    text = _text(text)
    if item.state == "verified":
        raise Refused(ALREADY_VERIFIED, status=409)
    if not text:
        raise Refused(TEXT_NEEDED, field="text")
    if len(text) > MAX_TEXT:
        raise Refused(f"Nội dung tối đa {MAX_TEXT} ký tự.", field="text")
    # First, so a refused photo leaves the item exactly as it was.
    stored = evidence.store_evidence(user, photo) if photo else None
    before = item.state
    item.state, item.report_text, item.reported_at = "reported", text, utcnow()
    if stored is not None:
        db.session.add(Photo(
            uuid=str(uuid.uuid4()), sha256=stored.sha256, remediation_item_id=item.id,
            width=stored.width, height=stored.height, size_bytes=stored.size_bytes,
            content_type=stored.content_type, stored=True, uploaded_by_id=user.id))
    _event(item, user, "reported", before, text)
    audit.record(user, "remediation.reported", item, unit_id=item.unit_id, from_state=before,
                 photo_sha256=stored.sha256 if stored else None)
    db.session.commit()
    return item


def verify_item(user, item: RemediationItem) -> RemediationItem:
    """The office accepts a reported fix: the item is verified."""
    rules.check_decision(user, item)
    item.state, item.verified_at, item.verified_by_id = "verified", utcnow(), user.id
    _event(item, user, "verified", "reported")
    audit.record(user, "remediation.verified", item, unit_id=item.unit_id)
    db.session.commit()
    return item


def reopen_item(user, item: RemediationItem, reason: str | None, today: date,
                deadline: date | None = None) -> RemediationItem:
    """The office refuses a reported fix, saying why; optionally with a new deadline."""
    reason = _text(reason)
    rules.check_decision(user, item)
    if not reason:
        raise Refused(REASON_NEEDED, field="reason")
    if len(reason) > MAX_TEXT:
        raise Refused(f"Lý do tối đa {MAX_TEXT} ký tự.", field="reason")
    if deadline is not None and deadline < today:
        raise Refused(PAST_DEADLINE.format(today=today.strftime("%d/%m/%Y")), field="deadline")
    old_deadline = item.deadline
    item.state, item.reopen_reason = "reopened", reason
    if deadline is not None:
        item.deadline = deadline
    _event(item, user, "reopened", "reported", reason)
    audit.record(user, "remediation.reopened", item, unit_id=item.unit_id, reason=reason,
                 deadline=item.deadline.isoformat(), old_deadline=old_deadline.isoformat())
    db.session.commit()
    return item


def mark_notices_read(user) -> int:
    """The unit head has seen their reminders."""
    done = db.session.execute(update(RemediationNotice).where(
        RemediationNotice.user_id == user.id, RemediationNotice.read_at.is_(None))
        .values(read_at=utcnow())).rowcount
    db.session.commit()
    return done
