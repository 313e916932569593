"""Checklist items inside a version's definition, and whether a value fits an item's answer type."""
import math

from ..checklists.scoring import NOT_APPLICABLE, answer_type, choice_key
from ..checklists.visibility import INSTANCE_KEY
from .fields import MAX_NOTE, is_clean_text

YES_NO = ("yes", "no", NOT_APPLICABLE)
# Counts are stored as JSON; a bound keeps them exact in every JSON reader (2**53).
MAX_COUNT = 2**53
MAX_INSTANCES = 200  # a repeat group with no max of its own


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
        keys = [k for k in map(choice_key, item.get("choices") or ()) if k is not None]
        if not isinstance(value, str) or value not in keys:
            return "chỉ nhận một trong các lựa chọn: " + ", ".join(f'"{k}"' for k in keys)
        return None
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
