"""Photo mark-up on site, offline: the inspector draws on a copy; the original stays as taken;
both reach the server, linked, each under its own hash."""
from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.photos import keys as photo_keys
from inspect_app.photos.models import Photo
from inspect_app.storage import storage

from ..minutes.conftest import pdftotext
from .conftest import jpeg
from .test_minutes import _draft, _sign

ROWS = """async () => {
  const { getAll } = await import('/static/js/store.js');
  const { sha256Hex } = await import('/static/js/photos.js');
  return Promise.all((await getAll('photos')).map(async (p) => ({
    sha256: p.sha256, actual: await sha256Hex(p.blob), markup_of: p.markup_of || null })));
}"""


def _drag(page, canvas, start, end, steps=8):
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] * start[0], box["y"] + box["height"] * start[1])
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * end[0], box["y"] + box["height"] * end[1],
                    steps=steps)
    page.mouse.up()


def _mark_up(phone, item_id: str) -> None:
    """Open the editor on the item's photo, draw an arrow, save."""
    phone.item(item_id).get_by_role("button", name="Đánh dấu").click()
    editor = phone.page.locator(".markup-editor")
    editor.get_by_role("button", name="Mũi tên").click()
    _drag(phone.page, editor.locator("canvas"), (0.8, 0.8), (0.5, 0.5))
    editor.get_by_role("button", name="Lưu").click()
    expect(phone.item(item_id).locator("figure.thumb")).to_have_count(2)


def _failed_item_with_photo(phone) -> str:
    """Offline: KL-01 failed with one photo; the inspection's uuid."""
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Không đạt")
    phone.attach_photos("KL-01", [{"name": "a.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}])
    return uuid


def test_photo_marked_up_offline_reaches_the_server_with_both_hashes(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    page = phone.page
    uuid = _failed_item_with_photo(phone)
    [before] = page.evaluate(ROWS)

    phone.item("KL-01").get_by_role("button", name="Đánh dấu").click()
    editor = page.locator(".markup-editor")
    expect(editor).to_be_visible()
    canvas = editor.locator("canvas")
    editor.get_by_role("button", name="Vẽ tự do").click()
    _drag(page, canvas, (0.1, 0.1), (0.3, 0.4))
    editor.get_by_role("button", name="Mũi tên").click()
    _drag(page, canvas, (0.8, 0.8), (0.5, 0.5))
    editor.get_by_role("button", name="Khoanh tròn").click()
    _drag(page, canvas, (0.4, 0.4), (0.6, 0.6))
    editor.get_by_role("button", name="Chữ", exact=True).click()
    editor.locator(".markup-text").fill("Không đeo thẻ")
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.7)
    # One step undone, then drawn again: undo takes only the last shape.
    editor.get_by_role("button", name="Hoàn tác").click()
    page.mouse.click(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.7)
    editor.get_by_role("button", name="Lưu").click()
    expect(editor).to_have_count(0)

    thumbs = phone.item("KL-01").locator("figure.thumb")
    expect(thumbs).to_have_count(2)
    expect(thumbs.filter(has_text="đã đánh dấu")).to_have_count(1)
    rows = page.evaluate(ROWS)
    assert before in rows  # the original: same bytes, same hash
    [marked] = [r for r in rows if r["markup_of"]]
    assert marked["markup_of"] == before["sha256"] and marked["sha256"] != before["sha256"]
    assert all(r["sha256"] == r["actual"] for r in rows)  # each hash names its own bytes

    phone.come_online()
    assert phone.outbox() == []
    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        photos = {p.sha256: p for p in db.session.scalars(
            select(Photo).where(Photo.inspection_id == inspection.id))}
        assert set(photos) == {before["sha256"], marked["sha256"]}
        assert photos[marked["sha256"]].markup_of_sha256 == before["sha256"]
        assert photos[before["sha256"]].markup_of_sha256 is None
        assert all(p.stored and storage().exists(photo_keys.original(sha))
                   for sha, p in photos.items())


def test_minutes_show_the_marked_up_photo_and_both_hashes(app, devices, world):
    phone = devices("truongdoan").sign_in()
    page = phone.page
    uuid = _failed_item_with_photo(phone)
    _mark_up(phone, "KL-01")
    rows = page.evaluate(ROWS)
    [original] = [r["sha256"] for r in rows if not r["markup_of"]]
    [marked] = [r["sha256"] for r in rows if r["markup_of"]]
    page.goto(f"/app#/i/{uuid}")
    page.get_by_role("button", name="Kết thúc kiểm tra", exact=True).click()
    page.get_by_role("button", name="Xác nhận kết thúc kiểm tra").click()
    page.get_by_role("link", name="Lập biên bản", exact=True).click()
    _draft(phone, uuid)
    expect(page.locator(".minutes-doc")).to_contain_text("Phụ lục: 1 ảnh minh chứng.")
    _sign(phone)

    phone.come_online()
    page.goto(f"/app#/i/{uuid}")
    expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "issued")
    pdf = page.request.get(page.locator("#minutes-pdf").get_attribute("href"))
    text = " ".join(pdftotext(pdf.body()).split())
    assert f"SHA-256 ảnh gốc: {original[:32]} {original[32:]}" in text
    assert f"SHA-256 ảnh đã đánh dấu: {marked[:32]} {marked[32:]}" in text
