"""Who sees what: a unit head only their own unit, and never anything about rounds or plans."""
from datetime import date, datetime

import pytest

from inspect_app.org import roles
from inspect_app.remediation import reports

from .conftest import SECRET_PLAN, SECRET_ROUND


@pytest.fixture
def two_units(make_unit, make_user, make_item):
    a, b = make_unit("Xã Tân Lập"), make_unit("Phường Đồng Tâm")
    head_a = make_user(roles.UNIT_HEAD, unit=a)
    mine = make_item(a, action="Niêm yết lại thủ tục hành chính tại bộ phận một cửa")
    theirs = make_item(b, action="Bố trí công chức trực bộ phận một cửa", state="reported",
                       report_text="Đã bố trí.", reported_at=datetime(2026, 3, 10, 3))
    return head_a, mine, theirs


def test_unit_head_sees_own_items_and_minutes_only(client, sign_in, two_units):
    head, mine, theirs = two_units
    sign_in(head)
    page = client.get("/remediation/").get_data(as_text=True)
    assert mine.action in page and theirs.action not in page
    assert "20/03/2026" in page  # deadline as dd/mm/yyyy
    own_minutes = f"/minutes/{mine.inspection.id}"  # never a link built from an id
    assert own_minutes not in page
    assert page.count("/minutes/pub") == 1


def test_another_units_item_is_not_found(client, sign_in, two_units):
    head, _, theirs = two_units
    sign_in(head)
    assert client.get(f"/remediation/items/{theirs.id}").status_code == 404
    resp = client.post(f"/remediation/items/{theirs.id}", data={"text": "Xong"})
    assert resp.status_code == 404
    assert theirs.state == "reported" and theirs.report_text == "Đã bố trí."


def test_another_units_report_pdf_is_not_found(client, sign_in, two_units, make_user):
    _, _, theirs = two_units
    other_head = make_user(roles.UNIT_HEAD, unit=theirs.unit)
    report = reports.send_report(other_head, None, "Lê Văn B", None, None)
    head_a = two_units[0]
    sign_in(head_a)
    assert client.get(f"/remediation/reports/{report.id}.pdf").status_code == 404
    sign_in(other_head)
    assert client.get(f"/remediation/reports/{report.id}.pdf").status_code == 200


def test_unit_head_pages_never_mention_rounds_or_plans(client, sign_in, two_units):
    head, mine, _ = two_units
    sign_in(head)
    pages = [client.get(url) for url in (
        "/", "/remediation/", f"/remediation/items/{mine.id}", "/remediation/reports/new")]
    for resp in pages:
        html = resp.get_data(as_text=True)
        assert resp.status_code == 200
        for secret in (SECRET_ROUND, SECRET_PLAN, "17/02/2031", "2031", "đột xuất", "Đợt"):
            assert secret not in html, (resp.request.path, secret)
    assert client.get("/rounds/").status_code == 403


def test_unit_head_without_a_unit_sees_nothing(client, login_as, two_units):
    login_as(roles.UNIT_HEAD, unit=None)
    page = client.get("/remediation/").get_data(as_text=True)
    assert "chưa được gắn với đơn vị" in page
    assert client.get(f"/remediation/items/{two_units[1].id}").status_code == 404


@pytest.mark.parametrize("role", [roles.UNIT_HEAD, roles.INSPECTOR, roles.VIEWER])
def test_only_admin_and_lead_may_verify_or_reopen(client, login_as, make_unit, make_item, role):
    item = make_item(make_unit(), state="reported", report_text="Đã làm")
    login_as(role)
    assert client.post(f"/remediation/office/items/{item.id}/verify").status_code == 403
    resp = client.post(f"/remediation/office/items/{item.id}/reopen", data={"reason": "Chưa"})
    assert resp.status_code == 403
    assert item.state == "reported" and not item.events


@pytest.mark.parametrize("role", [roles.ADMIN, roles.LEAD, roles.INSPECTOR, roles.VIEWER])
def test_office_roles_see_reported_items_per_unit(client, login_as, two_units, role):
    _, _, theirs = two_units
    login_as(role)
    summary = client.get("/remediation/office/").get_data(as_text=True)
    assert "Phường Đồng Tâm" in summary and "Xã Tân Lập" in summary
    page = client.get(f"/remediation/office/units/{theirs.unit_id}").get_data(as_text=True)
    assert theirs.action in page and "Đã bố trí." in page
    buttons = "Xác nhận đã khắc phục" in page
    assert buttons == (role in (roles.ADMIN, roles.LEAD))


def test_unit_head_is_turned_away_from_office_pages(client, sign_in, two_units):
    head, mine, _ = two_units
    sign_in(head)
    assert client.get("/remediation/office/").status_code == 403
    assert client.get(f"/remediation/office/units/{mine.unit_id}").status_code == 403


def test_office_sees_no_unit_head_pages(client, login_as):
    login_as(roles.ADMIN)
    assert client.get("/remediation/").status_code == 403


def test_date_shown_is_vietnam_date(app):
    from datetime import UTC, datetime

    from inspect_app.remediation.labels import vietnam_today

    # 18:30 UTC on the 22nd is already 01:30 on the 23rd in Hà Nội.
    assert vietnam_today(datetime(2026, 11, 22, 18, 30, tzinfo=UTC)) == date(2026, 11, 23)
