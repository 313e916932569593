"""Findings and their remediation state as a table: one row per finding, CSV or XLSX.

Written by ..spreadsheets (a CSV Excel reads as UTF-8, an XLSX with typed dates).
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import spreadsheets
from ..extensions import db
from ..inspections.answers import find_item
from ..inspections.models import SEVERITIES, Finding, Inspection
from ..remediation.models import REMEDIATION_STATES, RemediationItem
from ..timeutil import vietnam_time

COLUMNS = ("Đợt kiểm tra", "Đơn vị", "Ngày kiểm tra", "Bảng kiểm", "Mã mục", "Nội dung kiểm tra",
           "Mức độ", "Tồn tại, hạn chế", "Yêu cầu khắc phục", "Người chịu trách nhiệm",
           "Thời hạn", "Trạng thái khắc phục")
FORMATS = spreadsheets.FORMATS


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
        day=vietnam_time(inspection.started_at).date(),
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


WIDTHS = (28, 22, 12, 28, 8, 50, 14, 50, 50, 24, 12, 22)


def export(rows: list[FindingRow], fmt: str) -> bytes:
    """The rows in `fmt` ("csv" or "xlsx")."""
    return spreadsheets.export(fmt, "Tồn tại, hạn chế", COLUMNS, WIDTHS,
                               (row.values() for row in rows))
