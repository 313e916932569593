"""Checklist definitions parsed once per process, found by their content hash.

A version's definition never changes and its content hash names it (the model keeps the hash
true), so a parsed definition can be shared by every request that names the same hash.
"""
from dataclasses import dataclass, field

from .loader import iter_items
from .visibility import INSTANCE_KEY

MAX_CACHED = 256
_cache: dict[str, "Definition"] = {}


@dataclass(frozen=True)
class Definition:
    """A parsed definition with its items indexed by id."""

    content_hash: str
    definition: dict
    items: dict = field(repr=False)
    # Conditions or computed items: an answer may show, hide or change other items' results.
    has_logic: bool = False
    repeats: dict = field(default_factory=dict, repr=False)  # repeat group id → its section
    group_of: dict = field(default_factory=dict, repr=False)  # a group's field id → group id

    def item(self, item_id: str) -> dict | None:
        return self.items.get(item_id)

    def answerable(self, item_id: str) -> tuple[dict | None, str]:
        """What an answer's `item_id` names, and how: ("item") a plain item; ("instance") a
        repeat group's field in one instance, "FIELD#KEY"; ("group") a repeat group itself,
        whose answer is the list of its instance keys; ("per_instance") a group's field named
        without an instance; (None, "unknown") nothing of this checklist."""
        field_id, _, key = item_id.partition("#")
        group = self.repeats.get(item_id)
        if group is not None:
            return group, "group"
        item = self.items.get(field_id)
        if item is None or (key and (field_id not in self.group_of or not INSTANCE_KEY.match(key))):
            return None, "unknown"
        if field_id in self.group_of:
            return item, "instance" if key else "per_instance"
        return item, "item"


def definition_for(content_hash: str, load) -> Definition:
    """The definition with this hash; `load()` reads it from the database on the first call."""
    found = _cache.get(content_hash)
    if found is None:
        raw = load() or {}
        items = {item["id"]: item for _, item in iter_items(raw)
                 if isinstance(item, dict) and isinstance(item.get("id"), str)}
        repeats = {s["id"]: s for s in raw.get("sections") or ()
                   if isinstance(s, dict) and "repeat" in s and isinstance(s.get("id"), str)}
        group_of = {i.get("id"): sid for sid, s in repeats.items() for i in s.get("items") or ()
                    if isinstance(i, dict)}
        found = Definition(content_hash, raw, items, has_logic=_has_logic(raw, items),
                           repeats=repeats, group_of=group_of)
        if len(_cache) >= MAX_CACHED:
            _cache.clear()
        _cache[content_hash] = found
    return found


def _has_logic(raw: dict, items: dict) -> bool:
    sections = [s for s in (raw.get("sections") or ()) if isinstance(s, dict)]
    return (any("relevant" in s or "repeat" in s for s in sections)
            or any("relevant" in i or i.get("type") == "computed" for i in items.values()))
