"""Findings exported as CSV and XLSX: one row per finding, read back as the office would."""
import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup.exports import COLUMNS
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Finding, Inspection
from inspect_app.org import roles
from inspect_app.remediation.models import RemediationItem

from ..inspections.conftest import sign_in

DEFINITION = {"slug": "niem-yet", "title": "Niêm yết công khai TTHC", "sections": [
    {"id": "A", "title": "Bảng niêm yết", "items": [
        {"id": "NY-01", "text": "Niêm yết đầy đủ thủ tục hành chính", "type": "yes_no",
         "severity": "major"},
        {"id": "NY-02", "text": "Niêm yết mức phí, lệ phí", "type": "yes_no",
         "severity": "minor"}]}]}


@pytest.fixture
def findings(make_unit, make_user, make_team):
    """Two rounds at two communes; three findings, two with remediation items."""
    lead = make_user(roles.LEAD)
    team = make_team(lead=lead)
    other_team = make_team(lead=make_user(roles.LEAD))
    checklist = Checklist(slug="niem-yet", title="Niêm yết công khai TTHC")
    version = ChecklistVersion(version=1, content_hash="", definition=DEFINITION)
    checklist.versions.append(version)
    tan_lap, dong_xuan = make_unit("Xã Tân Lập"), make_unit("Xã Đồng Xuân")
    first = Round(name="Đợt 1 năm 2026", kind="planned", status="closed", team=team,
                  period_start=date(2026, 3, 2), period_end=date(2026, 3, 27))
    second = Round(name="Đợt đột xuất quý III", kind="surprise", status="closed",
                   team=other_team, period_start=date(2026, 8, 4), period_end=date(2026, 8, 22))
    db.session.add_all([checklist, first, second])
    rows = []
    for rnd, unit, day, item, deadline in (
            (first, tan_lap, datetime(2026, 3, 2, 1, 5), "NY-01", date(2026, 3, 17)),
            (first, dong_xuan, datetime(2026, 3, 4, 1, 5), "NY-02", None),
            (second, tan_lap, datetime(2026, 8, 4, 1, 5), "NY-01", date(2026, 8, 19))):
        inspection = Inspection(uuid=f"00000000-0000-4000-8000-{len(rows):012d}", unit=unit,
                                round=rnd, team=rnd.team, kind=rnd.kind, started_at=day)
        finding = Finding(uuid=f"10000000-0000-4000-8000-{len(rows):012d}",
                          inspection=inspection, checklist_version=version,
                          checklist_slug="niem-yet", item_id=item, severity="major",
                          description=f"Chưa đạt: {item} tại {unit.name}")
        db.session.add_all([inspection, finding])
        if deadline:
            db.session.add(RemediationItem(
                uuid=f"20000000-0000-4000-8000-{len(rows):012d}", finding=finding,
                inspection=inspection, unit=unit, action="Niêm yết lại đầy đủ",
                responsible="Chủ tịch UBND xã", deadline=deadline, state="open"))
        rows.append(finding)
    db.session.commit()
    return {"lead": lead, "first": first, "second": second}


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 only with the mark
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_has_one_row_per_finding_with_its_remediation_state(client, make_user, findings):
    sign_in(client, make_user(roles.VIEWER))
    resp = client.get("/exports/findings.csv")
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    header, *rows = _csv_rows(resp.data)
    assert tuple(header) == COLUMNS
    assert [(r[1], r[2], r[4], r[11]) for r in rows] == [
        ("Xã Tân Lập", "02/03/2026", "NY-01", "Quá hạn"),
        ("Xã Đồng Xuân", "04/03/2026", "NY-02", "Chưa có yêu cầu"),
        ("Xã Tân Lập", "04/08/2026", "NY-01", "Quá hạn")]
    assert rows[0][5] == "Niêm yết đầy đủ thủ tục hành chính" and rows[0][10] == "17/03/2026"


def test_xlsx_reads_back_with_typed_dates(client, make_user, findings):
    sign_in(client, make_user(roles.ADMIN))
    resp = client.get(f"/exports/findings.xlsx?round={findings['first'].id}")
    assert resp.status_code == 200
    sheet = load_workbook(io.BytesIO(resp.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS and len(rows) == 3
    assert rows[1][:3] == ("Đợt 1 năm 2026", "Xã Tân Lập", datetime(2026, 3, 2))
    assert rows[1][10] == datetime(2026, 3, 17) and rows[2][10] is None


def test_a_lead_exports_only_the_rounds_of_their_teams(client, findings):
    sign_in(client, findings["lead"])
    _, *rows = _csv_rows(client.get("/exports/findings.csv").data)
    assert {r[0] for r in rows} == {"Đợt 1 năm 2026"}
    assert client.get(f"/exports/findings.csv?round={findings['second'].id}").status_code == 404


@pytest.mark.parametrize("role", [roles.INSPECTOR, roles.UNIT_HEAD])
def test_field_and_unit_roles_cannot_export(client, make_user, make_unit, findings, role):
    sign_in(client, make_user(role, unit=make_unit("Xã Khác") if role == roles.UNIT_HEAD
                              else None))
    assert client.get("/exports/findings.csv").status_code == 403


def test_command_line_export_writes_either_format(app, findings, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["export", "findings", str(tmp_path / "all.csv")])
    assert result.exit_code == 0 and "3 findings" in result.output
    assert len(_csv_rows((tmp_path / "all.csv").read_bytes())) == 4
    result = runner.invoke(args=["export", "findings", str(tmp_path / "dot.xlsx"),
                                 "--round", str(findings["second"].id)])
    assert result.exit_code == 0 and "1 findings" in result.output
    assert load_workbook(tmp_path / "dot.xlsx").active.max_row == 2
    bad = runner.invoke(args=["export", "findings", str(tmp_path / "x.pdf")])
    assert bad.exit_code != 0 and not (tmp_path / "x.pdf").exists()
