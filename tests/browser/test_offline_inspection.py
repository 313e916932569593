"""An inspection made with no signal reaches the server once, whole, when the phone is back."""
import hashlib
import io

from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import func, select

from inspect_app.extensions import db
from inspect_app.inspections.models import Attendance, Inspection, Response
from inspect_app.inspections.sync_models import SyncOp
from inspect_app.photos import keys as photo_keys
from inspect_app.photos.models import Photo
from inspect_app.storage import storage

from .conftest import jpeg


def test_inspection_made_offline_reaches_the_server_exactly_once(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    assert phone.page.reload().from_service_worker  # the server is unreachable
    phone.wait_ready()
    expect(phone.page.locator("#net")).to_have_text("Mất mạng")

    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    expect(phone.page.locator(".badges")).to_contain_text("chỉ trên thiết bị này")

    # Attendance from the unit's roster, and someone met on site.
    phone.page.click("text=Điểm danh")
    people = phone.page.locator("li.person")
    expect(people).to_have_count(3)
    people.filter(has_text="Nguyễn Văn An").get_by_role("button", name="Có mặt").click()
    people.filter(has_text="Trần Thị Bình").get_by_role("button", name="Vắng có phép").click()
    people.filter(has_text="Lê Văn Cường").get_by_role("button", name="Đi muộn").click()
    reason = people.filter(has_text="Trần Thị Bình").locator("input.note")
    reason.fill("Nghỉ phép năm")
    reason.evaluate("e => e.blur()")
    expect(people.filter(has_text="Trần Thị Bình").locator("input.note")).to_have_value(
        "Nghỉ phép năm")
    phone.page.fill("#met-name", "Phạm Thị Dung")
    phone.page.fill("#met-position", "Người dân đến làm thủ tục")
    phone.page.click("#met-add")
    expect(people).to_have_count(4)
    expect(phone.page.locator(".section-progress")).to_contain_text("3/3 đã điểm danh")
    # Present (the late too) of the list, the person met on site apart.
    expect(phone.page.locator("#rollcall-counter strong")).to_have_text("2/3 + 1")

    # Section A: one tap per answer; "Đạt" on an item whose compliant answer is "no" stores "no".
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Không đạt")
    phone.answer("KL-02", "Đạt")
    phone.fill("KL-03", "2")
    expect(phone.page.locator(".section-progress")).to_have_text("Đã trả lời 3/3 · 2 không đạt")
    # The legal basis is one tap away ("Căn cứ"), not printed above every answer.
    basis = phone.item("KL-01").locator("details.basis")
    expect(basis.locator("p")).to_be_hidden()
    basis.locator("summary").click()
    expect(basis.locator("p")).to_have_text(
        "Chỉ thị 26/CT-TTg ngày 05/09/2016 của Thủ tướng Chính phủ")
    expect(phone.item("KL-01").locator(".need-photo")).to_have_text(
        "Mục không đạt cần ảnh minh chứng.")
    phone.attach_photos("KL-01", [
        {"name": "the-cong-chuc.jpg", "mimeType": "image/jpeg", "buffer": jpeg(orientation=6)},
        {"name": "ban-lam-viec.jpg", "mimeType": "image/jpeg",
         "buffer": jpeg((3000, 4000), (20, 90, 160))},
    ])
    expect(phone.item("KL-01").locator(".need-photo")).to_have_count(0)
    phone.item("KL-01").locator("textarea.note").fill("Hai cán bộ một cửa không đeo thẻ")
    phone.item("KL-01").locator("textarea.note").evaluate("e => e.blur()")

    # "Next unanswered" jumps to the next section's first item.
    phone.page.click("#next-unanswered")
    expect(phone.page.locator("h1")).to_contain_text("Niêm yết và một cửa")
    phone.fill("KL-04", "35.5")
    phone.answer("KL-05", "Có nhưng chưa cập nhật")
    phone.fill("KL-06", "Hộp thư góp ý không có sổ theo dõi")
    phone.attach_photos("KL-05", [
        {"name": "niem-yet.jpg", "mimeType": "image/jpeg",
         "buffer": jpeg((1200, 900), (40, 160, 60))},
    ], camera=False)
    # "Next failed" wraps around to the first failed item of the checklist.
    phone.page.click("#next-failed")
    expect(phone.page.locator("h1")).to_contain_text("Giờ giấc và thẻ công chức")

    # The tab is closed and opened again, still offline: everything is still there.
    phone.reopen()
    expect(phone.badge(uuid)).to_contain_text("chỉ trên thiết bị này")
    expect(phone.badge(uuid)).to_contain_text(
        "đang chờ đồng bộ 6 câu trả lời, 3 ảnh, 5 thay đổi khác")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    expect(phone.item("KL-01").locator("figure.thumb")).to_have_count(2)
    expect(phone.item("KL-01").locator("textarea.note")).to_have_value(
        "Hai cán bộ một cửa không đeo thẻ")
    queued = phone.outbox()
    # create, attendance (+ a note), answers (+ a note), photos
    assert len(queued) == 1 + 5 + 6 + 1 + 3

    # Back online: the `online` event starts the sync by itself.
    phone.come_online()
    phone.page.goto("/app#/")
    expect(phone.badge(uuid)).to_have_text("đã đồng bộ")
    assert phone.outbox() == []

    with app.app_context():
        inspections = db.session.scalars(select(Inspection)).all()
        assert [i.uuid for i in inspections if i.status == "in_progress"] == [uuid]
        inspection = inspections[[i.uuid for i in inspections].index(uuid)]
        assert (inspection.round_id, inspection.kind, inspection.created_by_id) == (
            world.round_id, "planned", world.inspector_id)
        answers = {r.item_id: (r.value, r.note) for r in db.session.scalars(
            select(Response).where(Response.inspection_id == inspection.id))}
        assert answers == {
            "KL-01": ("no", "Hai cán bộ một cửa không đeo thẻ"), "KL-02": ("no", None),
            "KL-03": (2, None), "KL-04": (35.5, None), "KL-05": ("outdated", None),
            "KL-06": ("Hộp thư góp ý không có sổ theo dõi", None)}
        rows = db.session.scalars(select(Attendance).where(
            Attendance.inspection_id == inspection.id))
        attendance = sorted((a.full_name, a.status, a.note, a.staff_member_id is None)
                            for a in rows)
        assert attendance == [
            ("Lê Văn Cường", "late", None, False), ("Nguyễn Văn An", "present", None, False),
            ("Phạm Thị Dung", "present", None, True),
            ("Trần Thị Bình", "absent_excused", "Nghỉ phép năm", False)]
        photos = db.session.scalars(select(Photo).where(Photo.inspection_id == inspection.id)).all()
        assert sorted(p.item_id for p in photos) == ["KL-01", "KL-01", "KL-05"]
        for photo in photos:
            assert photo.stored
            data = storage().get(photo_keys.original(photo.sha256))
            assert hashlib.sha256(data).hexdigest() == photo.sha256  # hashed at capture, unchanged
            assert max(photo.width, photo.height) <= 1600
        # The 4000×3000 photo tagged "rotate 90°" is stored upright (1200×1600), its bright corner
        # turned from top-left to top-right; the portrait photo without a tag keeps it top-left.
        sizes = sorted((p.width, p.height) for p in photos)
        assert sizes == [(1200, 900), (1200, 1600), (1200, 1600)]
        corners = sorted(_bright_corner(storage().get(photo_keys.original(p.sha256)))
                         for p in photos if p.item_id == "KL-01")
        assert corners == ["top-left", "top-right"]
        assert db.session.scalar(select(func.count()).select_from(SyncOp)) == len(queued)
        db.session.remove()

    # The service worker cached the shell and nothing of the API.
    cached = phone.page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
        }
        return urls;
    }""")
    assert "/app" in cached and "/static/js/store.js" in cached
    assert not [url for url in cached if url.startswith("/api/")]
    # Nothing was fetched from anywhere but our own server.
    foreign = [u for u in phone.requests if not u.startswith((phone.base_url, "blob:", "data:"))]
    assert foreign == []


def _bright_corner(data: bytes) -> str:
    im = Image.open(io.BytesIO(data)).convert("L")
    w, h = im.size
    corners = {"top-left": (5, 5), "top-right": (w - 6, 5), "bottom-left": (5, h - 6),
               "bottom-right": (w - 6, h - 6)}
    return max(corners, key=lambda k: im.getpixel(corners[k]))
