"""Vietnamese words the minutes print for codes and times (the record keeps codes); answers,
findings and requests are worded in wording.py."""
from datetime import datetime

from ..documents.dates import long_date  # noqa: F401  (the minutes print it through labels)
from ..documents.text import nfc
from ..inspections.models import ATTENDANCE_STATUSES
from ..org.models import TEAM_ROLES
from ..timeutil import vietnam_time

SYMBOL = "BB-ĐKT"  # the minutes' symbol after their number: biên bản of the đoàn kiểm tra


def local_time(value: str | datetime | None) -> datetime | None:
    """A record time ("…Z") or a naive-UTC datetime, in Vietnam time."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    return vietnam_time(value)


def clock(t: datetime) -> str:
    """"08 giờ 15 phút"."""
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


def stamp(value) -> str:
    """"08:20:13 22/11/2026" in Vietnam time."""
    t = local_time(value)
    return t.strftime("%H:%M:%S %d/%m/%Y") if t else ""


def team_role(code: str | None) -> str:
    return TEAM_ROLES.get(code, nfc(code))


def attendance(code: str | None) -> str:
    return ATTENDANCE_STATUSES.get(code, nfc(code))
