"""The canonical bytes of a minutes record and their hash (docs/minutes.md, "Canonical bytes").

static/js/minutes/canonical.js is the same function in JavaScript; both are tested against the
fixtures in tests/fixtures/minutes/. Any change here must be made there, and to the fixtures.
"""
import hashlib
import math
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from .difference import describe_difference

# JavaScript's String.prototype.trim set, spelled out: Python's str.strip also strips
# U+001C–U+001F and U+0085 but not U+FEFF, and the two sides must agree on every character.
WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_EDGES = re.compile(f"^[{WHITESPACE}]+|[{WHITESPACE}]+$")
_NEWLINES = re.compile(r"\r\n?")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Past 2**53 a JSON number is no longer exact in JavaScript: write what the device would read.
SAFE_INTEGER = 2**53
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
            "\t": "\\t"}
_TO_ESCAPE = re.compile('["\\\\\x00-\x1f]')
_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
                   r"(Z|[+-]\d{2}:?\d{2})?$")


def normalize_text(value: str) -> str | None:
    """NFC, LF line ends, no white space at either end; an empty string becomes None."""
    if _LONE_SURROGATE.search(value):
        raise ValueError("text holds a lone surrogate, which is not Unicode")
    text = _EDGES.sub("", unicodedata.normalize("NFC", _NEWLINES.sub("\n", value)))
    return text or None


def normalize(value):
    """The record as it is hashed: texts normalised, numbers checked, tuples as lists."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError("NaN and infinities have no canonical form")
        return value
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise TypeError("record keys must be strings")
        return {k: normalize(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalize(v) for v in value]
    raise TypeError(f"{type(value).__name__} has no canonical form (format it first)")


def js_number(value: float) -> str:
    """The number as JavaScript's Number.prototype.toString writes it."""
    if isinstance(value, int) and abs(value) <= SAFE_INTEGER:
        return str(value)
    value = float(value)
    if value == 0:
        return "0"  # -0 included, as in JavaScript
    sign, digits, exponent = Decimal(repr(value)).as_tuple()
    text = "".join(map(str, digits)).rstrip("0")
    exponent += len(digits) - len(text)
    k, n = len(text), len(text) + exponent  # the value is 0.<text> × 10**n
    if k <= n <= 21:
        out = text + "0" * (n - k)
    elif 0 < n <= 21:
        out = text[:n] + "." + text[n:]
    elif -6 < n <= 0:
        out = "0." + "0" * -n + text
    else:
        e = n - 1
        mantissa = text if k == 1 else text[0] + "." + text[1:]
        out = f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    return "-" + out if sign else out


def _string(text: str) -> str:
    return '"' + _TO_ESCAPE.sub(
        lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text) + '"'


def _serialise(value, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, int | float):
        out.append(js_number(value))
    elif isinstance(value, list):
        out.append("[")
        for n, member in enumerate(value):
            if n:
                out.append(",")
            _serialise(member, out)
        out.append("]")
    else:
        out.append("{")
        for n, key in enumerate(sorted(value)):  # Python orders str by code point
            if n:
                out.append(",")
            out.append(_string(key) + ":")
            _serialise(value[key], out)
        out.append("}")


def canonical_text(record) -> str:
    """The canonical JSON text of a record (before UTF-8)."""
    out: list[str] = []
    _serialise(normalize(record), out)
    return "".join(out)


def canonical_minutes(record) -> bytes:
    """The canonical bytes of a minutes record: normalised, JCS-serialised, UTF-8."""
    return canonical_text(record).encode("utf-8")


def minutes_hash(record) -> str:
    """SHA-256 of the canonical bytes, 64 lower-case hex digits."""
    return hashlib.sha256(canonical_minutes(record)).hexdigest()


def format_time(moment) -> str | None:
    """UTC 'YYYY-MM-DDTHH:MM:SSZ', truncated to the second; naive times and strings without an
    offset are UTC (as the sync protocol reads them)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = _parse_time(moment)
    elif isinstance(moment, datetime) and moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    elif not isinstance(moment, datetime):
        raise TypeError("format_time takes a datetime or an ISO 8601 string")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse_time(text: str) -> datetime:
    # The same grammar as canonical.js, so both sides read every string alike (fractions cut).
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"not an ISO 8601 time: {text!r}")
    year, month, day, hour, minute, second, offset = match.groups()
    moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    if offset and offset != "Z":
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        minutes = sign * (int(digits[:2]) * 60 + int(digits[2:]))
        moment -= timedelta(minutes=minutes)
    return moment


def format_date(day) -> str | None:
    """'YYYY-MM-DD' for a date (or the date part of a datetime's formatted UTC time)."""
    if day is None:
        return None
    if isinstance(day, datetime):
        return format_time(day)[:10]
    if isinstance(day, date):
        return day.isoformat()
    raise TypeError("format_date takes a date")


def first_difference(device: dict, server: dict) -> str:
    """Where two records first differ, in Vietnamese, with both values: 'câu KL-03 (máy: 2,
    máy chủ: 3)'. Empty when they are the same."""
    return describe_difference(normalize(device), normalize(server))
