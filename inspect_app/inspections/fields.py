"""Reading one field of a device's JSON: plain values in, plain values out, or `Invalid`.

Every check here exists because the same bad value would behave differently on SQLite and
PostgreSQL (a NUL byte, a lone surrogate, an id past 32 bits, NaN): refusing it up front keeps the
two databases alike and keeps a client's mistake from ever becoming a 500.
"""
import math
import uuid as uuid_lib
from datetime import UTC, datetime

MAX_ID = 2**31 - 1  # PostgreSQL integer columns
MAX_NOTE = 5000


class Invalid(ValueError):
    """A field the device sent does not hold what the protocol says; `message` is Vietnamese."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def is_clean_text(value) -> bool:
    """A string PostgreSQL can store: valid UTF-8 (no lone surrogates) and no NUL character."""
    if not isinstance(value, str) or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def text(data: dict, key: str, *, max_len: int, required: bool = False) -> str | None:
    """A string of at most `max_len` characters; None when absent and not required."""
    value = data.get(key)
    if value is None:
        if required:
            raise Invalid(key, "thiếu thông tin bắt buộc")
        return None
    if not isinstance(value, str):
        raise Invalid(key, "phải là chuỗi ký tự")
    if not is_clean_text(value):
        raise Invalid(key, "chứa ký tự không hợp lệ")
    if len(value) > max_len:
        raise Invalid(key, f"dài quá {max_len} ký tự")
    if required and not value.strip():
        raise Invalid(key, "không được để trống")
    return value


def integer(data: dict, key: str, *, required: bool = False, minimum: int = 1,
            maximum: int = MAX_ID) -> int | None:
    """An integer (not a boolean, not a float) within the bounds."""
    value = data.get(key)
    if value is None:
        if required:
            raise Invalid(key, "thiếu thông tin bắt buộc")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(key, "phải là số nguyên")
    if not minimum <= value <= maximum:
        raise Invalid(key, f"phải nằm trong khoảng {minimum}–{maximum}")
    return value


def number(data: dict, key: str, *, minimum: float, maximum: float) -> float | None:
    """A finite number within the bounds, or None."""
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise Invalid(key, "phải là số")
    if not minimum <= value <= maximum:
        raise Invalid(key, f"phải nằm trong khoảng {minimum}–{maximum}")
    return float(value)


def choice(data: dict, key: str, allowed, *, default: str | None = None) -> str:
    """One of the allowed keys."""
    value = data.get(key, default)
    if not isinstance(value, str) or value not in allowed:
        raise Invalid(key, "chỉ nhận " + ", ".join(f'"{a}"' for a in allowed))
    return value


def uuid_text(data: dict, key: str, *, required: bool = True) -> str | None:
    """A UUID made on the device, in its canonical lower-case form."""
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > 36:
        raise Invalid(key, "phải là mã UUID")
    try:
        return str(uuid_lib.UUID(value))
    except ValueError:
        raise Invalid(key, "phải là mã UUID") from None


def sha256_hex(data: dict, key: str, *, required: bool = True) -> str | None:
    """A SHA-256 digest as 64 lower-case hex digits."""
    value = data.get(key)
    if value is None and not required:
        return None
    if (not isinstance(value, str) or len(value) != 64
            or any(c not in "0123456789abcdef" for c in value)):
        raise Invalid(key, "phải là mã SHA-256 (64 chữ số hex viết thường)")
    return value


def timestamp(data: dict, key: str, *, required: bool = False) -> datetime | None:
    """An ISO 8601 time from the device, as naive UTC (the form every DateTime column holds).

    A time without an offset is taken as UTC, as `Date.prototype.toISOString()` always sends one.
    """
    value = data.get(key)
    if value is None:
        if required:
            raise Invalid(key, "thiếu thời điểm")
        return None
    return parse_timestamp(value, key)


def parse_timestamp(value, field: str) -> datetime:
    """Parse one ISO 8601 string into naive UTC, or raise Invalid naming `field`."""
    if not isinstance(value, str) or len(value) > 40:
        raise Invalid(field, "phải là thời điểm dạng ISO 8601")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise Invalid(field, "phải là thời điểm dạng ISO 8601") from None
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:
            raise Invalid(field, "thời điểm không hợp lệ") from None
    if not 2000 <= parsed.year <= 2100:
        raise Invalid(field, "thời điểm nằm ngoài khoảng 2000–2100 (đồng hồ máy có đúng không?)")
    return parsed


def iso(moment: datetime | None) -> str | None:
    """Naive UTC as the ISO 8601 text the device reads (with the Z it needs)."""
    return None if moment is None else moment.isoformat() + "Z"
