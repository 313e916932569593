"""The office's list of inspections: what it shows, how it filters, pages and exports."""
import csv
import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Finding, Inspection, InspectionChecklist
from inspect_app.minutes.models import Minutes
from inspect_app.org import roles
from inspect_app.remediation.models import RemediationItem
from inspect_app.workspace import listing
from inspect_app.workspace.table import COLUMNS

from ..inspections.conftest import sign_in

TODAY = date(2026, 12, 4)


def _uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


@pytest.fixture
def office(make_unit, make_user, make_team):
    """A round at Tân Lập (issued, one item overdue), a surprise visit to Đồng Xuân outside any
    round (two on one day: one signed, one still a draft), and another team's inspection."""
    lead = make_user(roles.LEAD)
    team, other = make_team(lead=lead), make_team(lead=make_user(roles.LEAD))
    niem_yet = Checklist(slug="niem-yet", title="Niêm yết công khai TTHC")
    niem_yet.versions.append(ChecklistVersion(version=1, content_hash="a", definition={}))
    mot_cua = Checklist(slug="mot-cua", title="Bộ phận một cửa")
    mot_cua.versions.append(ChecklistVersion(version=1, content_hash="b", definition={}))
    tan_lap, dong_xuan, an_binh = (make_unit("Xã Tân Lập"), make_unit("Xã Đồng Xuân"),
                                   make_unit("Phường An Bình"))
    rnd = Round(name="Đợt 1 năm 2026", kind="planned", team=team,
                period_start=date(2026, 3, 2), period_end=date(2026, 3, 27))
    db.session.add_all([niem_yet, mot_cua, rnd])
    made = {}
    for n, (key, unit, rnd_, team_, started, status, lists) in enumerate((
            ("round", tan_lap, rnd, team, datetime(2026, 3, 2, 1, 30), "issued", [niem_yet]),
            ("morning", dong_xuan, None, team, datetime(2026, 9, 15, 1, 10), "signed",
             [niem_yet, mot_cua]),
            ("afternoon", dong_xuan, None, team, datetime(2026, 9, 15, 7, 45), "in_progress",
             [mot_cua]),
            ("other_team", an_binh, None, other, datetime(2026, 10, 1, 2, 0), "issued", []))):
        inspection = Inspection(uuid=_uuid(n), unit=unit, round=rnd_, team=team_,
                                kind="planned" if rnd_ else "surprise", started_at=started,
                                status=status)
        for checklist in lists:
            inspection.checklist_versions.append(
                InspectionChecklist(checklist_version=checklist.versions[0]))
        db.session.add(inspection)
        made[key] = inspection
    finding = Finding(uuid=_uuid(100), inspection=made["round"], checklist_slug="niem-yet",
                      item_id="NY-01", severity="major", description="Thiếu niêm yết")
    db.session.add_all([
        finding,
        Minutes(public_id="pubtanlap01", status="issued", inspection=made["round"],
                content_hash="1" * 64, number="03/BB-ĐKT", issued_at=datetime(2026, 3, 3)),
        RemediationItem(uuid=_uuid(200), finding=finding, inspection=made["round"], unit=tan_lap,
                        action="Niêm yết lại", deadline=date(2026, 3, 20), state="open"),
    ])
    db.session.commit()
    return {"lead": lead, "team": team, **made, "tan_lap": tan_lap}


def _table(resp) -> str:
    """The list's table, without the filter form's options."""
    return resp.get_data(as_text=True).split('id="cac-cuoc-kiem-tra"')[1]


def _ids(page) -> list[int]:
    return [r.id for r in page.rows]


def test_the_list_shows_each_inspection_with_its_state_and_minutes(office):
    page = listing.page(listing.Filters(), None, TODAY)
    assert page.total == 4
    rows = {r.id: r for r in page.rows}
    first = rows[office["round"].id]
    assert (first.status, first.minutes_number, first.findings, first.overdue) == \
        ("overdue", "03/BB-ĐKT", 1, 1)
    assert first.checklists == ["Niêm yết công khai TTHC"]
    assert rows[office["morning"].id].status == "signed"
    assert rows[office["afternoon"].id].status == "draft"
    # An issued inspection with nothing left to verify is closed.
    assert rows[office["other_team"].id].status == "closed"
    # Newest first; the two visits of one day told apart by their time (Vietnam time).
    assert _ids(page)[:3] == [office["other_team"].id, office["afternoon"].id,
                              office["morning"].id]
    assert (rows[office["morning"].id].started.strftime("%d/%m %H:%M"),
            rows[office["afternoon"].id].started.strftime("%d/%m %H:%M")) == \
        ("15/09 08:10", "15/09 14:45")


def test_filters_select_by_unit_round_checklist_status_and_date(office):
    def ids(**kw):
        return set(_ids(listing.page(listing.Filters(**kw), None, TODAY)))

    assert ids(round=listing.OUTSIDE_ROUNDS) == {office[k].id for k in
                                                 ("morning", "afternoon", "other_team")}
    assert ids(round=str(office["round"].id)) == {office["round"].id}
    assert ids(unit_id=office["tan_lap"].id) == {office["round"].id}
    assert ids(checklist="mot-cua") == {office["morning"].id, office["afternoon"].id}
    assert ids(status="overdue") == {office["round"].id}
    assert ids(status="draft") == {office["afternoon"].id}
    # Dates are Vietnamese days: 07:45 UTC on 15/09 is still 15/09, 01:10 UTC is 08:10 there.
    assert ids(date_from=date(2026, 9, 15), date_to=date(2026, 9, 15)) == \
        {office["morning"].id, office["afternoon"].id}
    # Once the deadline has not yet come, the same inspection is issued, not overdue.
    assert set(_ids(listing.page(listing.Filters(status="issued"), None, date(2026, 3, 10)))) \
        == {office["round"].id}


def test_pages_of_fifty(office, make_unit):
    unit = make_unit("Xã Nhiều Lần")
    db.session.add_all([Inspection(uuid=_uuid(1000 + n), unit=unit, kind="surprise",
                                   started_at=datetime(2026, 5, 1, 2, n % 60))
                        for n in range(55)])
    db.session.commit()
    first = listing.page(listing.Filters(unit_id=unit.id), None, TODAY)
    second = listing.page(listing.Filters(unit_id=unit.id), None, TODAY, 2)
    assert (first.total, first.pages, len(first.rows), len(second.rows)) == (55, 2, 50, 5)
    assert not set(_ids(first)) & set(_ids(second))
    # A page past the end shows the last one.
    assert _ids(listing.page(listing.Filters(unit_id=unit.id), None, TODAY, 9)) == _ids(second)


def test_office_finds_an_inspection_outside_any_round_and_opens_its_minutes(app, client, office,
                                                                          make_user):
    sign_in(client, make_user(roles.ADMIN))
    html = _table(client.get("/office/inspections?round=none"))
    assert "Xã Đồng Xuân" in html and "Xã Tân Lập" not in html
    assert "08:10" in html and "14:45" in html
    html = client.get("/office/inspections").get_data(as_text=True)
    link = re.search(r'href="(/minutes/pubtanlap01\.pdf)">Số 03/BB-ĐKT', html)
    assert link, "the issued minutes are linked by their number"
    # The menu leads there.
    assert "/office/inspections" in client.get("/").get_data(as_text=True)


def test_a_lead_sees_only_their_teams_inspections(client, office):
    sign_in(client, office["lead"])
    resp = client.get("/office/inspections")
    assert "3 cuộc kiểm tra" in resp.get_data(as_text=True)
    html = _table(resp)
    assert "Xã Tân Lập" in html and "Phường An Bình" not in html


def test_a_bad_filter_is_said_in_vietnamese_and_filters_nothing(client, office, make_user):
    sign_in(client, make_user(roles.ADMIN))
    resp = client.get("/office/inspections?date_from=31/02/2026&status=unknown")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "Ngày không hợp lệ" in html and "Not a valid choice" not in html
    assert "4 cuộc kiểm tra" in html
    resp = client.get("/office/inspections?date_from=2026-10-01&date_to=2026-09-01")
    assert "“Đến ngày” phải sau" in resp.get_data(as_text=True)


def test_exports_hold_the_filtered_rows(client, office, make_user):
    sign_in(client, make_user(roles.VIEWER))
    resp = client.get("/office/inspections.csv?round=none")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(resp.get_data().decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert sorted((r[0], r[1], r[2]) for r in rows[1:]) == [
        ("Phường An Bình", "01/10/2026", "09:00"), ("Xã Đồng Xuân", "15/09/2026", "08:10"),
        ("Xã Đồng Xuân", "15/09/2026", "14:45")]
    book = load_workbook(io.BytesIO(client.get("/office/inspections.xlsx").get_data()))
    sheet = book.active
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Xã Tân Lập"][1] == datetime(2026, 3, 2)
    assert values["Xã Tân Lập"][7] == "03/BB-ĐKT"
    assert client.get("/office/inspections.pdf").status_code == 404


def test_a_units_page_lists_its_inspections_with_minutes_and_times(client, office, make_user):
    sign_in(client, make_user(roles.ADMIN))
    html = _table(client.get(f"/followup/units/{office['morning'].unit_id}"))
    assert html.count("<tr data-inspection=") == 2
    assert "15/09/2026 <span class=\"muted\">08:10" in html
    assert "15/09/2026 <span class=\"muted\">14:45" in html
    html = _table(client.get(f"/followup/units/{office['tan_lap'].id}"))
    assert "/minutes/pubtanlap01.pdf" in html and "Số 03/BB-ĐKT" in html
