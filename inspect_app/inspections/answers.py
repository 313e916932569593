"""Checklist items inside a version's definition, and whether a value fits an item's answer type."""
import calendar
import math
import re

from ..checklists.scoring import NOT_APPLICABLE, answer_type, choice_key
from ..checklists.visibility import INSTANCE_KEY
from .fields import MAX_NOTE, is_clean_text

YES_NO = ("yes", "no", NOT_APPLICABLE)
# Counts are stored as JSON; a bound keeps them exact in every JSON reader (2**53).
MAX_COUNT = 2**53
MAX_INSTANCES = 200  # a repeat group with no max of its own
# Dates and times as the phone's <input type=date|time|datetime-local> give them ([0-9], not
# \d: Python's \d takes any script's digits). static/js/answers.js holds the same rules.
DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
TIME = re.compile(r"^([0-9]{2}):([0-9]{2})$")
YEARS = (1900, 2100)


def date_problem(value) -> str | None:
    """Why `value` is not a day "YYYY-MM-DD" that exists (Vietnamese), or None."""
    match = DATE.match(value) if isinstance(value, str) else None
    if not match:
        return "phải là ngày dạng YYYY-MM-DD"
    year, month, day = map(int, match.groups())
    if not YEARS[0] <= year <= YEARS[1]:
        return f"năm {year} nằm ngoài khoảng {YEARS[0]}–{YEARS[1]}"
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"không có ngày {day:02d}/{month:02d}/{year}"
    return None


def time_problem(value) -> str | None:
    """Why `value` is not a time of day "HH:MM" (Vietnamese), or None."""
    match = TIME.match(value) if isinstance(value, str) else None
    if not match:
        return "phải là giờ dạng HH:MM"
    hour, minute = map(int, match.groups())
    if hour > 23 or minute > 59:
        return f"không có giờ {value} (từ 00:00 đến 23:59)"
    return None


def datetime_problem(value) -> str | None:
    """Why `value` is not "YYYY-MM-DDTHH:MM" (Vietnamese), or None."""
    if not isinstance(value, str) or len(value) != 16 or value[10] != "T":
        return "phải là ngày giờ dạng YYYY-MM-DDTHH:MM"
    return date_problem(value[:10]) or time_problem(value[11:])


def _choice_keys(item: dict) -> list[str]:
    return [k for k in map(choice_key, item.get("choices") or ()) if k is not None]


def _multiple_problem(item: dict, value) -> str | None:
    keys = _choice_keys(item)
    if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
        return "phải là danh sách mã các lựa chọn"
    if not value:
        return "chưa chọn lựa chọn nào (bỏ chọn hết thì để trống)"
    if len(set(value)) != len(value):
        return "có lựa chọn bị chọn hai lần"
    unknown = [k for k in value if k not in keys]
    if unknown:
        return (f'không có lựa chọn "{unknown[0]}"; chỉ nhận: '
                + ", ".join(f'"{k}"' for k in keys))
    return None


def find_item(definition: dict, item_id: str) -> dict | None:
    """The item with this id, walking definition["sections"][*]["items"][*]."""
    for section in (definition or {}).get("sections") or ():
        for item in (section or {}).get("items") or ():
            if isinstance(item, dict) and item.get("id") == item_id:
                return item
    return None


def item_ids(definition: dict) -> list[str]:
    """Every item id of a definition, in order."""
    return [item["id"] for section in (definition or {}).get("sections") or ()
            for item in (section or {}).get("items") or () if isinstance(item, dict)]


def value_problem(item: dict, value) -> str | None:
    """Why `value` is not an answer to `item` (Vietnamese), or None when it fits. None clears."""
    if value is None:
        return None
    kind = answer_type(item)
    if kind == "yes_no":  # "na": không áp dụng
        if value not in YES_NO:
            return 'chỉ nhận "yes", "no" hoặc "na"'
        return None
    if kind == "count":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            return "phải là số nguyên không âm"
        return None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return "phải là một số"
        if abs(value) > MAX_COUNT:
            return "số quá lớn"
        return None
    if kind == "text":
        if not isinstance(value, str) or not is_clean_text(value):
            return "phải là đoạn văn bản"
        if len(value) > MAX_NOTE:
            return f"dài quá {MAX_NOTE} ký tự"
        return None
    if kind == "choice":
        keys = _choice_keys(item)
        if not isinstance(value, str) or value not in keys:
            return "chỉ nhận một trong các lựa chọn: " + ", ".join(f'"{k}"' for k in keys)
        return None
    if kind == "multiple":
        return _multiple_problem(item, value)
    if kind in MOMENTS:
        return MOMENTS[kind](value)
    if kind == "instances":  # a repeat group's own answer: its instance keys, in order
        limit = item.get("max") or MAX_INSTANCES
        if not isinstance(value, list) or not all(
                isinstance(k, str) and INSTANCE_KEY.match(k) for k in value):
            return "phải là danh sách mã của từng lần (chữ thường và số, tối đa 16 ký tự)"
        if len(set(value)) != len(value):
            return "có mã bị lặp"
        if len(value) > limit:
            return f"nhiều hơn {limit} lần"
        return None
    return f'loại câu trả lời "{kind}" chưa được hỗ trợ'


MOMENTS = {"date": date_problem, "time": time_problem, "datetime": datetime_problem}
