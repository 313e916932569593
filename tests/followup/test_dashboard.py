"""Follow-up pages: a round's figures, a unit across three rounds, a finding's history."""
import re
import subprocess
import uuid
from datetime import date, datetime

import pytest

from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup import dashboard
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Finding, Inspection, Response
from inspect_app.org import roles
from inspect_app.remediation.models import RemediationItem

from ..inspections.conftest import sign_in

DEFINITION = {"slug": "ky-luat", "title": "Kỷ luật, kỷ cương", "sections": [
    {"id": "A", "title": "Giờ làm việc", "items": [
        {"id": "KL-01", "text": "Có mặt đúng giờ", "type": "yes_no", "weight": 3,
         "severity": "major"},
        {"id": "KL-02", "text": "Không uống rượu bia", "type": "yes_no", "weight": 1,
         "severity": "critical"}]}]}
TODAY = date(2026, 11, 23)


@pytest.fixture
def history(make_unit, make_user, make_team):
    """Xã Tân Lập inspected in three rounds: KL-01 failed in all three (recurring twice),
    KL-02 failed only in the second; remediation open (overdue), reported, verified."""
    lead = make_user(roles.LEAD)
    team = make_team(lead=lead)
    checklist = Checklist(slug="ky-luat", title="Kỷ luật, kỷ cương")
    version = ChecklistVersion(version=1, content_hash="", definition=DEFINITION)
    checklist.versions.append(version)
    unit, other = make_unit("Xã Tân Lập"), make_unit("Xã Đồng Xuân")
    db.session.add(checklist)
    rounds = []
    plan = [(datetime(2026, 3, 2, 1), {"KL-01": "no", "KL-02": "yes"}, "verified"),
            (datetime(2026, 6, 2, 1), {"KL-01": "no", "KL-02": "no"}, "reported"),
            (datetime(2026, 9, 2, 1), {"KL-01": "no", "KL-02": "yes"}, "open")]
    for n, (day, answers, state) in enumerate(plan):
        rnd = Round(name=f"Đợt {n + 1} năm 2026", kind="planned", status="closed", team=team,
                    period_start=day.date(), period_end=day.date(), units=[unit, other])
        rounds.append(rnd)
        for who in (unit, other):
            inspection = Inspection(uuid=str(uuid.uuid4()), unit=who,
                                    round=rnd, team=team, kind="planned", started_at=day)
            db.session.add(inspection)
            for item_id, value in (answers if who is unit else {"KL-01": "yes"}).items():
                inspection.responses.append(Response(checklist_version=version, item_id=item_id,
                                                     value=value, answered_at=day))
                if value == "no":
                    finding = Finding(uuid=str(uuid.uuid4()), inspection=inspection,
                                      checklist_version=version, checklist_slug="ky-luat",
                                      item_id=item_id, severity="major",
                                      description=f"Chưa đạt: {item_id}")
                    db.session.add(finding)
                    if item_id == "KL-01":
                        db.session.add(RemediationItem(
                            uuid=str(uuid.uuid4()), finding=finding,
                            inspection=inspection, unit=unit, action="Chấn chỉnh giờ làm việc",
                            deadline=date(2026, 10, 1) if state == "open" else date(2026, 12, 1),
                            state=state))
    db.session.commit()
    return {"lead": lead, "unit": unit, "rounds": rounds}


def test_round_figures_count_findings_states_recurrence_and_scores(history):
    page = dashboard.round_dashboard(history["rounds"][2], TODAY)
    assert page.inspections == 2 and page.pages == 1
    [tan_lap] = [r for r in page.rows if r.unit == "Xã Tân Lập"]
    assert (tan_lap.findings, tan_lap.recurring, tan_lap.overdue) == (1, 1, 1)
    assert tan_lap.scores["ky-luat"] == pytest.approx(25.0)  # KL-02 (1) of 4
    assert (page.total.findings, page.total.overdue) == (1, 1)


def test_recurrence_follows_the_same_item_across_three_rounds(history):
    rows = dashboard.unit_history(history["unit"], TODAY)
    assert [r.round_name for r in rows] == ["Đợt 1 năm 2026", "Đợt 2 năm 2026", "Đợt 3 năm 2026"]
    assert [r.recurring for r in rows] == [0, 1, 1]
    assert [r.scores["ky-luat"] for r in rows] == pytest.approx([25.0, 0.0, 25.0])
    assert [(r.verified, r.reported, r.overdue) for r in rows] == [(1, 0, 0), (0, 1, 0),
                                                                   (0, 0, 1)]


def test_overdue_depends_on_the_day_it_is_seen(history):
    before = dashboard.unit_history(history["unit"], date(2026, 9, 30))
    assert (before[2].open, before[2].overdue) == (1, 0)


def test_round_page_draws_an_svg_chart_and_links_to_units(client, make_user, history):
    sign_in(client, make_user(roles.VIEWER))
    page = client.get(f"/followup/rounds/{history['rounds'][2].id}").get_data(as_text=True)
    assert "<svg" in page and "Quá hạn" in page and "http" not in page.split("<svg", 1)[1][:80]
    assert f'/followup/units/{history["unit"].id}' in page
    assert re.search(r"<strong>2</strong>\s*đơn vị đã kiểm tra", page)


def test_unit_page_shows_the_trend_and_drills_down_to_a_finding(client, history):
    sign_in(client, history["lead"])
    page = client.get(f"/followup/units/{history['unit'].id}").get_data(as_text=True)
    assert page.count("<circle") == 3 and "Kỷ luật, kỷ cương" in page
    link = re.search(r'href="(/followup/findings/\d+)"', page).group(1)
    finding = client.get(link).get_data(as_text=True)
    assert "Chấn chỉnh giờ làm việc" in finding and "Quá hạn" in finding
    assert "(hiện tại)" in finding


@pytest.mark.parametrize("role", [roles.INSPECTOR, roles.UNIT_HEAD])
def test_field_and_unit_roles_do_not_follow_up(client, make_user, history, role):
    sign_in(client, make_user(role, unit=history["unit"] if role == roles.UNIT_HEAD else None))
    assert client.get(f"/followup/units/{history['unit'].id}").status_code == 403
    assert client.get(f"/followup/rounds/{history['rounds'][0].id}").status_code == 403


def test_a_lead_of_another_team_sees_neither_the_round_nor_the_findings(
        client, make_user, make_team, history):
    other = make_user(roles.LEAD)
    make_team(lead=other)
    sign_in(client, other)
    assert client.get(f"/followup/rounds/{history['rounds'][0].id}").status_code == 404
    page = client.get(f"/followup/units/{history['unit'].id}").get_data(as_text=True)
    assert "chưa được kiểm tra" in page


def test_round_report_pdf_lists_every_unit_with_its_figures(client, make_user, history):
    sign_in(client, make_user(roles.VIEWER))
    resp = client.get(f"/followup/rounds/{history['rounds'][1].id}/report.pdf")
    assert resp.status_code == 200 and resp.data.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=resp.data,
                          capture_output=True, check=True).stdout.decode()
    assert "BÁO CÁO" in text and "Kết quả kiểm tra đợt 2 năm 2026" in text
    # The office's document form: national name, place and date, "Nơi nhận", who signs.
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nơi nhận:" in text
    assert "TRƯỞNG ĐOÀN KIỂM TRA" in text
    # A round with no office: the place is that of the units visited, never a stray comma.
    assert re.search(r"\S, ngày \d\d? tháng \d\d? năm 2026", text)
    assert not re.search(r"(^|\s{2}), ngày", text, re.MULTILINE)
    assert "Xã Tân Lập" in text and "Xã Đồng Xuân" in text
    assert "kiểm tra 2 đơn vị, phát hiện 2 tồn tại" in " ".join(text.split())
