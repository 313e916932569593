"""Reading and validating checklist files (YAML). Pure functions: no Flask, no database.

Every problem is reported, each with its file, item id and reason, so an author fixes a file in
one pass. The definition that comes out is plain JSON-ready data in Unicode NFC.
"""
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..inspections.rollcall import KINDS as ROLL_CALL
from ..nfc import nfc  # NFC throughout: decomposed text would not match
from ..timeutil import utcnow, vietnam_time
from . import legal
from .checks import expression_problems
from .scoring import can_fail

ANSWER_TYPES = ("yes_no", "count", "number", "text", "choice", "multiple", "date", "time",
                "datetime", "computed")
SEVERITIES = ("minor", "major", "critical")
DEFAULT_DEADLINE_DAYS = {"minor": 30, "major": 15, "critical": 7}
FAIL_IF = re.compile(r"^\s*(>=|<=|==|!=|>|<)\s*(-?\d+(\.\d+)?|target:[A-Za-z0-9_.-]+)\s*$")
# In a finding, `{value}` stands for the answer of a count or number item; nothing else is filled.
FILLED = re.compile(r"\{[^{}]*\}")
ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class _TextDates(yaml.SafeLoader):
    """YAML as written: a date stays the text of the file ('2025-13-01' is reported as a bad date
    of its source, not a crash of the reader)."""


_TextDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@dataclass(frozen=True)
class Problem:
    file: str
    item_id: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item_id or '-'}: {self.reason}"


@dataclass
class LoadResult:
    path: str
    definition: dict | None
    problems: list[Problem] = field(default_factory=list)
    # What a file may ship with but an author should see: items without a verified article,
    # sources without a confirmed date, items without their finding and remedy wording.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def content_hash(definition: dict) -> str:
    """SHA-256 of the canonical JSON: comments and spacing in the file do not make a new version."""
    canonical = json.dumps(nfc(definition), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def iter_items(definition: dict):
    """(section, item) pairs in the order of the file."""
    for section in definition.get("sections", []):
        for item in section.get("items", []):
            yield section, item


def load_path(path, today=None) -> list[LoadResult]:
    """Load one file, or every *.yaml / *.yml file of a folder (sorted by name)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        return [load_file(p, today) for p in files]
    return [load_file(path, today)]


def load_file(path, today=None) -> LoadResult:
    """Read and check one file. A basis must cite a source in force on `today` (default: today
    in Vietnam): a file that cites a text since replaced is refused."""
    name = str(path)
    today = legal.day_of(today) if today is not None else vietnam_time(utcnow()).date().isoformat()
    try:
        raw = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_TextDates)
    except FileNotFoundError:
        return LoadResult(name, None, [Problem(name, None, "file not found")])
    except UnicodeDecodeError:
        return LoadResult(name, None, [Problem(name, None, "not UTF-8 text")])
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(err, "problem", None) or str(err)
        return LoadResult(name, None, [Problem(name, None, f"YAML syntax error{where}: {reason}")])
    if not isinstance(raw, dict):
        return LoadResult(name, None, [Problem(name, None, "the file must be a mapping (slug, title, sections)")])
    problems: list[Problem] = []
    warnings: list[Problem] = []
    definition = _checklist(nfc(raw), name, problems, warnings, today)
    problems += [Problem(name, owner, why) for owner, why in expression_problems(definition)]
    return LoadResult(name, None if problems else definition, problems, warnings)


def _text(raw: dict, key: str, where, problems, item_id=None, required=True) -> str | None:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(Problem(where, item_id, f"missing {key}"))
        return None
    if not isinstance(value, str):
        problems.append(Problem(where, item_id, f"{key} must be text"))
        return None
    return value.strip()


def _checklist(raw: dict, name: str, problems: list[Problem], warnings: list[Problem],
               today: str) -> dict:
    slug = _text(raw, "slug", name, problems)
    if slug and not ID.match(slug):
        problems.append(Problem(name, None, f"slug {slug!r} may hold only letters, digits, '-', '_', '.'"))
    found: list = []
    sources = legal.parse_sources(raw.get("legal_sources"), found)
    targets = legal.parse_targets(raw.get("office_targets"), found)
    problems += [Problem(name, owner, why) for owner, why in found]
    warnings += [Problem(name, f"legal source {key}", "in_force_from not confirmed: the source "
                         "counts as in force on any day before in_force_until")
                 for key, s in sources.items() if not s.get("in_force_from")]
    context = {"sources": sources, "targets": targets, "today": today, "warnings": warnings}
    deadlines = dict(DEFAULT_DEADLINE_DAYS)
    for sev, days in (raw.get("deadline_days") or {}).items():
        if sev not in SEVERITIES or not isinstance(days, int) or isinstance(days, bool) or days < 1:
            problems.append(Problem(name, None, f"deadline_days: {sev!r}: {days!r} is not a severity with a whole number of days"))
        else:
            deadlines[sev] = days
    sections_raw = raw.get("sections")
    if not isinstance(sections_raw, list) or not sections_raw:
        problems.append(Problem(name, None, "missing sections (a list)"))
        sections_raw = []
    seen_sections, seen_items, sections = set(), set(), []
    for n, sec in enumerate(sections_raw, 1):
        if not isinstance(sec, dict):
            problems.append(Problem(name, None, f"section {n} must be a mapping"))
            continue
        sid = _text(sec, "id", name, problems, f"section {n}")
        if sid in seen_sections:
            problems.append(Problem(name, sid, "duplicate section id"))
        seen_sections.add(sid)
        items = []
        for m, item in enumerate(sec.get("items") or [], 1):
            parsed = _item(item, f"{sid or n}/{m}", context, name, problems, seen_items)
            if parsed:
                items.append(parsed)
        if not items:
            problems.append(Problem(name, sid, "section has no items"))
        section = {"id": sid, "title": _text(sec, "title", name, problems, sid), "items": items}
        sections.append(section | _section_extras(sec, sid, name, problems))
    for section in sections:
        if "repeat" in section and section["id"] in seen_items:
            problems.append(Problem(name, section["id"], "a repeat group's id must differ from item ids"))
    definition = {
        "slug": slug,
        "title": _text(raw, "title", name, problems),
        "description": _text(raw, "description", name, problems, required=False) or "",
        "legal_sources": sources,
        "deadline_days": deadlines,
        "sections": sections,
    }
    if targets:
        definition["office_targets"] = targets
    return definition


def _item(raw, position: str, context: dict, name: str, problems: list[Problem],
          seen: set) -> dict | None:
    if not isinstance(raw, dict):
        problems.append(Problem(name, position, "an item must be a mapping"))
        return None
    iid = raw.get("id")
    if not isinstance(iid, str) or not ID.match(iid):
        problems.append(Problem(name, position, f"missing or malformed item id {iid!r}"))
        iid = position
    elif iid in seen:
        problems.append(Problem(name, iid, "duplicate item id"))
    seen.add(iid)
    kind = raw.get("type")
    if kind not in ANSWER_TYPES:
        problems.append(Problem(name, iid, f"unknown answer type {kind!r} (one of {', '.join(ANSWER_TYPES)})"))
    severity = raw.get("severity")
    if severity is None:
        problems.append(Problem(name, iid, "missing severity"))
    elif severity not in SEVERITIES:
        problems.append(Problem(name, iid, f"unknown severity {severity!r} (one of {', '.join(SEVERITIES)})"))
    weight = raw.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
        problems.append(Problem(name, iid, f"weight must be a positive number, not {weight!r}"))
    item = {
        "id": iid,
        "text": _text(raw, "text", name, problems, iid),
        "guidance": _text(raw, "guidance", name, problems, iid, required=False) or "",
        "type": kind,
        "severity": severity,
        "weight": weight,
        "photo_required_on_fail": bool(raw.get("photo_required_on_fail", False)),
    }
    if kind == "yes_no":
        compliant = raw.get("compliant", "yes")
        if compliant not in ("yes", "no"):
            problems.append(Problem(name, iid, f"compliant must be yes or no, not {compliant!r}"))
        item["compliant"] = compliant
    elif kind in ("count", "number", "computed"):
        if kind == "computed" and not isinstance(raw.get("calculate"), str):
            problems.append(Problem(name, iid, "a computed item needs calculate (an expression)"))
        fail_if = raw.get("fail_if")
        if fail_if is not None and not (isinstance(fail_if, str) and FAIL_IF.match(fail_if)):
            problems.append(Problem(name, iid, f"fail_if must read like '> 0', not {fail_if!r}"))
        item["fail_if"] = fail_if
        target = legal.TARGET.match(fail_if) if isinstance(fail_if, str) else None
        if target and target.group(2) not in context["targets"]:
            problems.append(Problem(name, iid, f"fail_if names target {target.group(2)!r}, which "
                                               "office_targets does not declare"))
        elif target:
            # The office's setting, resolved here so every reader of the item scores it alike.
            item["target"] = {"key": target.group(2),
                              "value": context["targets"][target.group(2)]["default"]}
        if raw.get("unit"):
            item["unit"] = str(raw["unit"])
    elif kind in ("choice", "multiple"):
        item["choices"] = _choices(raw.get("choices"), kind, iid, name, problems)
    item |= _item_extras(raw, kind, iid, name, problems)
    fails = can_fail(item)
    basis, reasons = legal.check_basis(raw.get("basis"), fails, context["sources"],
                                       context["targets"], context["today"])
    problems += [Problem(name, iid, r) for r in reasons]
    if basis is not None:
        item["basis"] = basis
    warnings = context["warnings"]
    if basis is not None and legal.basis_kind(item) == "document":
        warnings.append(Problem(name, iid, f"cites {basis['source']} without a verified article"))
    if fails and not (item.get("finding") and item.get("remedy")):
        warnings.append(Problem(name, iid, "can fail but has no finding and remedy wording"))
    for key in ("finding", "remedy"):
        for hole in FILLED.findall(item.get(key) or ""):
            if hole != "{value}" or key == "remedy" or kind not in ("count", "number", "computed"):
                problems.append(Problem(name, iid, f"{key}: {hole} is not filled in (only a "
                                                   "finding of a count or number has {value})"))
    return item


def _item_extras(raw: dict, kind, iid: str, name: str, problems: list[Problem]) -> dict:
    """Keys written only when the file has them, so older files keep their content hash."""
    extras = {key: raw[key] for key in ("relevant", "constraint") if raw.get(key) is not None}
    # How the minutes word a failed item: the fault as found, and the action that remedies it.
    for key in ("finding", "remedy"):
        if raw.get(key) is not None:
            if not isinstance(raw[key], str) or not raw[key].strip():
                problems.append(Problem(name, iid, f"{key} must be text"))
            else:
                extras[key] = raw[key].strip()
    if raw.get("roll_call") is not None:
        extras["roll_call"] = raw["roll_call"]
        needs = ROLL_CALL.get(raw["roll_call"])
        if needs is None:
            problems.append(Problem(name, iid, f"roll_call {raw['roll_call']!r} is not one of "
                                               f"{', '.join(ROLL_CALL)}"))
        elif kind != needs:
            problems.append(Problem(name, iid, f"roll_call {raw['roll_call']} needs a {needs} "
                                               f"item, not {kind}"))
    if kind == "computed":
        extras["calculate"] = raw.get("calculate")
    if raw.get("constraint_message") is not None:
        extras["constraint_message"] = str(raw["constraint_message"])
    if raw.get("required") is not None:
        if not isinstance(raw["required"], bool):
            problems.append(Problem(name, iid,
                                    f"required must be true or false, not {raw['required']!r}"))
        extras["required"] = raw["required"] is True
    return extras


def _whole(n) -> bool:
    return isinstance(n, int) and not isinstance(n, bool) and n >= 0


def _section_extras(raw: dict, sid, name: str, problems: list[Problem]) -> dict:
    extras = {key: raw[key] for key in ("relevant", "guidance") if raw.get(key) is not None}
    if "repeat" not in raw:
        return extras
    repeat = raw["repeat"] if isinstance(raw["repeat"], dict) else None
    low, high = (repeat or {}).get("min", 0), (repeat or {}).get("max")
    if repeat is None or not _whole(low) or not (
            high is None or (_whole(high) and high >= max(low, 1))):
        problems.append(Problem(name, sid, "repeat must read like {min: 1, max: 10} (whole numbers,"
                                           f" max ≥ min, max ≥ 1), not {raw['repeat']!r}"))
        return extras
    extras["repeat"] = {"min": low, "max": high}
    if repeat.get("label"):
        extras["repeat"]["label"] = str(repeat["label"])
    return extras


def _choices(raw, kind: str, iid: str, name: str, problems: list[Problem]) -> list[dict]:
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(name, iid, f"a {kind} item needs choices"))
        return []
    out, keys = [], set()
    for c in raw:
        if not isinstance(c, dict) or not isinstance(c.get("key"), str) or not isinstance(c.get("label"), str):
            problems.append(Problem(name, iid, f"choice {c!r} needs a key and a label"))
            continue
        if c["key"] in keys:
            problems.append(Problem(name, iid, f"duplicate choice key {c['key']!r}"))
        keys.add(c["key"])
        out.append({"key": c["key"], "label": c["label"], "fails": bool(c.get("fails", False))})
    return out
