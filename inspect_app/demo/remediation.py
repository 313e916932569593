"""Demo remediation follow-up: an item falling due for the unit head, and today's reminders."""
from datetime import date, timedelta

from sqlalchemy import select

from ..extensions import db
from ..remediation import reminders, reports
from ..remediation.models import RemediationItem

DUE_IN_DAYS = 2  # inside the default three-day reminder window


def item_falling_due(unit, today: date) -> RemediationItem | None:
    """Bring one of the unit's open, still running items to a deadline two days away.

    Called before the minutes are issued, so the minutes print the same deadline.
    """
    item = db.session.scalars(select(RemediationItem).where(
        RemediationItem.unit_id == unit.id, RemediationItem.state == "open",
        RemediationItem.deadline > today).order_by(RemediationItem.id)).first()
    if item is not None:
        item.deadline = today + timedelta(days=DUE_IN_DAYS)
    return item


def send_reminders(today: date) -> reminders.RemindResult:
    """Today's reminder pass: the unit head's notices and e-mail (queued, not sent)."""
    return reminders.remind(today)


def send_report(head) -> None:
    """The head of a unit sends the office the report on what the unit has fixed so far, so the
    office has a remediation report (a numbered document of the unit's) to read."""
    if reports.pending_items(head.unit_id):
        reports.send_report(head, "18/BC-UBND", head.full_name, head.position,
                            "Các nội dung còn lại đơn vị đang tiếp tục khắc phục và sẽ báo cáo "
                            "trước thời hạn Đoàn kiểm tra yêu cầu.")
