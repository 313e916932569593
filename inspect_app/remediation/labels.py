"""Vietnamese words and dates the remediation pages, report and reminders print."""
from datetime import UTC, date, datetime

from ..timeutil import vietnam_time
from .models import REMEDIATION_STATES

# Vietnam has kept UTC+7 without daylight saving since 1975: deadlines are Vietnamese days.

EVENT_KINDS = {
    "reported": "Đơn vị báo cáo khắc phục",
    "verified": "Cơ quan kiểm tra xác nhận đã khắc phục",
    "reopened": "Cơ quan kiểm tra yêu cầu khắc phục lại",
    "reminded": "Nhắc hạn khắc phục",
    "checked": "Kiểm tra thực tế",
    "extended": "Cơ quan kiểm tra gia hạn thời hạn khắc phục",
}


def vietnam_today(now: datetime | None = None) -> date:
    """Today's date in Vietnam (the server may run in UTC)."""
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)  # naive values in this app are UTC
    return vietnam_time(now).date()


def dmy(value: date | datetime | None) -> str:
    """dd/mm/yyyy; a (naive UTC) time is first put in Vietnam time."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%d/%m/%Y")


def local(value: datetime) -> datetime:
    """A naive-UTC time from the database, in Vietnam time."""
    return vietnam_time(value)


def stamp(value: datetime | None) -> str:
    """"14:05 22/11/2026" in Vietnam time."""
    return local(value).strftime("%H:%M %d/%m/%Y") if value else ""


def state_label(code: str) -> str:
    return REMEDIATION_STATES.get(code, code)


def event_label(code: str) -> str:
    return EVENT_KINDS.get(code, code)


def days_word(deadline: date, today: date) -> str:
    """"còn 3 ngày", "đến hạn hôm nay", "quá hạn 2 ngày"."""
    left = (deadline - today).days
    if left > 0:
        return f"còn {left} ngày"
    if left == 0:
        return "đến hạn hôm nay"
    return f"quá hạn {-left} ngày"
