"""Vietnamese words the minutes print for codes, times and values (the record keeps codes)."""
from datetime import date, datetime

from ..documents.dates import long_date  # noqa: F401  (the minutes print it through labels)
from ..documents.text import nfc
from ..inspections.models import ATTENDANCE_STATUSES, SEVERITIES
from ..org.models import TEAM_ROLES
from ..timeutil import vietnam_time

SYMBOL = "BB-ĐKT"  # the minutes' symbol after their number: biên bản of the đoàn kiểm tra

VALUE_WORDS = {"yes": "Có", "no": "Không", "na": "Không áp dụng", True: "Có", False: "Không"}


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


def short_date(value: str | date | None) -> str:
    """dd/mm/yyyy for a record date ("YYYY-MM-DD") or a date."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def stamp(value) -> str:
    """"08:20:13 22/11/2026" in Vietnam time."""
    t = local_time(value)
    return t.strftime("%H:%M:%S %d/%m/%Y") if t else ""


def team_role(code: str | None) -> str:
    return TEAM_ROLES.get(code, nfc(code))


def attendance(code: str | None) -> str:
    return ATTENDANCE_STATUSES.get(code, nfc(code))


def severity(code: str | None) -> str:
    return SEVERITIES.get(code, nfc(code))


def value(v) -> str:
    """An answer as printed: yes/no words, numbers in Vietnamese notation, text as is."""
    if v is None:
        return "Chưa kiểm tra"
    if isinstance(v, bool) or (isinstance(v, str) and v in VALUE_WORDS):
        return VALUE_WORDS[v]
    if isinstance(v, int | float):
        # Vietnamese writes the decimal comma: 2.5 → "2,5"; a computed ratio shows two decimals.
        return (str(int(v)) if float(v).is_integer() else repr(round(v, 2))).replace(".", ",")
    if isinstance(v, list):
        return ", ".join(value(x) for x in v)
    return nfc(v)
