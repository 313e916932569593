"""How an answer prints in every document and page: a choice's label, Có/Không, a number in
Vietnamese notation with its unit, a date as dd/mm/yyyy, text as written."""
import re

from .text import nfc

_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_TIME = re.compile(r"^([0-9]{2}):([0-9]{2})$")

WORDS = {"yes": "Có", "no": "Không", "na": "Không áp dụng", True: "Có", False: "Không"}


def number(v: float) -> str:
    """Vietnamese notation: the decimal comma (2.5 → "2,5"), at most two decimals."""
    return (str(int(v)) if float(v).is_integer() else repr(round(v, 2))).replace(".", ",")


def joined(words: list[str]) -> str:
    """"A", "A và B", "A, B và C": a list as a sentence says it."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " và " + words[-1]


def day(value: str) -> str:
    """"2026-03-02" → "02/03/2026"; anything else as it is."""
    m = _DATE.match(value)
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else value


def clock(value: str) -> str:
    """"08:30" → "08 giờ 30"; anything else as it is."""
    m = _TIME.match(value)
    return f"{m.group(1)} giờ {m.group(2)}" if m else value


def _moment(kind: str, value: str) -> str:
    if kind == "date":
        return day(value)
    if kind == "time":
        return clock(value)
    date, _, time = value.partition("T")  # "08 giờ 30 ngày 02/03/2026"
    return f"{clock(time)} ngày {day(date)}" if _DATE.match(date) and _TIME.match(time) else value


def _labels(value: list, spec: dict) -> str:
    """The chosen choices' labels in the checklist's order, then any key it does not list."""
    choices = [c for c in spec.get("choices") or () if isinstance(c, dict)]
    known = [c for c in choices if c.get("key", c.get("id")) in value]
    keys = {c.get("key", c.get("id")) for c in known}
    words = [nfc(c.get("label") or c.get("key") or c.get("id")) for c in known]
    return joined(words + [nfc(str(v)) for v in value if v not in keys]) if value else ""


def answer(value, spec: dict | None = None, *, unit: bool = True) -> str:
    """An answer as printed: a choice's label (never its key), the labels of a multiple choice
    joined in a sentence, Có/Không, a number in Vietnamese notation with the item's unit, a date
    as dd/mm/yyyy and a time as "08 giờ 30", text as written."""
    spec = spec or {}
    if value is None:
        return "Chưa kiểm tra"
    if spec.get("type") == "multiple" and isinstance(value, list):
        return _labels(value, spec)
    if spec.get("type") in ("date", "time", "datetime") and isinstance(value, str):
        return _moment(spec["type"], value)
    if isinstance(value, list):
        return ", ".join(answer(x, spec, unit=unit) for x in value)
    if spec.get("type") == "choice" and value != "na":
        for c in spec.get("choices") or ():
            if isinstance(c, dict) and value in (c.get("key"), c.get("id")):
                return nfc(c.get("label") or value)
    if isinstance(value, bool) or (isinstance(value, str) and value in WORDS):
        return WORDS[value]
    if isinstance(value, int | float):
        if not unit or not spec.get("unit"):
            return number(value)
        # "12,5%" but "2 người": Vietnamese writes the percent sign close up.
        return number(value) + ("" if spec["unit"] == "%" else " ") + nfc(spec["unit"])
    return nfc(value)
