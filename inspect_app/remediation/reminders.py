"""The reminder pass: unit heads are told of items due soon or overdue, in the app and by mail.

At most one reminder per item, person and day (a unique constraint, so two passes on one day,
even at once, cannot both remind); run it daily (`flask remediation remind`, e.g. from cron).
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from .. import audit
from ..extensions import db
from ..org import roles
from ..org.models import User
from ..timeutil import utcnow
from . import labels, outbox
from .models import RemediationEvent, RemediationItem, RemediationNotice

DEFAULT_DAYS_BEFORE = 3


@dataclass(frozen=True)
class RemindResult:
    notices: int
    mails: int
    items: int


def notice_text(item: RemediationItem, today: date) -> str:
    """What the unit head reads about one item."""
    when = labels.days_word(item.deadline, today)
    return (f"Yêu cầu khắc phục “{item.action}”: thời hạn {labels.dmy(item.deadline)} "
            f"({when}). Đề nghị đơn vị khắc phục và báo cáo kết quả.")


def due_items(today: date, days_before: int) -> list[RemediationItem]:
    """Open or reopened items due within `days_before` days, or already overdue."""
    return list(db.session.scalars(select(RemediationItem).where(
        RemediationItem.state.in_(("open", "reopened")),
        RemediationItem.deadline <= today + timedelta(days=days_before))
        .order_by(RemediationItem.unit_id, RemediationItem.deadline, RemediationItem.id)))


def _heads(unit_ids: set[int]) -> dict[int, list[User]]:
    heads = defaultdict(list)
    for user in db.session.scalars(select(User).where(
            User.role == roles.UNIT_HEAD, User.active.is_(True), User.unit_id.in_(unit_ids))
            .order_by(User.id)):
        heads[user.unit_id].append(user)
    return heads


def _already(today: date) -> set[tuple[int, int]]:
    return {(row.item_id, row.user_id) for row in db.session.execute(
        select(RemediationNotice.item_id, RemediationNotice.user_id)
        .where(RemediationNotice.day == today))}


def remind(today: date | None = None, days_before: int | None = None) -> RemindResult:
    """Create today's notices and queue their e-mails; commit; return what was made."""
    today = today or labels.vietnam_today()
    if days_before is None:
        days_before = int(current_app.config.get("REMINDER_DAYS_BEFORE", DEFAULT_DAYS_BEFORE))
    items = due_items(today, days_before)
    heads, done = _heads({i.unit_id for i in items}), _already(today)
    by_user: dict[int, list[RemediationNotice]] = defaultdict(list)
    users, reminded = {}, {}
    for item in items:
        for user in heads.get(item.unit_id, []):
            if (item.id, user.id) in done:
                continue
            kind = "overdue" if item.deadline < today else "due_soon"
            notice = RemediationNotice(item=item, user_id=user.id, day=today, kind=kind,
                                       text=notice_text(item, today))
            db.session.add(notice)
            by_user[user.id].append(notice)
            users[user.id], reminded[item.id] = user, item
    for item in reminded.values():
        item.events.append(RemediationEvent(kind="reminded", from_state=item.state,
                                            to_state=item.state, at=utcnow(),
                                            note=notice_text(item, today)))
    db.session.flush()
    mails = sum(_queue_mail(users[uid], notices, today) for uid, notices in by_user.items())
    notices = sum(map(len, by_user.values()))
    if notices:
        audit.record(None, "remediation.reminded", None, day=today.isoformat(),
                     items=sorted(reminded), notices=notices, mails=mails)
    db.session.commit()
    return RemindResult(notices=notices, mails=mails, items=len(reminded))


def _queue_mail(user: User, notices: list[RemediationNotice], today: date) -> int:
    """One mail per person and pass, listing the items this pass reminds them of."""
    if not user.email:
        return 0
    unit = user.unit.name if user.unit else ""
    overdue = sum(n.kind == "overdue" for n in notices)
    subject = f"Nhắc hạn khắc phục: {len(notices)} yêu cầu của {unit}"
    if overdue:
        subject += f" ({overdue} quá hạn)"
    lines = [f"Kính gửi {user.full_name},", "",
             (f"Hệ thống kiểm tra cải cách hành chính nhắc {unit} về các yêu cầu khắc phục "
              f"sau (ngày {labels.dmy(today)}):"), ""]
    for n, notice in enumerate(notices, 1):
        item = notice.item
        lines.append(f"{n}. {item.action}")
        lines.append(f"   Thời hạn: {labels.dmy(item.deadline)} – "
                     f"{labels.days_word(item.deadline, today)}.")
        if item.state == "reopened" and item.reopen_reason:
            lines.append(f"   Lý do yêu cầu khắc phục lại: {item.reopen_reason}")
    lines += ["", "Đề nghị đơn vị khắc phục và báo cáo kết quả kèm ảnh minh chứng trên hệ thống."]
    link = _page_link()
    if link:
        lines.append(f"Trang khắc phục của đơn vị: {link}")
    lines += ["", "Thư này được gửi tự động; vui lòng không trả lời."]
    key = f"remind:{user.id}:{today.isoformat()}:{notices[0].id}"
    return outbox.queue(key, user.email, subject, "\n".join(lines))


def _page_link() -> str | None:
    """The unit head's page at the public address; none when the address is not configured."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if not base:
        return None
    path = current_app.url_map.bind("localhost").build("remediation.index", {})
    return base.rstrip("/") + path
