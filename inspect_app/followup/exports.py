"""Findings and their remediation state as a table: one row per finding, CSV or XLSX.

The office opens these in a spreadsheet, so the CSV starts with a byte-order mark (Excel reads it
as UTF-8 only then) and the XLSX has typed dates.
"""
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..inspections.answers import find_item
from ..inspections.models import SEVERITIES, Finding, Inspection
from ..remediation.models import REMEDIATION_STATES, RemediationItem

COLUMNS = ("Đợt kiểm tra", "Đơn vị", "Ngày kiểm tra", "Bảng kiểm", "Mã mục", "Nội dung kiểm tra",
           "Mức độ", "Tồn tại, hạn chế", "Yêu cầu khắc phục", "Người chịu trách nhiệm",
           "Thời hạn", "Trạng thái khắc phục")
FORMATS = ("csv", "xlsx")
VIETNAM = timedelta(hours=7)


@dataclass(frozen=True)
class FindingRow:
    """One finding as the export shows it."""

    round_name: str
    unit: str
    day: date
    checklist: str
    item_id: str
    item_text: str
    severity: str
    description: str
    action: str
    responsible: str
    deadline: date | None
    state: str

    def values(self) -> tuple:
        return (self.round_name, self.unit, self.day, self.checklist, self.item_id,
                self.item_text, self.severity, self.description, self.action, self.responsible,
                self.deadline, self.state)


def finding_rows(round_ids: list[int] | None, today: date) -> list[FindingRow]:
    """Findings of these rounds (None: all), oldest inspection first; states as seen `today`."""
    query = (select(Finding).join(Inspection).order_by(Inspection.started_at, Finding.id)
             .options(selectinload(Finding.inspection).selectinload(Inspection.unit),
                      selectinload(Finding.inspection).selectinload(Inspection.round),
                      selectinload(Finding.checklist_version)))
    if round_ids is not None:
        query = query.where(Inspection.round_id.in_(round_ids))
    findings = db.session.scalars(query).all()
    items = {r.finding_id: r for r in db.session.scalars(select(RemediationItem).where(
        RemediationItem.finding_id.in_([f.id for f in findings])))} if findings else {}
    return [_row(f, items.get(f.id), today) for f in findings]


def _row(finding: Finding, item: RemediationItem | None, today: date) -> FindingRow:
    inspection = finding.inspection
    definition = finding.checklist_version.definition if finding.checklist_version else {}
    checked = find_item(definition, finding.item_id) if finding.item_id else None
    return FindingRow(
        round_name=(inspection.round.name if inspection.round
                    else "Kiểm tra đột xuất ngoài kế hoạch"),
        unit=inspection.unit.name,
        day=(inspection.started_at + VIETNAM).date(),
        checklist=definition.get("title") or finding.checklist_slug or "",
        item_id=finding.item_id or "",
        item_text=(checked or {}).get("text", ""),
        severity=SEVERITIES.get(finding.severity, finding.severity),
        description=finding.description,
        action=item.action if item else "",
        responsible=(item.responsible or "") if item else "",
        deadline=item.deadline if item else None,
        state=REMEDIATION_STATES[item.display_state(today)] if item else "Chưa có yêu cầu",
    )


def to_csv(rows: list[FindingRow]) -> bytes:
    """UTF-8 with a byte-order mark, dates as dd/mm/yyyy."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, date) else v
                         for v in row.values()])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[FindingRow]) -> bytes:
    """One sheet, a header row, typed dates, columns wide enough to read."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tồn tại, hạn chế"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row.values())
    for column, width in zip("ABCDEFGHIJKL", (28, 22, 12, 28, 8, 50, 14, 50, 50, 24, 12, 22),
                             strict=True):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2):
        for cell in (cells[2], cells[10]):
            cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    book.properties.created = datetime(2000, 1, 1)  # the same rows give the same bytes
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(rows: list[FindingRow], fmt: str) -> bytes:
    """The rows in `fmt` ("csv" or "xlsx")."""
    return to_csv(rows) if fmt == "csv" else to_xlsx(rows)
