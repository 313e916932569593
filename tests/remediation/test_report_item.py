"""A unit head reports on an item with text and a photo, from a phone or a desk."""
import hashlib
import io
import re

from PIL import ExifTags, Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.photos import keys
from inspect_app.photos.models import Photo
from inspect_app.storage import storage

from ..photos.images import jpeg, jpeg_with_gps


def _post(client, item, text="Đã niêm yết lại đủ 42 thủ tục theo Quyết định mới.",
          photo=None, name="anh.jpg", **extra):
    data = {"text": text, **extra}
    if photo is not None:
        data["photo"] = FileStorage(io.BytesIO(photo), filename=name)
    # Encoded in memory: the test client spools a body over 500 kB to a file it never closes.
    boundary, body = encode_multipart(data)
    return client.post(f"/remediation/items/{item.id}", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


def test_report_with_a_phone_photo_stores_it_clean_and_small(client, sign_in, unit_head,
                                                             make_item):
    item = make_item(unit_head.unit)
    sign_in(unit_head)
    original = jpeg_with_gps(size=(3200, 2400))  # a phone's photo, GPS in its EXIF
    resp = _post(client, item, photo=original)
    assert resp.status_code == 302, resp.get_data(as_text=True)

    assert item.state == "reported" and item.reported_at is not None
    assert item.report_text == "Đã niêm yết lại đủ 42 thủ tục theo Quyết định mới."
    photo = db.session.scalar(select(Photo).where(Photo.remediation_item_id == item.id))
    assert photo.stored and photo.uploaded_by_id == unit_head.id
    assert max(photo.width, photo.height) == 1600
    kept = storage().get(keys.original(photo.sha256))
    assert hashlib.sha256(kept).hexdigest() == photo.sha256  # content-addressed
    with Image.open(io.BytesIO(kept)) as im:
        assert im.size == (1600, 1200)
        assert ExifTags.IFD.GPSInfo not in im.getexif()
    assert b"PhoneCo" not in kept and b"Nguyen Van A" not in kept
    assert storage().exists(keys.thumbnail(photo.sha256))

    [event] = item.events
    assert (event.kind, event.from_state, event.to_state) == ("reported", "open", "reported")
    assert event.user_id == unit_head.id
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"photo.uploaded", "remediation.reported"} <= actions
    page = client.get(f"/remediation/items/{item.id}").get_data(as_text=True)
    assert f"/api/photos/{photo.sha256}/thumb" in page
    assert client.get(f"/api/photos/{photo.sha256}/thumb").status_code == 200


def test_small_png_is_kept_as_sent(client, sign_in, unit_head, make_item):
    item = make_item(unit_head.unit)
    sign_in(unit_head)
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (20, 120, 40)).save(buf, "PNG")
    assert _post(client, item, photo=buf.getvalue(), name="bang.png").status_code == 302
    photo = db.session.scalar(select(Photo))
    assert photo.content_type == "image/png" and (photo.width, photo.height) == (400, 300)


def test_a_file_that_is_not_an_image_is_refused_with_a_message(client, sign_in, unit_head,
                                                               make_item):
    item = make_item(unit_head.unit)
    sign_in(unit_head)
    resp = _post(client, item, text="Đã làm xong", photo=b"%PDF-1.4 not a photo",
                 name="bien-ban.pdf")
    assert resp.status_code == 400
    html = resp.get_data(as_text=True)
    assert "Tệp gửi lên không phải là ảnh. Chỉ nhận ảnh JPEG, PNG hoặc WebP." in html
    assert "Đã làm xong" in html  # what was typed is still there
    assert item.state == "open" and not item.events
    assert db.session.scalar(select(Photo)) is None


def test_a_bad_photo_loses_nothing_already_reported(client, sign_in, unit_head, make_item):
    item = make_item(unit_head.unit)
    sign_in(unit_head)
    assert _post(client, item, text="Lần 1", photo=jpeg(seed=3)).status_code == 302
    first_at = item.reported_at
    truncated = jpeg(seed=4)[:2000]
    resp = _post(client, item, text="Lần 2", photo=truncated)
    assert resp.status_code == 400
    assert "Ảnh bị hỏng hoặc không đầy đủ" in resp.get_data(as_text=True)
    db.session.refresh(item)
    assert item.report_text == "Lần 1" and item.reported_at == first_at
    assert len(item.events) == 1
    assert len(db.session.scalars(select(Photo)).all()) == 1


def test_text_is_required(client, sign_in, unit_head, make_item):
    item = make_item(unit_head.unit)
    sign_in(unit_head)
    resp = _post(client, item, text="   ", photo=jpeg())
    assert resp.status_code == 400
    assert "Hãy mô tả việc đơn vị đã làm để khắc phục." in resp.get_data(as_text=True)
    assert item.state == "open"


def test_report_without_photo_and_a_reopened_item_can_be_reported_again(
        client, sign_in, unit_head, make_item):
    item = make_item(unit_head.unit, state="reopened", reopen_reason="Thiếu ảnh")
    sign_in(unit_head)
    assert _post(client, item, text="Đã bổ sung").status_code == 302
    assert item.state == "reported"
    assert item.events[-1].from_state == "reopened"


def test_a_verified_item_takes_no_more_reports(client, sign_in, unit_head, make_item):
    item = make_item(unit_head.unit, state="verified")
    sign_in(unit_head)
    page = client.get(f"/remediation/items/{item.id}").get_data(as_text=True)
    assert "đã xác nhận yêu cầu này hoàn thành" in page and 'type="file"' not in page
    resp = _post(client, item, text="Thêm")
    assert resp.status_code == 400
    assert item.state == "verified" and not item.events


def test_the_form_works_from_a_phone_camera_with_csrf(client, sign_in, unit_head, make_item,
                                                     csrf_enabled):
    item = make_item(unit_head.unit)
    sign_in(unit_head)
    page = client.get(f"/remediation/items/{item.id}").get_data(as_text=True)
    assert re.search(r'<input[^>]*accept="image/\*"[^>]*capture="environment"', page) or \
        re.search(r'<input[^>]*capture="environment"[^>]*accept="image/\*"', page)
    assert 'enctype="multipart/form-data"' in page
    assert 'name="viewport"' in page
    assert _post(client, item, photo=jpeg()).status_code == 400  # no token: refused
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert _post(client, item, photo=jpeg(), csrf_token=token).status_code == 302
    assert item.state == "reported"


def test_too_big_or_heic_photos_get_a_message_not_an_error(app, client, sign_in, unit_head,
                                                          make_item):
    item = make_item(unit_head.unit)
    sign_in(unit_head)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    resp = _post(client, item, photo=heic, name="IMG_0001.HEIC")
    assert resp.status_code == 400 and "HEIC/HEIF/AVIF" in resp.get_data(as_text=True)
    app.config["PHOTO_MAX_BYTES"] = 2000
    try:
        resp = _post(client, item, photo=jpeg(size=(640, 480)))
    finally:
        del app.config["PHOTO_MAX_BYTES"]
    assert resp.status_code == 400
    assert "Ảnh quá lớn" in resp.get_data(as_text=True)
    assert item.state == "open"
