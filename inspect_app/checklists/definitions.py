"""Checklist definitions parsed once per process, found by their content hash.

A version's definition never changes and its content hash names it (the model keeps the hash
true), so a parsed definition can be shared by every request that names the same hash.
"""
from dataclasses import dataclass, field

from .loader import iter_items

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

    def item(self, item_id: str) -> dict | None:
        return self.items.get(item_id)


def definition_for(content_hash: str, load) -> Definition:
    """The definition with this hash; `load()` reads it from the database on the first call."""
    found = _cache.get(content_hash)
    if found is None:
        raw = load() or {}
        items = {item["id"]: item for _, item in iter_items(raw)
                 if isinstance(item, dict) and isinstance(item.get("id"), str)}
        found = Definition(content_hash, raw, items, has_logic=_has_logic(raw, items))
        if len(_cache) >= MAX_CACHED:
            _cache.clear()
        _cache[content_hash] = found
    return found


def _has_logic(raw: dict, items: dict) -> bool:
    sections = [s for s in (raw.get("sections") or ()) if isinstance(s, dict)]
    return (any("relevant" in s or "repeat" in s for s in sections)
            or any("relevant" in i or i.get("type") == "computed" for i in items.values()))
