"""Storage the browser may take away or that runs out: the inspector is warned in time, told what
was not saved, and can free room; nothing saved before is damaged."""
import io
import re
from datetime import timedelta

from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response
from inspect_app.photos.models import Photo

from .conftest import jpeg


def test_old_unsynced_work_is_warned_about_with_the_backup_button_beside(devices, world):
    phone = devices("kiemtra1")
    phone.context.clock.install()  # the phone's clock, moved on below; time runs as usual
    phone.sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Đạt")

    # The list screen says how much is used and whether the browser keeps it for good.
    phone.page.goto("/app#/")
    persisted = phone.page.evaluate("navigator.storage.persisted()")
    usage = phone.page.locator(".storage-panel .storage-usage")
    expect(usage).to_contain_text(re.compile(r"Đã dùng .+ / "))
    expect(usage).to_contain_text(
        "lưu trữ bền vững" if persisted else "chưa bền vững: trình duyệt có thể xoá")
    expect(phone.page.locator(".storage-panel .unsynced")).to_contain_text("2 thay đổi chưa đồng bộ")
    warning = phone.page.locator("#storage-warning")
    expect(warning).to_be_hidden()

    # Three days on, still no signal: the app warns when it starts, the backup button beside it.
    now = phone.page.evaluate("Date.now()")
    phone.context.clock.set_system_time(now / 1000 + timedelta(days=3).total_seconds())
    phone.page.reload()
    phone.wait_ready()
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Có 2 thay đổi chưa đồng bộ")
    expect(warning).to_contain_text("(3 ngày trước)")
    expect(warning.get_by_role("button", name="Xuất bản sao lưu")).to_be_visible()
    expect(warning.get_by_role("button", name="Đồng bộ ngay")).to_be_visible()
    # On the inspection's screens too (the warning sits under the sync status).
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    expect(warning).to_be_visible()
    # The threshold is the office's (UNSYNCED_WARNING_DAYS, sent with each pull): at 5 days,
    # three-day-old work is not warned about yet.
    settings = "async (v) => (await import('/static/js/store.js')).setMeta('settings', v)"
    assert phone.page.evaluate(
        "async () => (await import('/static/js/store.js')).getMeta('settings')") == {
        "unsynced_warning_days": 2}
    phone.page.evaluate(settings, {"unsynced_warning_days": 5})
    phone.page.reload()
    phone.wait_ready()
    expect(phone.page.locator("#storage-warning")).to_be_hidden()
    phone.page.evaluate(settings, {"unsynced_warning_days": 2})
    phone.page.reload()
    phone.wait_ready()
    expect(warning).to_be_visible()

    phone.come_online()
    expect(warning).to_be_hidden()


def _noisy_jpeg() -> bytes:
    """A photo that stays large after the device shrinks it (noise does not compress)."""
    buf = io.BytesIO()
    Image.effect_noise((1600, 1200), 90).convert("RGB").save(buf, "JPEG", quality=92)
    return buf.getvalue()


def _limit_storage(phone, quota: int):
    """Give this site only `quota` bytes (DevTools' storage quota). Set before the app opens its
    database (IndexedDB reads the quota then); it lives as long as its DevTools session, held by
    a tab of its own."""
    holder = phone.context.new_page()
    cdp = phone.context.new_cdp_session(holder)
    cdp.send("Storage.overrideQuotaForOrigin",
             {"origin": phone.base_url.rstrip("/"), "quotaSize": quota})
    return cdp


def test_storage_full_says_what_was_not_saved_and_synced_photos_free_room(app, devices, world):
    phone = devices("kiemtra1")
    # Room for the app, its data and small photos, not for one large photo (about 1 MB).
    cdp = _limit_storage(phone, 900_000)
    phone.sign_in()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Không đạt")
    phone.attach_photos("KL-01", [
        {"name": f"anh-{n}.jpg", "mimeType": "image/jpeg", "buffer": jpeg((3000, 2000), (n, 90, 30))}
        for n in range(3)])
    phone.sync()  # these three are on the server now
    phone.offline()
    phone.answer("KL-02", "Không đạt")

    phone.item("KL-02").locator("details.more summary").click()
    photo = {"name": "ruou.jpg", "mimeType": "image/jpeg", "buffer": _noisy_jpeg()}
    phone.item("KL-02").locator("input.camera").set_input_files(photo)
    warning = phone.page.locator("#storage-warning")
    expect(warning).to_contain_text(  # after the phone has shrunk and hashed the photo
        "Chưa lưu được ảnh cho mục KL-02: bộ nhớ của trình duyệt đã đầy", timeout=20_000)
    expect(warning).to_contain_text("Những gì đã lưu trước đó vẫn còn nguyên")
    expect(phone.item("KL-02").locator("figure.thumb")).to_have_count(0)

    # What was saved before is intact, on screen and after a reopen.
    phone.reopen()
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    expect(phone.item("KL-02").get_by_role("button", name="Không đạt", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    expect(phone.item("KL-01").locator("figure.thumb")).to_have_count(3)

    # Free the synced photos: their full bytes leave the phone, thumbnails stay.
    phone.page.goto("/app#/")
    free = phone.page.locator(".storage-panel button.free-photos")
    expect(free).to_contain_text("Giải phóng 3 ảnh đã đồng bộ")
    free.click()
    expect(phone.page.locator(".storage-panel")).to_contain_text(
        "Đã giải phóng 3 ảnh đã đồng bộ", timeout=20_000)
    held = phone.page.evaluate("""async () => (await (await import('/static/js/store.js'))
        .getAll('photos')).map((p) => Boolean(p.blob))""")
    assert held == [False] * 3  # the three synced photos keep their records, not their bytes
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    expect(phone.item("KL-01").locator("figure.thumb img")).to_have_count(3)

    # With room again, the photo is taken once more and reaches the server.
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": phone.base_url.rstrip("/")})
    phone.attach_photos("KL-02", [photo])
    phone.online()
    phone.sync()
    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        assert {r.item_id: r.value for r in db.session.scalars(
            select(Response).where(Response.inspection_id == inspection.id))} == {
            "KL-01": "no", "KL-02": "yes"}
        items = sorted(p.item_id for p in db.session.scalars(
            select(Photo).where(Photo.inspection_id == inspection.id)))
        assert items == ["KL-01"] * 3 + ["KL-02"]
