"""Photos that are not what a phone camera gives: the device converts or shrinks what it can and
says, on the item, what it cannot use; what the server still refuses is said on the item too."""
import io

from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.photos import keys as photo_keys
from inspect_app.photos.models import Photo
from inspect_app.storage import storage

from .conftest import PHOTO_MAX_BYTES


def _image(size, fmt="JPEG", noise=False, **options) -> bytes:
    im = (Image.effect_noise(size, 120).convert("RGB") if noise
          else Image.new("RGB", size, (60, 120, 180)))
    buf = io.BytesIO()
    im.save(buf, fmt, **options)
    return buf.getvalue()


def test_odd_images_are_converted_shrunk_or_explained_on_the_item(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    item = phone.item("KL-01")
    item.locator("details.more summary").click()

    # From the gallery at once: a PNG screenshot, a huge scan, an iPhone HEIC, a 1×50000 strip.
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(200)
    item.locator("input.gallery").set_input_files([
        {"name": "chup-man-hinh.png", "mimeType": "image/png", "buffer": _image((1200, 2400), "PNG")},
        {"name": "ban-scan.jpg", "mimeType": "image/jpeg", "buffer": _image((9000, 6000))},
        {"name": "IMG_0412.HEIC", "mimeType": "image/heic", "buffer": heic},
        {"name": "dai.png", "mimeType": "image/png", "buffer": _image((1, 50000), "PNG")},
    ])
    expect(item.locator("figure.thumb")).to_have_count(2, timeout=20_000)
    problems = item.locator(".photo-problems li")
    expect(problems).to_have_count(2)
    expect(problems.nth(0)).to_contain_text("Không dùng được tệp IMG_0412.HEIC: ảnh định dạng HEIC")
    expect(problems.nth(0)).to_contain_text("Tương thích nhất")
    expect(problems.nth(1)).to_contain_text(
        "Không dùng được tệp dai.png: ảnh có kích thước bất thường (1×50000 điểm ảnh)")
    stored = phone.page.evaluate("""async () => (await (await import('/static/js/store.js'))
        .getAll('photos')).map((p) => [p.type, p.blob.type, p.width, p.height])""")
    assert sorted(stored) == [["image/jpeg", "image/jpeg", 800, 1600],
                              ["image/jpeg", "image/jpeg", 1600, 1067]]

    # A photo the device keeps but the server refuses (over this office's limit): on the item.
    phone.item("KL-02").locator("details.more summary").click()
    phone.item("KL-02").locator("input.camera").set_input_files(
        {"name": "nhieu-chi-tiet.png", "mimeType": "image/png",
         "buffer": _image((1600, 1600), "PNG", noise=True)})
    expect(phone.item("KL-02").locator("figure.thumb")).to_have_count(1, timeout=20_000)
    size = phone.page.evaluate("""async () => (await (await import('/static/js/store.js'))
        .getAll('photos')).find((p) => p.item_id === 'KL-02').blob.size""")
    assert size > PHOTO_MAX_BYTES

    phone.online()
    phone.sync()
    caption = phone.item("KL-02").locator("figcaption.error")
    expect(caption).to_contain_text("Máy chủ không nhận ảnh này: Ảnh quá lớn")
    expect(caption).to_contain_text("hãy xoá và chụp lại")
    expect(phone.item("KL-01").locator("figcaption.error")).to_have_count(0)
    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        held = sorted((p.item_id, storage().exists(photo_keys.original(p.sha256)))
                      for p in db.session.scalars(
                          select(Photo).where(Photo.inspection_id == inspection.id)))
        assert held == [("KL-01", True), ("KL-01", True), ("KL-02", False)]
