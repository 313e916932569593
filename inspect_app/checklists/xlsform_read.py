"""The sheets of an XLSForm workbook (.xlsx by openpyxl, .xls by xlrd) as rows of text.

Each sheet becomes [(row number, {header: text})], headers normalised the XLSForm way:
case-insensitive, spaces as underscores (`list name` is `list_name`), the language part of
`label::Vietnamese (vi)` kept as written. A workbook too big or unreadable is refused with a
reason; nothing a file holds raises. As pyxform reads them, a sheet ends at a run of 60 blank
rows (what follows is listed as not read), and a workbook whose only sheet has another name is
its survey.
"""
import datetime as dt
import io
import re

from ..nfc import nfc
from . import xlsform_messages as say

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 3000    # a long inspection form has a few hundred rows
MAX_SCAN = 50_000  # trailing rows read to tell blank formatting from content
MAX_COLS = 200
END_GAP = 60       # pyxform's end of a sheet: this many blank rows in a row
SHEETS = {"survey", "choices", "settings", "external_choices", "entities", "osm"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an .xls (BIFF) file
ZIP = b"PK\x03\x04"                         # an .xlsx (Office Open XML) file
# pyxform's column aliases (pyxform/aliases.py) that have a meaning here.
ALIASES = {"caption": "label", "relevance": "relevant", "calculate": "calculation",
           "count": "repeat_count", "jr:count": "repeat_count", "command": "type", "tag": "name",
           "constraining_message": "constraint_message", "set_form_title": "form_title",
           "set_form_id": "form_id"}


class Unreadable(ValueError):
    """The workbook cannot be read; the message says why."""


def header(cell: str) -> str:
    # pyxform's older `label:English` is `label::English`.
    cell = re.sub(r"(?i)^\s*(label|hint|constraint_message|guidance_hint)\s*:(?!:)", r"\1::", cell)
    base, sep, lang = cell.partition("::")
    base = re.sub(r"\s+", "_", base.strip().lower())
    base = ALIASES.get(base, base)
    return f"{base}::{lang.strip().lower()}" if sep else base


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.isoformat(timespec="minutes") if value.time() else value.date().isoformat()
    # A no-break space typed in a cell is a space: `yes\u00a0` is still yes.
    return nfc(str(value)).replace("\u00a0", " ").strip()


def read(data: bytes) -> tuple[dict, list[str], list[str]]:
    """{sheet name (lower case): rows}, the problems of each sheet (e.g. duplicate columns), and
    notes on what was read otherwise than written (never an error)."""
    if len(data) > MAX_BYTES:
        raise Unreadable(say.TOO_LARGE.format(mb=MAX_BYTES // (1024 * 1024)))
    if data.startswith(OLE):
        grids = _xls(data)
    elif data.startswith(ZIP):
        grids = _xlsx(data)
    else:
        raise Unreadable(say.NOT_A_WORKBOOK)
    sheets, problems, notes = {}, [], []
    for title, rows, beyond in grids:
        name = title.strip().lower()
        if len(grids) == 1 and name not in SHEETS:
            notes.append(say.line(say.at(name), say.ONLY_SHEET_IS_SURVEY))
            name = "survey"
        if beyond:
            notes.append(say.line(say.at(name, beyond), say.AFTER_END_GAP.format(gap=END_GAP)))
        heads = [header(text(h)) for h in (rows[0] if rows else ())]
        seen = set()
        for i, h in enumerate(heads):
            if h in seen and h:
                problems.append(say.line(say.at(name, 1), say.COLUMN_TWICE.format(column=h)))
                heads[i] = ""
            # pyxform ignores columns whose header is blank or a comment (`#`).
            seen.add(h)
            if h.startswith("#"):
                heads[i] = ""
        if name in sheets:
            problems.append(say.line(say.at(name), say.SHEET_TWICE))
            continue
        sheets[name] = [(n, {k: text(v) for k, v in zip(heads, row, strict=False) if k})
                        for n, row in enumerate(rows[1:], 2)]
    return sheets, problems, notes


def _bounded(rows, title: str) -> tuple[list, int | None]:
    """The rows of a sheet up to its end (END_GAP blank rows), refused beyond MAX_ROWS; and the
    number of the first row with content after the end, which is not read."""
    out, blank = [], 0
    for n, row in enumerate(rows, 1):
        if n > MAX_SCAN:
            break
        filled = any(v is not None and (not isinstance(v, str) or v.strip()) for v in row)
        if blank >= END_GAP:
            if filled:
                return out, n
            continue
        blank = 0 if filled else blank + 1
        if n > MAX_ROWS:
            if filled:
                raise Unreadable(say.TOO_MANY_ROWS.format(sheet=title, rows=MAX_ROWS))
            continue
        out.append(list(row)[:MAX_COLS])
    return out, None


def _xlsx(data: bytes) -> list:
    import openpyxl

    try:  # the parsers raise many kinds of errors on a damaged file; each means "unreadable"
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # noqa: BLE001
        raise Unreadable(say.UNREADABLE.format(suffix=".xlsx", error=type(err).__name__)) from None
    try:
        return [(str(ws.title), *_bounded(ws.iter_rows(values_only=True, max_col=MAX_COLS),
                                          str(ws.title)))
                for ws in book.worksheets]
    except Unreadable:
        raise
    except Exception as err:  # noqa: BLE001
        raise Unreadable(say.UNREADABLE.format(suffix=".xlsx", error=type(err).__name__)) from None
    finally:
        book.close()


def _xls(data: bytes) -> list:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        grids = []
        for ws in book.sheets():
            rows = (_xls_row(book, ws, i) for i in range(ws.nrows))
            grids.append((str(ws.name), *_bounded(rows, str(ws.name))))
        return grids
    except Unreadable:
        raise
    except Exception as err:  # noqa: BLE001
        raise Unreadable(say.UNREADABLE.format(suffix=".xls", error=type(err).__name__)) from None


def _xls_row(book, ws, i: int) -> list:
    import xlrd

    blank, width = {xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK}, min(ws.ncols, MAX_COLS)
    if not set(ws.row_types(i, 0, width)) - blank:
        return [None] * width  # told apart without reading its cells (sheets of 20,000 rows)
    out = []
    for cell in ws.row_slice(i, 0, width):
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                out.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                out.append(cell.value)
        elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
            out.append(bool(cell.value))
        elif cell.ctype == xlrd.XL_CELL_ERROR:
            out.append(None)
        else:
            out.append(cell.value)
    return out
