"""Checking an earlier round's remediation on site, offline, with a photo as evidence."""
import hashlib

from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.photos.models import Photo
from inspect_app.remediation.models import RemediationItem

from .conftest import jpeg


def test_remediation_checked_on_site_with_a_photo_reaches_the_server(app, devices, world):
    phone = devices("truongdoan").sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.page.get_by_role("link", name="Yêu cầu khắc phục từ đợt trước (1)").click()
    card = phone.page.locator("article[data-remediation]")
    expect(card).to_contain_text("Cập nhật bảng niêm yết thủ tục hành chính")
    expect(card).to_contain_text("KL-05: Bảng niêm yết chưa cập nhật thủ tục mới")
    photo = jpeg((2000, 1500), (30, 120, 200))
    card.locator("input.camera").set_input_files(
        {"name": "bang-niem-yet-moi.jpg", "mimeType": "image/jpeg", "buffer": photo})
    expect(card.locator("figure.thumb")).to_have_count(1)
    card.locator("textarea.note").fill("Đã thay bảng niêm yết mới, đủ 112 thủ tục")
    card.get_by_role("button", name="Đã khắc phục").click()
    expect(phone.page.locator("article[data-remediation]")).to_contain_text("Đã khắc phục (ghi lúc")
    [op] = [op for op in phone.outbox() if op["type"] == "remediation.check"]
    sha256 = op["data"]["photo_sha256"]
    assert len(sha256) == 64 and sha256 != hashlib.sha256(photo).hexdigest()  # shrunk first

    phone.come_online()
    assert phone.outbox() == []
    with app.app_context():
        item = db.session.get(RemediationItem, world.remediation_id)
        assert (item.state, item.verified_by_id) == ("verified", world.lead_id)
        assert [e.note for e in item.events] == ["Đã thay bảng niêm yết mới, đủ 112 thủ tục"]
        evidence = db.session.scalars(
            select(Photo).where(Photo.remediation_item_id == item.id)).all()
        assert [(p.sha256, p.stored, p.inspection.uuid) for p in evidence] == [(sha256, True, uuid)]
        db.session.remove()
    # Verified items leave the phone's list on the next pull.
    phone.page.goto(f"/app#/i/{uuid}/remediation")
    expect(phone.page.locator("main")).to_contain_text("không có yêu cầu khắc phục nào đang mở")


def test_an_inspector_is_told_who_verifies_instead_of_a_button_the_server_refuses(devices, world):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.page.get_by_role("link", name="Yêu cầu khắc phục từ đợt trước (1)").click()
    card = phone.page.locator("article[data-remediation]")
    expect(card.get_by_role("button", name="Chưa khắc phục")).to_be_visible()
    expect(card.get_by_role("button", name="Đã khắc phục")).to_have_count(0)
    expect(card.locator(".why-no-verify")).to_contain_text("Chỉ trưởng đoàn xác minh")
