"""Tables the office opens in a spreadsheet: CSV (UTF-8 with a byte-order mark, which Excel needs
to read it as UTF-8, dates dd/mm/yyyy) or XLSX (typed dates, a bold frozen header)."""
import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

FORMATS = ("csv", "xlsx")
MIMETYPES = {"csv": "text/csv; charset=utf-8",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def to_csv(columns: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(sheet_title: str, columns: Sequence[str], widths: Sequence[int],
            rows: Iterable[Sequence]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    book.properties.created = datetime(2000, 1, 1)  # the same rows give the same bytes
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(fmt: str, sheet_title: str, columns: Sequence[str], widths: Sequence[int],
           rows: Iterable[Sequence]) -> bytes:
    """The rows in `fmt` ("csv" or "xlsx")."""
    if fmt == "csv":
        return to_csv(columns, rows)
    return to_xlsx(sheet_title, columns, widths, rows)
