"""The legal sources a checklist cites, the basis each item stands on, and how a basis prints on
the day of an inspection. Pure functions: no Flask, no database.

A source (`legal_sources`) carries how it prints (`short`), its `kind`, the dates it is in force
(`in_force_from`, `in_force_until`) and what replaced or amended it (`replaced_by`,
`amended_by`). An item's `basis` is one of:
  {source: KEY, article: "Điều 10 khoản 3"}   the article was read in the law's text
  {source: KEY}                             the document is known, its article is not
  {practice: "Kế hoạch kiểm tra …"}          good practice or the office's plan, not law
  {target: KEY}                             a threshold the office sets (office_targets)
Items that cannot fail (notes, names, figures) need no basis.

`basis_text` is mirrored by `basisText` in static/js/checklist.js: the minutes record holds its
result, so the two must agree to the byte.
"""
import re
from datetime import date, datetime

KINDS = ("law", "decree", "circular", "decision", "directive", "regulation", "resolution")
# A directive (Chỉ thị) has no articles: it is cited by its sections and points.
BY_SECTION = ("directive",)
# What an unfinished file says instead of an article or a title; none of it may reach a document.
PLACEHOLDER = re.compile(r"to verify|xác minh|\bTODO\b|\?", re.IGNORECASE)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TARGET = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*target:([A-Za-z0-9_.-]+)\s*$")
BASIS_KEYS = {"source": ("source", "article"), "practice": ("practice",), "target": ("target",)}
# How a threshold the unit must meet reads, by the comparison that fails it.
BOUND = {"<": "từ {} trở lên", "<=": "trên {}", ">": "không quá {}", ">=": "dưới {}",
         "==": "khác {}", "!=": "bằng {}"}
TARGET_LEAD = "Chỉ tiêu của cơ quan kiểm tra"


def day_of(on_date) -> str:
    """'YYYY-MM-DD' of a date, a datetime (its own calendar day) or such a string."""
    if isinstance(on_date, datetime):
        return on_date.date().isoformat()
    if isinstance(on_date, date):
        return on_date.isoformat()
    if isinstance(on_date, str) and ISO_DATE.match(on_date[:10]):
        return on_date[:10]
    raise ValueError(f"not a date: {on_date!r}")


def in_force(source: dict, day: str) -> bool:
    """Was the source in force on `day` ('YYYY-MM-DD')? A date it does not give does not bind."""
    start, end = source.get("in_force_from"), source.get("in_force_until")
    return (not start or start <= day) and (not end or day <= end)


def source_on(sources: dict, key: str, day: str) -> str | None:
    """The key of the text that governed on `day` what `key` governs: `key` itself if it was in
    force, else the text that replaced it (or that it replaced) and was in force; else None."""
    seen = set()
    while key in sources and key not in seen:
        seen.add(key)
        source = sources[key]
        if in_force(source, day):
            return key
        if source.get("in_force_from") and day < source["in_force_from"]:
            key = next((k for k, s in sources.items() if s.get("replaced_by") == key), None)
        else:
            key = source.get("replaced_by")
    return None


def citation(sources: dict, key: str, day: str) -> str:
    """'Nghị định số 118/2025/NĐ-CP (được sửa đổi, bổ sung bởi Nghị định số 367/2025/NĐ-CP)':
    the source as it prints, with the amendments already in force on `day`."""
    source = sources[key]
    text = source.get("short") or source.get("title") or key
    amending = [sources[k].get("short") or sources[k].get("title") or k
                for k in source.get("amended_by") or () if k in sources and in_force(sources[k], day)]
    if amending:
        joined = amending[0] if len(amending) == 1 else \
            ", ".join(amending[:-1]) + " và " + amending[-1]
        text += f" (được sửa đổi, bổ sung bởi {joined})"
    return text


def number_text(value) -> str:
    """30 → '30', 12.5 → '12,5' (as JavaScript's String(), with the Vietnamese decimal comma)."""
    value = float(value)
    return (str(int(value)) if value.is_integer() else repr(value)).replace(".", ",")


def target_of(definition: dict, key: str) -> dict | None:
    """The office's setting `key` declared by the checklist (office_targets)."""
    target = ((definition or {}).get("office_targets") or {}).get(key)
    return target if isinstance(target, dict) else None


def target_text(definition: dict, item: dict, key: str) -> str | None:
    """'Chỉ tiêu của cơ quan kiểm tra: Tỷ lệ hồ sơ tiếp nhận trực tuyến từ 30 % trở lên'."""
    target = target_of(definition, key)
    if target is None or not isinstance(target.get("default"), int | float):
        return None
    match = TARGET.match(str(item.get("fail_if") or ""))
    op = match.group(1) if match and match.group(2) == key else "<"
    amount = number_text(target["default"]) + (f" {target['unit']}" if target.get("unit") else "")
    return f"{TARGET_LEAD}: {target.get('label') or key} {BOUND[op].format(amount)}"


def basis_text(definition: dict, item: dict, on_date) -> str | None:
    """How the item's basis prints in a document of `on_date`: the source in force that day
    (with its amendments in force), then its article; a replaced source's successor without the
    old article; nothing when no text cited was in force that day. Practice and the office's
    targets print as such."""
    basis = (item or {}).get("basis")
    if not isinstance(basis, dict):
        return None
    if isinstance(basis.get("practice"), str) and basis["practice"].strip():
        return basis["practice"].strip()
    if isinstance(basis.get("target"), str):
        return target_text(definition, item, basis["target"])
    key = basis.get("source")
    sources = (definition or {}).get("legal_sources") or {}
    if not isinstance(key, str) or not isinstance(sources.get(key), dict):
        return None
    day = day_of(on_date)
    current = source_on(sources, key, day)
    if current is None:
        return None
    text = citation(sources, current, day)
    article = basis.get("article")
    if current == key and isinstance(article, str) and article.strip() \
            and not PLACEHOLDER.search(article):
        text += f", {article.strip()}"
    return text


def basis_kind(item: dict) -> str:
    """What the item stands on: 'article', 'document', 'practice' (practice or the office's
    target) or 'none' (a record field)."""
    basis = item.get("basis")
    if not isinstance(basis, dict):
        return "none"
    if basis.get("practice") or basis.get("target"):
        return "practice"
    if basis.get("source"):
        article = basis.get("article")
        return "article" if article and not PLACEHOLDER.search(str(article)) else "document"
    return "none"


# ---- checking a file (called by the loader; each problem names its item) --------------------

def _iso(value, what: str, problems: list) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    problems.append(f"{what} must be a date written YYYY-MM-DD, not {value!r}")
    return None


def parse_sources(raw, problems: list) -> dict:
    """legal_sources as stored; `problems` gets (key, reason) pairs."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append((None, "legal_sources must be a mapping KEY: {title, short, kind, …}"))
        return {}
    out = {}
    for key, src in raw.items():
        key = str(key)
        where = f"legal source {key}"
        if not isinstance(src, dict) or not isinstance(src.get("title"), str) \
                or not src["title"].strip():
            problems.append((where, "needs a title (the full citation)"))
            continue
        reasons: list[str] = []
        source = {"title": src["title"].strip()}
        short = src.get("short")
        if short is not None and (not isinstance(short, str) or not short.strip()):
            reasons.append("short must be text")
        source["short"] = short.strip() if isinstance(short, str) and short.strip() \
            else source["title"]
        if src.get("kind") not in KINDS:
            reasons.append(f"kind {src.get('kind')!r} is not one of {', '.join(KINDS)}")
        source["kind"] = src.get("kind")
        for field in ("in_force_from", "in_force_until"):
            value = _iso(src.get(field), field, reasons)
            if value:
                source[field] = value
        if source.get("in_force_from") and source.get("in_force_until") \
                and source["in_force_until"] < source["in_force_from"]:
            reasons.append("in_force_until is before in_force_from")
        if src.get("replaced_by") is not None:
            source["replaced_by"] = str(src["replaced_by"])
            if not source.get("in_force_until"):
                reasons.append("replaced_by needs in_force_until (its last day in force)")
        amended = src.get("amended_by")
        if amended is not None:
            if not isinstance(amended, list) or not all(isinstance(k, str) for k in amended):
                reasons.append("amended_by must be a list of source keys")
            else:
                source["amended_by"] = list(amended)
        source["verified"] = bool(src.get("verified", False))
        if isinstance(src.get("note"), str) and src["note"].strip():
            source["note"] = src["note"].strip()
        for field in ("title", "short"):
            if PLACEHOLDER.search(source[field]):
                reasons.append(f"{field} holds a placeholder ({source[field]!r})")
        problems += [(where, r) for r in reasons]
        out[key] = source
    for key, source in out.items():
        where = f"legal source {key}"
        for name in [source.get("replaced_by"), *(source.get("amended_by") or ())]:
            if name is not None and (name not in out or name == key):
                problems.append((where, f"names unknown legal source {name!r}"))
        seen, step = {key}, source.get("replaced_by")
        while step in out and step not in seen:
            seen.add(step)
            step = out[step].get("replaced_by")
        if step == key:
            problems.append((where, "replaced_by goes round in a circle"))
    return out


def parse_targets(raw, problems: list) -> dict:
    """office_targets as stored: KEY: {label, default, unit}; `problems` gets (key, reason)."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append((None, "office_targets must be a mapping KEY: {label, default, unit}"))
        return {}
    out = {}
    for key, target in raw.items():
        where = f"office target {key}"
        if not isinstance(target, dict) or not isinstance(target.get("label"), str) \
                or isinstance(target.get("default"), bool) \
                or not isinstance(target.get("default"), int | float):
            problems.append((where, "needs a label and a default (a number)"))
            continue
        out[str(key)] = {"label": target["label"].strip(), "default": target["default"]}
        if target.get("unit") is not None:
            out[str(key)]["unit"] = str(target["unit"])
    return out


def check_basis(raw, can_fail: bool, sources: dict, targets: dict, today: str) -> tuple:
    """(basis as stored or None, [reasons]) for an item's `basis` as written."""
    if raw is None:
        return None, (["missing basis ({source, article}, {source}, {practice} or {target})"]
                      if can_fail else [])
    if not isinstance(raw, dict):
        return None, ["basis must be a mapping: {source, article}, {source}, {practice} or {target}"]
    forms = [k for k in BASIS_KEYS if raw.get(k) is not None]
    if len(forms) != 1:
        return None, ["basis names exactly one of source, practice, target"]
    form = forms[0]
    extra = set(raw) - set(BASIS_KEYS[form])
    if extra:
        return None, [f"basis has unknown keys {', '.join(sorted(map(str, extra)))}"]
    if form == "practice":
        text = raw["practice"]
        if not isinstance(text, str) or not text.strip():
            return None, ["basis practice must say what the item rests on"]
        if PLACEHOLDER.search(text):
            return None, [f"basis practice holds a placeholder ({text!r})"]
        return {"practice": text.strip()}, []
    if form == "target":
        if raw["target"] not in targets:
            return None, [(f"basis names office target {raw['target']!r}, which office_targets "
                          "does not declare")]
        return {"target": raw["target"]}, []
    key = str(raw["source"])
    if key not in sources:
        return None, [f"basis names unknown legal source {key!r}"]
    reasons = []
    source = sources[key]
    if not in_force(source, today):
        if source.get("in_force_from") and today < source["in_force_from"]:
            reasons.append(f"cites {key}, not in force before {source['in_force_from']}")
        else:
            instead = f": cite {source['replaced_by']}" if source.get("replaced_by") else ""
            reasons.append(f"cites {key}, no longer in force since "
                           f"{source.get('in_force_until')} (replaced){instead}")
    basis = {"source": key}
    article = raw.get("article")
    if article is not None:
        article = str(article).strip()
        if not article or PLACEHOLDER.search(article):
            reasons.append(f"article {article!r} is a placeholder: write the verified article "
                           "or leave it out (the item then cites the document)")
        elif source.get("kind") in BY_SECTION and re.match(r"(?i)^điều\b", article):
            reasons.append(f"{key} is a directive: cite its section (Mục, điểm), not {article!r}")
        else:
            basis["article"] = article
    return basis, reasons
