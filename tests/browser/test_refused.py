"""An op the server refuses stays on the phone, with its reason, until the inspector acts."""
from playwright.sync_api import expect
from sqlalchemy import delete, select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response, Supplement
from inspect_app.org.models import TeamMember

from .a11y import axe_violations
from .conftest import jpeg
from .test_minutes import SECTION_A, _draft, _sign, _work


def _set_status(app, uuid, status):
    with app.app_context():
        db.session.scalar(select(Inspection).where(Inspection.uuid == uuid)).status = status
        db.session.commit()
        db.session.remove()


def _refused_after_signing(app, devices):
    """An answer, note and photo made offline on KL-01 while the minutes were signed elsewhere:
    refused once back online. Returns the phone and the inspection's uuid."""
    phone = devices("kiemtra1").sign_in()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.sync()
    phone.offline()
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Không đạt")
    phone.item("KL-01").locator("textarea.note").fill("Hai cán bộ không đeo thẻ")
    phone.item("KL-01").locator("textarea.note").evaluate("e => e.blur()")
    phone.attach_photos("KL-01", [{"name": "the.jpg", "mimeType": "image/jpeg",
                                   "buffer": jpeg((800, 600))}])
    _set_status(app, uuid, "signed")  # meanwhile the minutes were signed on another phone
    phone.come_online()
    return phone, uuid


def test_refused_edit_shows_once_with_what_was_recorded(app, devices, world):
    phone, uuid = _refused_after_signing(app, devices)
    # The sync line never says all is synced while something was refused.
    expect(phone.page.locator("#sync-status")).to_contain_text(
        "Đã đồng bộ lúc")
    # (the answer, the note typed after it, the photo)
    expect(phone.page.locator("#sync-status")).to_contain_text(", 3 thao tác bị từ chối")
    # The signed item is read-only; it points to where the refusal can be dealt with.
    expect(phone.item("KL-01").locator(".refused-link")).to_contain_text("gửi cho trưởng đoàn")

    # Shown in the list with the reason, kept through further syncs and a closed tab.
    phone.sync()
    phone.reopen()
    expect(phone.badge(uuid)).to_contain_text("bị từ chối: ")
    expect(phone.badge(uuid)).to_contain_text("biên bản đã ký")
    phone.page.goto(f"/app#/i/{uuid}")
    box = phone.page.locator(".refused-box")
    # Once: the answer, note and photo of the item together, with the reason (the badge counts).
    expect(box.locator(".refused-op")).to_have_count(1)
    refused = box.locator(".refused-op")
    expect(refused).to_contain_text("Câu trả lời, Ảnh mục KL-01 bị từ chối: ")
    expect(refused.locator(".reason")).to_contain_text("Phiếu kiểm tra Xã Tân Lập ngày ")
    expect(refused.locator(".reason")).to_contain_text(
        ", mục KL-01: biên bản đã ký, phiếu không nhận thay đổi nữa.")
    expect(phone.page.get_by_text("biên bản đã ký, phiếu không nhận")).to_have_count(1)
    expect(phone.page.locator("#view .badge.refused")).to_have_text("3 thao tác bị từ chối")
    expect(refused.locator(".recorded")).to_have_text(
        "Bạn đã ghi: Không đạt · Ghi chú: Hai cán bộ không đeo thẻ")
    expect(refused.locator("img.recorded-photo")).to_have_count(1)
    expect(phone.page.locator("#sync-status")).to_contain_text(", 3 thao tác bị từ chối")
    phone.screenshot("app-refused.png", of=phone.page.locator("#view h1"), block="start")
    assert axe_violations(phone.page, "refused work") == []
    # Sending again cannot succeed while the minutes are signed: not offered.
    expect(refused.get_by_role("button", name="Gửi lại")).to_have_count(0)
    expect(refused.get_by_role("button", name="Gửi cho trưởng đoàn")).to_be_visible()
    assert sorted((op["type"], op["status"]) for op in phone.outbox()) == [
        ("photo.add", "refused"), ("response.set", "refused"), ("response.set", "refused")]

    # Once the cause is gone (the lead reopened the inspection), "Gửi lại" gets it applied.
    _set_status(app, uuid, "in_progress")
    phone.sync()
    phone.page.locator(".refused-box").get_by_role("button", name="Gửi lại").click()
    phone.sync()
    expect(phone.page.locator(".refused-box")).to_have_count(0)
    expect(phone.page.locator("#sync-status")).not_to_contain_text("bị từ chối")
    assert phone.outbox() == []
    with app.app_context():
        assert db.session.scalars(select(Response.value).join(Inspection).where(
            Inspection.uuid == uuid, Response.item_id == "KL-01")).all() == ["no"]
        db.session.remove()


def test_edit_refused_after_signing_goes_to_the_lead_and_into_amended_minutes(app, devices, world):
    lead = devices("truongdoan").sign_in()
    uuid = lead.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    _work(lead, uuid)
    lead.sync()
    phone = devices("kiemtra1").sign_in()  # the inspector has the inspection…
    phone.offline()  # …and keeps working on it out of signal while the lead signs.
    phone.open_section(uuid, SECTION_A)
    phone.answer("KL-01", "Không đạt")
    phone.item("KL-01").locator("textarea.note").fill("Hai cán bộ không đeo thẻ")
    phone.item("KL-01").locator("textarea.note").evaluate("e => e.blur()")
    phone.attach_photos("KL-01", [{"name": "the.jpg", "mimeType": "image/jpeg",
                                   "buffer": jpeg((800, 600))}])
    _draft(lead, uuid)
    _sign(lead)
    lead.sync()

    phone.come_online()  # refused: the minutes are signed
    phone.page.goto(f"/app#/i/{uuid}")
    refused = phone.page.locator(".refused-op")
    expect(refused.get_by_role("button", name="Gửi lại")).to_have_count(0)
    refused.get_by_role("button", name="Gửi cho trưởng đoàn").click()
    expect(phone.page.locator(".refused-box")).to_have_count(0)
    phone.sync()
    assert phone.outbox() == []
    expect(phone.page.locator("#sync-status")).not_to_contain_text("bị từ chối")
    expect(phone.page.locator(".supplements")).to_contain_text(
        "Không đạt · Ghi chú: Hai cán bộ không đeo thẻ · 1 ảnh")
    with app.app_context():
        [sent] = db.session.scalars(select(Supplement)).all()
        assert (sent.item_id, sent.value, sent.note, sent.user_id) == (
            "KL-01", "no", "Hai cán bộ không đeo thẻ", world.inspector_id)
        assert len(sent.photo_sha256s) == 1 and "biên bản đã ký" in sent.reason
        db.session.remove()

    # The lead's phone shows it; amended minutes take it in, in the reason they print.
    lead.sync()
    lead.page.goto(f"/app#/i/{uuid}")
    expect(lead.page.locator(".supplements")).to_contain_text("Lê Thị Thu Hà")
    expect(lead.page.locator(".supplements")).to_contain_text("Lập biên bản sửa đổi")
    lead.page.click("#open-minutes")
    taken = ("Bổ sung sau khi ký: mục KL-01 (Lê Thị Thu Hà): Không đạt; "
             "ghi chú: Hai cán bộ không đeo thẻ; 1 ảnh.")
    expect(lead.page.locator("#amend-reason")).to_have_value(taken)
    lead.page.click("#amend-minutes")
    lead.page.goto(f"/app#/i/{uuid}/minutes")
    lead.page.click("#preview-minutes")
    expect(lead.page.locator(".minutes-doc")).to_contain_text(f"Lý do sửa đổi: {taken}")
    _sign(lead)
    lead.sync()
    with app.app_context():
        [sent] = db.session.scalars(select(Supplement)).all()
        assert sent.minutes_id is not None and sent.minutes.amendment_reason == taken
        db.session.remove()
    lead.page.goto(f"/app#/i/{uuid}")
    expect(lead.page.locator(".supplements")).to_contain_text("Đã đưa vào biên bản sửa đổi.")


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
