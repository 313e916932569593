"""An XLSForm workbook (survey, choices, settings sheets) converted into a checklist file.

The supported subset is listed in checklists/README.md ("XLSForm"). Every row that cannot be
converted is reported with its sheet, row number and reason; a workbook with any such row writes
nothing. The file written has passed the loader, and is replaced atomically.
"""
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .loader import ID, load_file, nfc
from .xlsform_expr import Untranslatable, translate

TYPES = {"integer": "count", "decimal": "number", "text": "text", "calculate": "computed"}
YES_NO_KEYS = ({"yes", "no"}, {"yes", "no", "na"})
TRUE = ("yes", "true", "true()", "1")
FALSE = ("", "no", "false", "false()", "0")
VIETNAMESE = r"(\(vi\)|::vi|vietnamese|tiếng việt)$"


@dataclass
class Conversion:
    """The checklist made from a workbook, or the problems that stopped it."""

    definition: dict | None = None
    problems: list[str] = field(default_factory=list)
    rows: dict = field(default_factory=dict)  # item or section id -> "survey row N"


def _sheets(path) -> tuple[dict, list[str]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        return {}, [f"{path}: file not found"]
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as err:
        return {}, [f"{path}: not an .xlsx workbook ({err})"]
    sheets = {}
    try:
        for ws in book.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            header = [str(h).strip().lower() if h is not None else "" for h in (rows or [()])[0]]
            sheets[ws.title.strip().lower()] = [
                (n, {k: _cell(v) for k, v in zip(header, row, strict=False) if k})
                for n, row in enumerate(rows[1:], 2)]
    finally:
        book.close()
    return sheets, []


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def _labelled(row: dict, name: str) -> str:
    """The Vietnamese column (`label::Vietnamese (vi)`, `label::vi`) first, then the plain one."""
    local = [v for k, v in row.items() if k.startswith(f"{name}::") and v]
    for key, value in row.items():
        if value and key.startswith(f"{name}::") and re.search(VIETNAMESE, key):
            return value
    return row.get(name) or next(iter(local), "")


class _Builder:
    def __init__(self, sheets: dict, slug: str | None, out: Conversion):
        self.out, self.sections, self.used = out, [], set()
        settings = (sheets.get("settings") or [(0, {})])[0][1]
        self.title = _labelled(settings, "form_title") or "Phiếu kiểm tra từ XLSForm"
        self.slug = slug or settings.get("form_id") or ""
        self.lists = self._choices(sheets.get("choices") or [])
        # A frame per open group or repeat: [kind, name, label, relevant, row, section, notes].
        self.stack = [["root", "chung", self.title, None, 0, None, []]]

    def fail(self, sheet: str, row: int, reason: str) -> None:
        self.out.problems.append(f"{sheet} row {row}: {reason}")

    def _choices(self, rows) -> dict:
        lists: dict = {}
        for n, row in rows:
            if not row.get("list_name") and not row.get("name"):
                continue
            if not row.get("list_name") or not row.get("name"):
                self.fail("choices", n, "a choice needs list_name and name")
                continue
            lists.setdefault(row["list_name"], []).append({
                "key": row["name"], "label": _labelled(row, "label") or row["name"],
                "fails": row.get("fails", "").lower() in TRUE})
        return lists

    def expr(self, n: int, row: dict, column: str, self_id=None) -> str | None:
        text = row.get(column)
        if not text:
            return None
        try:
            return translate(text, self_id)
        except Untranslatable as err:
            self.fail("survey", n, f"{column}: {err}")
            return None

    def section(self) -> dict:
        frame = self.stack[-1]
        if frame[5] is None:
            sid, k = frame[1], 2
            while sid in self.used:
                sid, k = f"{frame[1]}-{k}", k + 1
            self.used.add(sid)
            conds = [f"({f[3]})" for f in self.stack if f[3]]
            frame[5] = {"id": sid, "title": frame[2] or self.title, "items": []}
            if conds:
                frame[5]["relevant"] = " and ".join(conds) if len(conds) > 1 else conds[0][1:-1]
            if frame[0] == "repeat":
                frame[5]["repeat"] = frame[7]
            if frame[6]:
                frame[5]["guidance"] = "\n".join(frame[6])
                frame[6] = []
            self.sections.append(frame[5])
            self.out.rows[sid] = f"survey row {frame[4]}" if frame[4] else "survey"
        return frame[5]

    def begin(self, n: int, kind: str, row: dict) -> None:
        name = row.get("name", "")
        if not ID.match(name):
            self.fail("survey", n, f"{kind} name {name!r} is not a valid id")
        if any(f[0] == "repeat" for f in self.stack):
            self.fail("survey", n, f"a {kind} inside a repeat is not supported")
        frame = [kind, name, _labelled(row, "label"), self.expr(n, row, "relevant"), n, None, []]
        if kind == "repeat":
            count = row.get("repeat_count", "")
            if count and not count.isdigit():
                self.fail("survey", n, "repeat_count must be a whole number")
            frame.append({"min": int(count), "max": int(count)} if count.isdigit()
                         else {"min": 0, "max": None})
        self.stack[-1][5] = None  # the parent's later questions start a new section
        self.stack.append(frame)

    def end(self, n: int, kind: str) -> None:
        if len(self.stack) == 1 or self.stack[-1][0] != kind:
            opened = self.stack[-1][0] if len(self.stack) > 1 else "nothing"
            return self.fail("survey", n, f"end {kind} does not close a {kind} ({opened} is open)")
        frame = self.stack.pop()
        if frame[5] is None and frame[6]:
            self.stack[-1][6] += frame[6]
        self.stack[-1][5] = None

    def note(self, row: dict) -> None:
        text = _labelled(row, "label")
        frame = self.stack[-1]
        if frame[5] is not None:
            frame[5]["guidance"] = "\n".join(filter(None, [frame[5].get("guidance"), text]))
        elif text:
            frame[6].append(text)

    def question(self, n: int, kind: str, row: dict) -> None:
        iid = row.get("name", "")
        if not ID.match(iid):
            return self.fail("survey", n, f"name {iid!r} is not a valid id (letters, digits, "
                                          "'-', '_', '.', starting with a letter or digit)")
        if iid in self.out.rows:
            return self.fail("survey", n, f"name {iid!r} is used twice")
        item = {"id": iid, "text": _labelled(row, "label") or iid, "type": kind}
        if _labelled(row, "hint"):
            item["guidance"] = _labelled(row, "hint")
        if kind.startswith("select_one "):
            if not self._select(n, item, kind.split()[1], row):
                return
        elif kind not in TYPES:
            return self.fail("survey", n, f"type {kind!r} is not supported")
        else:
            item["type"] = TYPES[kind]
        for key in ("relevant", "constraint", "calculation", "calculate"):
            value = self.expr(n, row, key, iid if key == "constraint" else None)
            if value is not None:
                item["calculate" if key.startswith("calc") else key] = value
        if item["type"] == "computed" and "calculate" not in item:
            return self.fail("survey", n, "a calculate row needs a calculation")
        self._extras(n, item, row)
        self.out.rows[iid] = f"survey row {n}"
        self.section()["items"].append(item)

    def _select(self, n: int, item: dict, list_name: str, row: dict) -> bool:
        choices = self.lists.get(list_name)
        if not choices:
            self.fail("survey", n, f"choices list {list_name!r} is missing from the choices sheet")
            return False
        if {c["key"] for c in choices} in YES_NO_KEYS:
            item["type"], item["compliant"] = "yes_no", row.get("compliant") or "yes"
        else:
            item["type"], item["choices"] = "choice", choices
        return True

    def _extras(self, n: int, item: dict, row: dict) -> None:
        """Our own columns (severity, weight, fail_if, unit) and XLSForm's required."""
        required = row.get("required", "").lower()
        if required in TRUE:
            item["required"] = True
        elif required not in FALSE:
            self.fail("survey", n, f"required {row['required']!r}: only yes or no is supported")
        if row.get("constraint_message") or _labelled(row, "constraint_message"):
            item["constraint_message"] = _labelled(row, "constraint_message")
        item["severity"] = row.get("severity") or "minor"
        weight = row.get("weight") or "1"
        item["weight"] = int(weight) if weight.isdigit() else _number(weight)
        if row.get("fail_if"):
            item["fail_if"] = row["fail_if"]
        if row.get("unit"):
            item["unit"] = row["unit"]
        # No law is known yet: the item rests on the office's own form until its author cites
        # the source and article (a placeholder article would reach the minutes).
        item["basis"] = {"practice": f"Biểu mẫu kiểm tra “{self.title}”"}

    def definition(self) -> dict:
        leftover = self.stack[0][6]
        if leftover and self.sections:
            last = self.sections[-1]
            last["guidance"] = "\n".join(filter(None, [last.get("guidance"), *leftover]))
        return {
            "slug": self.slug, "title": self.title,
            "description": f"Chuyển từ biểu mẫu XLSForm {self.slug}.",
            "legal_sources": {},
            "sections": self.sections,
        }


def _number(text: str):
    try:
        return float(text)
    except ValueError:
        return text  # the loader names it


def convert(path, slug: str | None = None) -> Conversion:
    """Read an XLSForm workbook; the definition, or every problem with its sheet and row."""
    out = Conversion()
    sheets, out.problems = _sheets(path)
    if out.problems:
        return out
    if "survey" not in sheets:
        out.problems.append("the workbook has no survey sheet")
        return out
    if sheets["survey"] and "type" not in sheets["survey"][0][1]:
        out.problems.append("survey row 1: the header has no type column")
        return out
    builder = _Builder(sheets, slug, out)
    for n, row in sheets["survey"]:
        kind = re.sub(r"\s+", " ", row.get("type", "")).replace("_", " ").strip()
        kind = kind if kind.startswith(("begin ", "end ")) else row.get("type", "").strip()
        if not kind:
            continue
        if kind in ("begin group", "begin repeat", "end group", "end repeat"):
            step, what = kind.split()
            builder.begin(n, what, row) if step == "begin" else builder.end(n, what)
        elif kind == "note":
            builder.note(row)
        else:
            builder.question(n, re.sub(r"\s+", " ", kind), row)
    for frame in builder.stack[1:]:
        builder.fail("survey", frame[4], f"begin {frame[0]} {frame[1]!r} is never ended")
    if not builder.slug or not ID.match(builder.slug):
        out.problems.append(f"settings: form_id {builder.slug!r} is not a valid slug (use --slug)")
    if not out.problems:
        out.definition = builder.definition()
    return out


def write(conversion: Conversion, out_dir, force: bool = False) -> tuple[Path, list[str]]:
    """Write `<slug>.yaml` in `out_dir` if it passes the loader; nothing is written otherwise."""
    definition = conversion.definition
    target = Path(out_dir) / f"{definition['slug']}.yaml"
    if target.exists() and not force:
        return target, [f"{target} exists: use --force to replace it"]
    text = "# Converted from an XLSForm; checklist file format: see checklists/README.md.\n"
    text += yaml.safe_dump(definition, allow_unicode=True, sort_keys=False, width=100)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        problems = load_file(temp).problems
        if problems:
            return target, [_where(conversion, p) for p in problems]
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target, []


def _where(conversion: Conversion, problem) -> str:
    """A loader problem named by the row it came from."""
    row = conversion.rows.get(problem.item_id)
    return f"{row} ({problem.item_id}): {problem.reason}" if row else str(problem.reason)
