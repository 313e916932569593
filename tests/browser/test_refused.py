"""An op the server refuses stays on the phone, with its reason, until the inspector acts."""
from playwright.sync_api import expect
from sqlalchemy import delete, select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response
from inspect_app.org.models import TeamMember


def _set_status(app, uuid, status):
    with app.app_context():
        db.session.scalar(select(Inspection).where(Inspection.uuid == uuid)).status = status
        db.session.commit()
        db.session.remove()


def test_refused_answer_stays_visible_with_the_reason(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.sync()
    phone.offline()
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Không đạt")
    _set_status(app, uuid, "signed")  # meanwhile the minutes were signed on another phone

    phone.come_online()
    refused = phone.item("KL-01").locator(".refused-op")
    expect(refused).to_contain_text("Câu trả lời mục KL-01 bị từ chối: ")
    # Which inspection and item, why, and what to do.
    expect(refused.locator(".reason")).to_contain_text(
        "Phiếu kiểm tra Xã Tân Lập ngày ")
    expect(refused.locator(".reason")).to_contain_text(
        ", mục KL-01: biên bản đã ký, phiếu không nhận thay đổi nữa. "
        "Nếu cần bổ sung, hãy báo trưởng đoàn lập biên bản bổ sung")

    # Shown on the inspection and in the list, kept through further syncs and a closed tab.
    phone.sync()
    phone.reopen()
    expect(phone.badge(uuid)).to_contain_text("bị từ chối: ")
    expect(phone.badge(uuid)).to_contain_text("biên bản đã ký")
    phone.page.goto(f"/app#/i/{uuid}")
    box = phone.page.locator(".refused-box")
    expect(box).to_contain_text("Câu trả lời mục KL-01 bị từ chối")
    [op] = phone.outbox()
    assert (op["type"], op["status"], op["data"]["value"]) == ("response.set", "refused", "no")

    # "Gửi lại" sends it again: refused again while the cause remains.
    box.get_by_role("button", name="Gửi lại").click()
    phone.sync()
    expect(phone.page.locator(".refused-box")).to_contain_text("biên bản đã ký")
    # Once the cause is gone (the lead reopened the inspection), "Gửi lại" gets it applied.
    _set_status(app, uuid, "in_progress")
    phone.page.locator(".refused-box").get_by_role("button", name="Gửi lại").click()
    phone.sync()
    expect(phone.page.locator(".refused-box")).to_have_count(0)
    assert phone.outbox() == []
    with app.app_context():
        assert db.session.scalars(select(Response.value).join(Inspection).where(
            Inspection.uuid == uuid, Response.item_id == "KL-01")).all() == ["no"]
        db.session.remove()


def test_refused_creation_holds_back_the_inspection_ops_and_can_be_dropped(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Đạt")
    with app.app_context():  # the inspector was taken off the team while away
        db.session.execute(delete(TeamMember).where(TeamMember.user_id == world.inspector_id))
        db.session.commit()
        db.session.remove()

    phone.come_online()
    phone.page.goto("/app#/")
    badge = phone.badge(uuid)
    expect(badge).to_contain_text("bị từ chối: Phiếu kiểm tra mới: bạn không thuộc đoàn kiểm tra")
    expect(badge).to_contain_text("chỉ trên thiết bị này")
    expect(badge).to_contain_text("đang chờ đồng bộ 1 câu trả lời")
    # The answer was not sent to be refused for want of its inspection: it waits, queued.
    assert sorted((op["type"], op["status"]) for op in phone.outbox()) == [
        ("inspection.create", "refused"), ("response.set", "queued")]
    with app.app_context():
        assert db.session.scalar(select(Inspection).where(Inspection.uuid == uuid)) is None
        db.session.remove()

    # Dropping it is the inspector's explicit choice, never the app's.
    phone.page.goto(f"/app#/i/{uuid}")
    phone.page.locator(".refused-box").get_by_role("button", name="Bỏ thao tác này").click()
    expect(phone.page.locator(".refused-box")).to_have_count(0)
    assert [op["type"] for op in phone.outbox()] == ["response.set"]
