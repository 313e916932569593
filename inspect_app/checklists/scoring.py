"""Whether an answer to a checklist item is a failure ("chưa đạt"): plain values in, a bool out.

Items are in the normalised shape of a checklist version's `definition` (see checklists/README.md).
"""
import math
import operator
import re

COMPARISONS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
               "==": operator.eq, "=": operator.eq, "!=": operator.ne}
_FAIL_IF = re.compile(r"^\s*(>=|<=|==|!=|>|<|=)\s*(-?\d+(?:\.\d+)?)\s*$")
NOT_APPLICABLE = "na"


def answer_type(item: dict) -> str:
    """The item's answer type; yes_no when the file does not say."""
    return item.get("type") or item.get("answer_type") or item.get("answer") or "yes_no"


def choice_key(choice) -> str | None:
    """A choice is a plain string or a mapping that names its key."""
    if isinstance(choice, str):
        return choice
    if isinstance(choice, dict):
        for name in ("key", "id", "value"):
            if isinstance(choice.get(name), str):
                return choice[name]
    return None


def _choice_fails(item: dict, value) -> bool:
    for c in item.get("choices") or ():
        if choice_key(c) == value and isinstance(c, dict):
            return bool(c.get("fails") or c.get("fail") or c.get("compliant") is False)
    fail_if = item.get("fail_if")
    return isinstance(fail_if, list) and value in fail_if


def _number_fails(item: dict, value) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return False
    match = _FAIL_IF.match(str(item.get("fail_if") or ""))
    if not match:
        return False
    return COMPARISONS[match.group(1)](value, float(match.group(2)))


def is_failed(item: dict, value) -> bool:
    """True when `value` is a failed answer to `item`; unanswered and "na" never fail."""
    if value is None or value == NOT_APPLICABLE:
        return False
    kind = answer_type(item)
    if kind == "yes_no":
        compliant = item.get("compliant", "yes")
        return value in ("yes", "no") and value != compliant
    if kind in ("count", "number"):
        return _number_fails(item, value)
    if kind == "choice":
        return _choice_fails(item, value)
    return False
