"""The office accepts a reported fix or reopens it, always saying why."""
from datetime import date, datetime

from sqlalchemy import select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.org import roles
from inspect_app.remediation import labels


def _reported(make_unit, make_item):
    return make_item(make_unit("Xã Kim Bôi"), state="reported", report_text="Đã treo biển",
                     reported_at=datetime(2026, 3, 10, 3))


def test_lead_accepts_a_reported_fix(client, login_as, make_unit, make_item):
    item = _reported(make_unit, make_item)
    lead = login_as(roles.LEAD)
    resp = client.post(f"/remediation/office/items/{item.id}/verify")
    assert resp.status_code == 302
    assert item.state == "verified" and item.verified_by_id == lead.id
    [event] = item.events
    assert (event.kind, event.from_state, event.to_state, event.user_id) == (
        "verified", "reported", "verified", lead.id)
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "remediation.verified"))
    assert audit.user_id == lead.id and audit.object_id == str(item.id)


def test_reopen_needs_a_reason(client, login_as, make_unit, make_item):
    item = _reported(make_unit, make_item)
    login_as(roles.ADMIN)
    resp = client.post(f"/remediation/office/items/{item.id}/reopen", data={"reason": "  "})
    assert resp.status_code == 400
    assert "Hãy nêu lý do yêu cầu khắc phục lại." in resp.get_data(as_text=True)
    assert item.state == "reported" and not item.events


def test_reopen_with_a_reason_and_a_new_deadline(client, login_as, make_unit, make_item):
    item = _reported(make_unit, make_item)
    admin = login_as(roles.ADMIN)
    new_deadline = labels.vietnam_today().replace(year=labels.vietnam_today().year + 1)
    resp = client.post(f"/remediation/office/items/{item.id}/reopen", data={
        "reason": "Ảnh chưa thể hiện bảng niêm yết mới.", "deadline": new_deadline.isoformat()})
    assert resp.status_code == 302
    assert item.state == "reopened" and item.deadline == new_deadline
    assert item.reopen_reason == "Ảnh chưa thể hiện bảng niêm yết mới."
    [event] = item.events
    assert (event.kind, event.note, event.user_id) == ("reopened", item.reopen_reason, admin.id)
    assert db.session.scalar(select(AuditEvent.details).where(
        AuditEvent.action == "remediation.reopened"))["old_deadline"] == "2026-03-20"


def test_a_new_deadline_in_the_past_is_refused(client, login_as, make_unit, make_item):
    item = _reported(make_unit, make_item)
    login_as(roles.LEAD)
    resp = client.post(f"/remediation/office/items/{item.id}/reopen", data={
        "reason": "Chưa đạt", "deadline": "2020-01-01"})
    assert resp.status_code == 400
    assert "Thời hạn mới không được trước ngày hôm nay" in resp.get_data(as_text=True)
    assert item.state == "reported"


def test_the_unit_head_reads_the_reason_and_reports_again(client, login_as, sign_in, make_unit,
                                                          make_item, make_user):
    item = _reported(make_unit, make_item)
    head = make_user(roles.UNIT_HEAD, unit=item.unit)
    login_as(roles.LEAD)
    later = labels.vietnam_today().replace(year=labels.vietnam_today().year + 1)
    resp = client.post(f"/remediation/office/items/{item.id}/reopen",
                       data={"reason": "Thiếu ảnh", "deadline": later.isoformat()})
    assert resp.status_code == 302
    sign_in(head)
    page = client.get("/remediation/").get_data(as_text=True)
    assert "Lý do khắc phục lại: Thiếu ảnh" in page and "Yêu cầu khắc phục lại" in page
    assert later.strftime("%d/%m/%Y") in page


def test_only_reported_items_can_be_accepted(client, login_as, make_unit, make_item):
    item = make_item(make_unit(), state="open")
    login_as(roles.ADMIN)
    resp = client.post(f"/remediation/office/items/{item.id}/verify", follow_redirects=True)
    assert "Chỉ xác minh được yêu cầu đơn vị đã báo cáo khắc phục" in resp.get_data(as_text=True)
    assert item.state == "open" and not item.events


def test_viewer_sees_but_changes_nothing(client, login_as, make_unit, make_item):
    item = _reported(make_unit, make_item)
    login_as(roles.VIEWER)
    page = client.get(f"/remediation/office/units/{item.unit_id}").get_data(as_text=True)
    assert "Đã treo biển" in page and "/verify" not in page and "/reopen" not in page
    assert client.post(f"/remediation/office/items/{item.id}/verify").status_code == 403
    assert client.get(f"/remediation/office/items/{item.id}/reopen").status_code == 403
    assert item.state == "reported"
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action.like("remediation.%"))) is None


def test_office_summary_puts_units_awaiting_checks_first(client, login_as, make_unit, make_item):
    quiet, busy = make_unit("Xã An Bình"), make_unit("Xã Yên Hòa")
    make_item(quiet, deadline=date(2020, 1, 1))
    make_item(busy, state="reported", report_text="x", reported_at=datetime(2026, 3, 1))
    login_as(roles.VIEWER)
    page = client.get("/remediation/office/").get_data(as_text=True)
    assert page.index("Xã Yên Hòa") < page.index("Xã An Bình")
