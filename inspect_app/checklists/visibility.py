"""Which items of a checklist are shown for a set of answers, and what its computed items hold.

Answers are plain values by item id; a repeat group's answers are a list with one mapping per
instance: `{"MC-10": 3, "ho-so-mau": [{"ma-ho-so": "H01", "xin-loi": "yes"}, …]}`. A hidden
item reads as unanswered (null) in every expression, whatever was typed before it was hidden.
static/js/visibility.js is the same for the device.
"""
import re
from dataclasses import dataclass, field

from .conditions import ExpressionError, evaluate, is_choice_list, parse

_BUSY = object()  # marks a value being worked out: a cycle reads as null instead of recursing


@dataclass
class Visibility:
    """Shown sections and items; per repeat group, the ids shown in each instance."""

    sections: set = field(default_factory=set)
    items: set = field(default_factory=set)
    rows: dict = field(default_factory=dict)


class _State:
    def __init__(self, definition: dict, answers: dict):
        self.answers = answers if isinstance(answers, dict) else {}
        self.items, self.sections, self.memo, self.trees = {}, {}, {}, {}
        for section in (definition or {}).get("sections") or ():
            self.sections[section.get("id")] = section
            for item in section.get("items") or ():
                self.items[item.get("id")] = (item, section)

    def tree(self, key, text):
        """The parsed expression; None (no condition) when absent or malformed."""
        if key not in self.trees:
            try:
                self.trees[key] = parse(text) if text is not None else None
            except ExpressionError:
                self.trees[key] = None
        return self.trees[key]

    def memo_of(self, key, work):
        found = self.memo.get(key)
        if found is _BUSY:
            return None
        if key not in self.memo:
            self.memo[key] = _BUSY
            self.memo[key] = work()
        return self.memo[key]

    def section_shown(self, sid) -> bool:
        section = self.sections.get(sid) or {}
        tree = self.tree(("§", sid), section.get("relevant"))
        return bool(self.memo_of(("§", sid), lambda: tree is None
                                 or evaluate(tree, _Scope(self, None)) is True))

    def instances(self, group) -> range:
        if "repeat" not in (self.sections.get(group) or {}) or not self.section_shown(group):
            return range(0)
        rows = self.answers.get(group)
        return range(len(rows)) if isinstance(rows, list) else range(0)

    def shown(self, item_id, row) -> bool:
        item, section = self.items[item_id]
        tree = self.tree(("?", item_id), item.get("relevant"))

        def work():
            return self.section_shown(section.get("id")) and (
                tree is None or evaluate(tree, _Scope(self, row)) is True)
        return bool(self.memo_of(("?", item_id, row), work))

    def value(self, item_id, row):
        item, _ = self.items[item_id]
        if not self.shown(item_id, row):
            return None
        if item.get("type") == "computed":
            tree = self.tree(("=", item_id), item.get("calculate"))
            return self.memo_of(("=", item_id, row), lambda: None if tree is None
                                else evaluate(tree, _Scope(self, row)))
        if row is None:
            value = self.answers.get(item_id)
        else:
            found = self.answers[row[0]][row[1]]
            value = found.get(item_id) if isinstance(found, dict) else None
        if item.get("type") == "multiple":  # its answer is a list of choice keys
            return value if is_choice_list(value) else None
        return None if row is None and isinstance(value, list | dict) else value

    def group_of(self, item_id):
        found = self.items.get(item_id)
        return found[1].get("id") if found and "repeat" in found[1] else None


class _Scope:
    """The env of an expression: top-level items, and the fields of one repeat instance."""

    def __init__(self, state: _State, row):
        self.state, self.row = state, row

    def get(self, item_id):
        if item_id not in self.state.items:
            return None
        group = self.state.group_of(item_id)
        if group is None:
            return self.state.value(item_id, None)
        return self.state.value(item_id, self.row) if self.row and self.row[0] == group else None

    def rows(self, group):
        return [_Scope(self.state, (group, i)) for i in self.state.instances(group)]

    def column(self, item_id):
        group = self.state.group_of(item_id)
        if group is None:
            return []
        return [self.state.value(item_id, (group, i)) for i in self.state.instances(group)]


def visibility(definition: dict, answers: dict) -> Visibility:
    """What is shown: sections, items (a repeat's field when shown in any instance), rows."""
    state, out = _State(definition, answers), Visibility()
    for sid, section in state.sections.items():
        if not state.section_shown(sid):
            continue
        out.sections.add(sid)
        ids = [item.get("id") for item in section.get("items") or ()]
        if "repeat" not in section:
            out.items.update(i for i in ids if state.shown(i, None))
            continue
        out.rows[sid] = [{i for i in ids if state.shown(i, (sid, n))}
                         for n in state.instances(sid)]
        out.items.update(*out.rows[sid])
    return out


def visible_items(definition: dict, answers: dict) -> set[str]:
    """Ids of the items shown (a repeat's field when it is shown in at least one instance)."""
    return visibility(definition, answers).items


def computed_values(definition: dict, answers: dict) -> dict:
    """{id: value} of computed items (None when hidden or undefined); a repeat group's computed
    fields as {group: [{id: value} per instance]}."""
    state, out = _State(definition, answers), {}
    for sid, section in state.sections.items():
        ids = [i.get("id") for i in section.get("items") or () if i.get("type") == "computed"]
        if ids and "repeat" in section:
            out[sid] = [{i: state.value(i, (sid, n)) for i in ids} for n in state.instances(sid)]
        elif ids:
            out.update({i: state.value(i, None) for i in ids})
    return out


def shown_values(definition: dict, answers: dict) -> dict:
    """{id: [value of each shown occurrence]}: one for a top-level item, one per instance for a
    repeat's field; computed items computed, hidden items left out."""
    state, out = _State(definition, answers), {}
    for item_id in state.items:
        group = state.group_of(item_id)
        rows = [None] if group is None else [(group, n) for n in state.instances(group)]
        out[item_id] = [state.value(item_id, row) for row in rows if state.shown(item_id, row)]
    return out


# A repeat group's instance is named by a key the device makes ("k3f9a2"); its fields are answered
# as "FIELD#KEY" and the group's own answer is the list of its keys, in order.
INSTANCE_KEY = re.compile(r"^[a-z0-9]{1,16}$")


def answers_from(definition: dict, stored: dict) -> dict:
    """The expression language's answers from answers stored by item id: a repeat group's as one
    mapping per key of the group's own answer, from its fields' "FIELD#KEY" answers."""
    out = {k: v for k, v in stored.items() if "#" not in k}
    for section in (definition or {}).get("sections") or ():
        if "repeat" not in section:
            continue
        fields = [i.get("id") for i in section.get("items") or ()]
        out[section["id"]] = [{f: stored.get(f"{f}#{key}") for f in fields}
                              for key in instance_keys(stored.get(section["id"]))]
    return out


def instance_keys(value) -> list[str]:
    """A repeat group's instance keys from its stored answer (anything malformed: none)."""
    if not isinstance(value, list):
        return []
    return [k for k in value if isinstance(k, str) and INSTANCE_KEY.match(k)]


def shown_items(definition: dict, stored: dict) -> tuple[set, set, dict]:
    """(section ids shown, item ids shown, computed values by id) for answers stored by item id,
    as static/js/shown.js has them for the device's screens and the minutes. A repeat group's
    fields are named per instance ("FIELD#KEY"), shown where their condition holds in it."""
    answers = answers_from(definition, stored)
    seen = visibility(definition, answers)
    items, computed = set(seen.items), {}
    state = _State(definition, answers)
    for sid, section in state.sections.items():
        plain = [i.get("id") for i in section.get("items") or () if i.get("type") == "computed"]
        if "repeat" not in section:
            computed.update({i: state.value(i, None) for i in plain})
            continue
        items.difference_update(i.get("id") for i in section.get("items") or ())
        for n, key in enumerate(instance_keys(stored.get(sid))):
            row = seen.rows.get(sid, [])[n] if n < len(seen.rows.get(sid, [])) else set()
            items.update(f"{i}#{key}" for i in row)
            computed.update({f"{i}#{key}": state.value(i, (sid, n)) for i in plain})
    return seen.sections, items, computed
