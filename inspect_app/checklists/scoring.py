"""Whether an answer to a checklist item is a failure ("chưa đạt"): plain values in, a bool out.

Items are in the normalised shape of a checklist version's `definition`: `type` (yes_no, count,
number, text, choice); yes_no items fail on the answer that is not `compliant` (default "yes");
count and number items fail when `fail_if` (e.g. "> 0", "< 50") holds, or with a threshold the
office sets ("< target:online_share") when the answer is beyond the item's resolved `target`
value (the loader resolves it from the checklist's office_targets); choice items fail on a
choice marked `fails: true`, multiple items (a list of choice keys) when any chosen choice is
so marked; date, time and datetime items are data and never fail; computed items fail as numbers do; "na" (không áp dụng) and no
answer never fail. This is the shape checklists/loader.py writes (a plain-string choice is also
read, as a choice that never fails). `score` weighs a whole checklist, hidden items left out.
"""
import math
import operator
import re
from dataclasses import dataclass

from .visibility import shown_values

COMPARISONS = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
               "==": operator.eq, "!=": operator.ne}
# The same grammar as checklists.loader.FAIL_IF, with the parts captured.
_FAIL_IF = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?|target:[A-Za-z0-9_.-]+)\s*$")
NOT_APPLICABLE = "na"


def answer_type(item: dict) -> str:
    """The item's answer type (`type`, one of loader.ANSWER_TYPES); yes_no if unsaid."""
    return item.get("type") or "yes_no"


def choice_key(choice) -> str | None:
    """A choice is a plain string or a mapping that names its key (`key`, or `id`)."""
    if isinstance(choice, str):
        return choice
    if isinstance(choice, dict):
        for name in ("key", "id"):
            if isinstance(choice.get(name), str):
                return choice[name]
    return None


def _choice_fails(item: dict, value) -> bool:
    return any(isinstance(c, dict) and choice_key(c) == value and c.get("fails")
               for c in item.get("choices") or ())


def threshold(item: dict) -> tuple[str, float] | None:
    """(comparison, number) that fails the item: its fail_if, a target read from the item's
    resolved `target`; None when the item has no usable threshold."""
    match = _FAIL_IF.match(str(item.get("fail_if") or ""))
    if not match:
        return None
    bound = match.group(2)
    if bound.startswith("target:"):
        target = item.get("target")
        value = target.get("value") if isinstance(target, dict) and \
            target.get("key") == bound[len("target:"):] else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return match.group(1), float(value)
    return match.group(1), float(bound)


def _number_fails(item: dict, value) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return False
    found = threshold(item)
    return bool(found) and COMPARISONS[found[0]](value, found[1])


def is_failed(item: dict, value) -> bool:
    """True when `value` is a failed answer to `item`; unanswered and "na" never fail."""
    if value is None or value == NOT_APPLICABLE:
        return False
    kind = answer_type(item)
    if kind == "yes_no":
        compliant = item.get("compliant", "yes")
        return value in ("yes", "no") and value != compliant
    if kind in ("count", "number", "computed"):
        return _number_fails(item, value)
    if kind == "choice":
        return _choice_fails(item, value)
    if kind == "multiple":
        return isinstance(value, list) and any(_choice_fails(item, v) for v in value)
    return False


@dataclass(frozen=True)
class Score:
    """Weighted compliance: `passed` of `applicable` weight; `percent` None when nothing applies."""

    passed: float
    applicable: float
    failed: tuple[str, ...]
    unanswered: tuple[str, ...]

    @property
    def percent(self) -> float | None:
        return 100 * self.passed / self.applicable if self.applicable else None


def can_fail(item: dict) -> bool:
    """Only items with a failing answer are scored: text, and numbers without fail_if, are data."""
    kind = answer_type(item)
    if kind in ("count", "number", "computed"):
        return threshold(item) is not None
    if kind in ("choice", "multiple"):
        return any(isinstance(c, dict) and c.get("fails") for c in item.get("choices") or ())
    return kind == "yes_no"


def score(definition: dict, answers: dict) -> Score:
    """The score of a checklist for `answers` (see visibility.py for their shape).

    Hidden items, "na" and unanswered items are left out; a repeat's field counts once, failed
    when any instance fails it. A computed item is scored on its computed value.
    """
    values = shown_values(definition, answers)
    passed = applicable = 0
    failed, unanswered = [], []
    for section in (definition or {}).get("sections") or ():
        for item in section.get("items") or ():
            if not can_fail(item) or not values.get(item.get("id")):
                continue
            given = [v for v in values[item["id"]] if v is not None and v != NOT_APPLICABLE]
            if not given:
                if answer_type(item) != "computed" and all(v is None for v in values[item["id"]]):
                    unanswered.append(item["id"])
                continue
            applicable += item.get("weight", 1)
            if any(is_failed(item, v) for v in given):
                failed.append(item["id"])
            else:
                passed += item.get("weight", 1)
    return Score(passed, applicable, tuple(failed), tuple(unanswered))
