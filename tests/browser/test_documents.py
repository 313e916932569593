"""The paperwork chain in the browser (issue 15): the office finds an inspection made outside any
round, opens its minutes and issues its conclusion notice; a unit head never opens the plan of a
surprise round before the team has visited their unit."""
from datetime import date

from playwright.sync_api import expect

from inspect_app.documents import chain
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.org import roles
from inspect_app.org.models import OrgUnit, Team


def test_the_office_finds_an_inspection_outside_any_round_and_issues_its_notice(
        app, devices, world, make_user, make_minutes):
    with app.app_context():
        unit = db.session.get(OrgUnit, world.unit_id)
        made = make_minutes(unit=unit, team=db.session.get(Team, world.team_id))
        made.minutes.inspection.status = "issued"
        number = made.minutes.number
        db.session.commit()
        make_user(roles.ADMIN, username="vanphong", full_name="Nguyễn Thị Hồng")
        db.session.remove()
    office = devices("vanphong")
    page = office.page
    office.log_in("/office/inspections")
    page.get_by_text("Lọc danh sách").click()
    page.get_by_label("Đợt kiểm tra").select_option(label="Ngoài đợt kiểm tra (đột xuất)")
    page.get_by_role("button", name="Lọc").click()
    row = page.locator("tr", has_text=f"Số {number}")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Xã Tân Lập")
    expect(row).to_contain_text("Ngoài đợt kiểm tra")
    # The minutes open from the list.
    minutes_link = row.get_by_role("link", name=f"Số {number}")
    pdf = page.request.get(minutes_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    # The notice: issued with one button, then its page shows the chain it belongs to.
    row.get_by_role("button", name="Ban hành").click()
    expect(page.locator("h1")).to_have_text("Thông báo kết luận kiểm tra số 01/TB")
    expect(page.locator(".doc-chain")).to_contain_text(f"Biên bản kiểm tra: số {number}")
    expect(page.locator("main")).to_contain_text("Hạn báo cáo kết quả khắc phục")
    download = page.get_by_role("link", name="Tải văn bản (PDF)").get_attribute("href")
    assert page.request.get(download).headers["content-type"] == "application/pdf"
    # Back in the list, the notice's number stands where the button was.
    page.goto("/office/inspections?round=none")
    expect(page.locator("tr", has_text=f"Số {number}")).to_contain_text("Số 01/TB")
    page.locator("tr", has_text=f"Số {number}").get_by_role("link", name="Số 01/TB").click()
    expect(page.locator("h1")).to_contain_text("Thông báo kết luận kiểm tra")


def test_a_unit_head_never_opens_a_surprise_plan_before_the_visit(
        app, devices, world, make_user, make_minutes):
    with app.app_context():
        unit = db.session.get(OrgUnit, world.unit_id)
        rnd = Round(name="Kiểm tra đột xuất tháng 12", kind="surprise", status="planned",
                    team=db.session.get(Team, world.team_id), period_start=date(2026, 12, 7),
                    period_end=date(2026, 12, 18), units=[unit],
                    checklists=list(db.session.get(Round, world.round_id).checklists))
        db.session.add(rnd)
        db.session.commit()
        plan = chain.issue("plan", rnd, None)
        decision = chain.issue("decision", rnd, None)
        plan_id, decision_id, round_id = plan.public_id, decision.public_id, rnd.id
        make_user(roles.UNIT_HEAD, username="chutich", unit=unit)
        db.session.remove()
    head = devices("chutich")
    page = head.page
    head.log_in("/remediation/")
    for public_id in (plan_id, decision_id):
        response = page.goto(f"/documents/{public_id}")
        assert response.status == 404
        expect(page.locator("main")).to_contain_text("Không tìm thấy văn bản.")
        assert page.goto(f"/documents/{public_id}.pdf").status == 404
    assert page.goto("/office/documents").status == 403
    # The visit is over: the plan it stood on is theirs to read.
    with app.app_context():
        made = make_minutes(unit=db.session.get(OrgUnit, world.unit_id),
                            team=db.session.get(Team, world.team_id))
        made.minutes.inspection.round_id = round_id
        db.session.commit()
        db.session.remove()
    assert page.goto(f"/documents/{plan_id}").status == 200
    expect(page.locator("h1")).to_have_text("Kế hoạch kiểm tra số 01/KH")
