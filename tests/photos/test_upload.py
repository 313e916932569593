"""PUT and HEAD /api/photos/<sha256>: checked, cleaned, stored once, refused in Vietnamese."""
import hashlib
import io

import pytest
from PIL import ExifTags, Image
from sqlalchemy import select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.org import roles
from inspect_app.photos import keys

from ..concurrency import in_threads, on_postgres
from . import images


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_files(store) -> list:
    return sorted(p.name for p in store.root.rglob("*") if p.is_file())


def uploads() -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "photo.uploaded")))


@pytest.mark.parametrize("role", [roles.ADMIN, roles.LEAD, roles.INSPECTOR, roles.UNIT_HEAD])
def test_field_roles_and_unit_heads_may_upload(login_as, put_photo, seed, role):
    login_as(role)
    data = images.jpeg(seed=seed)
    resp = put_photo(data)
    assert resp.status_code == 201
    assert resp.get_json() == {"sha256": sha(data), "width": 640, "height": 480, "stored": True}


def test_viewer_may_not_upload(login_as, put_photo, photo_store, seed):
    login_as(roles.VIEWER)
    resp = put_photo(images.jpeg(seed=seed))
    assert resp.status_code == 403
    assert stored_files(photo_store) == []


def test_anonymous_upload_is_told_to_sign_in(client, put_photo, seed):
    resp = put_photo(images.jpeg(seed=seed))
    assert resp.status_code == 401
    assert resp.get_json()["error"] == "Bạn cần đăng nhập."


def test_head_says_404_before_and_200_after_upload(client, login_as, put_photo, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    assert client.head(f"/api/photos/{sha(data)}").status_code == 404
    put_photo(data)
    assert client.head(f"/api/photos/{sha(data)}").status_code == 200


def test_sending_a_photo_again_stores_one_photo_and_answers_200(login_as, put_photo, photo_store,
                                                                 seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    first, again = put_photo(data), put_photo(data)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    assert stored_files(photo_store) == [f"{sha(data)}.jpg", f"{sha(data)}.jpg"]  # photo + thumb
    assert len(uploads()) == 1


def test_upload_is_audited_with_its_hash(login_as, put_photo, seed):
    user = login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    put_photo(data)
    (event,) = uploads()
    assert event.user_id == user.id
    assert event.details["sha256"] == sha(data)
    assert "metadata_removed" not in event.details


def test_stored_photo_and_thumbnail_carry_no_exif_gps_or_comment(login_as, put_photo,
                                                                   photo_store, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg_with_gps(seed=seed)
    assert put_photo(data).status_code == 201
    for key in (keys.original(sha(data)), keys.thumbnail(sha(data))):
        stored = photo_store.get(key)
        im = Image.open(io.BytesIO(stored))
        assert dict(im.getexif()) == {}, key
        assert im.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
        assert "comment" not in im.info and b"PhoneCo" not in stored


@pytest.mark.parametrize("make", [images.jpeg_stray_byte_before_exif,
                                  images.jpeg_truncated_segment, images.jpeg_two_exif_segments,
                                  images.jpeg_with_xmp])
def test_malformed_jpeg_is_stored_without_its_gps(login_as, put_photo, photo_store, seed, make):
    login_as(roles.INSPECTOR)
    data = make(seed=seed)
    assert put_photo(data).status_code == 201
    stored = photo_store.get(keys.original(sha(data)))
    im = Image.open(io.BytesIO(stored))
    assert dict(im.getexif()) == {} and "xmp" not in im.info
    assert not [s for s in (b"Exif\0", b"PhoneCo", b"xmpmeta", b"GPSLatitude") if s in stored]


def test_photo_stripped_of_metadata_stays_under_the_uploaded_hash_and_says_so(
        login_as, put_photo, photo_store, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg_with_gps(seed=seed)
    put_photo(data)
    stored = photo_store.get(keys.original(sha(data)))
    assert stored != data
    (event,) = uploads()
    assert event.details["metadata_removed"] is True
    assert event.details["stored_sha256"] == sha(stored)


def test_clean_photo_is_stored_byte_for_byte(login_as, put_photo, photo_store, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    put_photo(data)
    assert photo_store.get(keys.original(sha(data))) == data


def test_thumbnail_is_a_small_jpeg(login_as, put_photo, photo_store, seed):
    login_as(roles.INSPECTOR)
    data = images.png(size=(1200, 900), seed=seed)
    assert put_photo(data, content_type="image/png").status_code == 201
    thumb = Image.open(io.BytesIO(photo_store.get(keys.thumbnail(sha(data)))))
    assert (thumb.format, thumb.size) == ("JPEG", (400, 300))


def test_sideways_photo_is_stored_upright(login_as, put_photo, photo_store, seed):
    login_as(roles.INSPECTOR)
    data = images.sideways_jpeg(seed=seed)
    resp = put_photo(data)
    assert (resp.get_json()["width"], resp.get_json()["height"]) == (200, 400)
    stored = Image.open(io.BytesIO(photo_store.get(keys.original(sha(data)))))
    assert stored.size == (200, 400) and dict(stored.getexif()) == {}
    thumb = Image.open(io.BytesIO(photo_store.get(keys.thumbnail(sha(data)))))
    assert thumb.size == (200, 400)  # upright, like the original


def test_upload_marks_photo_rows_with_that_hash_as_stored(login_as, put_photo, make_photo_row,
                                                          seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    rows = [make_photo_row(sha(data)), make_photo_row(sha(data))]
    other = make_photo_row(sha(images.jpeg(seed=seed + 10_000)))
    put_photo(data)
    for row in rows:
        db.session.refresh(row)
        assert (row.stored, row.width, row.height, row.size_bytes, row.content_type) == (
            True, 640, 480, len(data), "image/jpeg")
    db.session.refresh(other)
    assert other.stored is False


def test_hash_mismatch_is_refused_as_damaged_in_transit(login_as, put_photo, photo_store, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    resp = put_photo(data[:-100], sha256=sha(data))
    assert resp.status_code == 400
    assert "bị hỏng khi truyền" in resp.get_json()["error"]
    assert stored_files(photo_store) == []


def test_upload_cut_off_half_way_leaves_nothing_and_can_be_sent_again(client, login_as, put_photo,
                                                                     photo_store, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    # The connection drops: fewer bytes arrive than the Content-Length announced.
    resp = put_photo(data[: len(data) // 2], sha256=sha(data),
                     environ_overrides={"CONTENT_LENGTH": str(len(data))})
    assert resp.status_code == 400
    assert "gửi lại" in resp.get_json()["error"]
    assert stored_files(photo_store) == []
    assert client.head(f"/api/photos/{sha(data)}").status_code == 404
    assert put_photo(data).status_code == 201
    assert len(stored_files(photo_store)) == 2


@pytest.mark.parametrize("bad", ["abc", "A" * 64, "g" * 64, "0" * 63, "0" * 65])
def test_malformed_hash_is_refused(login_as, put_photo, bad, seed):
    login_as(roles.INSPECTOR)
    resp = put_photo(images.jpeg(seed=seed), sha256=bad)
    assert resp.status_code == 400
    assert "SHA-256" in resp.get_json()["error"]


@pytest.mark.parametrize("make,content_type,status,words", [
    (lambda: images.TEXT_FILE, "image/jpeg", 415, "không phải là ảnh"),
    (images.gif, "image/jpeg", 415, "GIF"),
    (images.heic, "image/jpeg", 415, "HEIC"),
    (images.heic, "image/heic", 415, "HEIC"),
    (images.jpeg, "text/plain", 415, "Chỉ nhận ảnh JPEG, PNG hoặc WebP"),
    (images.truncated_jpeg, "image/jpeg", 422, "bị hỏng"),
    (lambda: images.png_header_only(30000, 30000), "image/png", 422, "triệu điểm ảnh"),
    (images.real_png_bomb, "image/png", 422, "triệu điểm ảnh"),
    (images.strip_1x50000, "image/png", 422, "bất thường"),
    (lambda: b"", "image/jpeg", 400, "rỗng"),
])
def test_unusable_upload_is_refused_with_a_reason_in_vietnamese(
        login_as, put_photo, photo_store, make, content_type, status, words):
    login_as(roles.INSPECTOR)
    resp = put_photo(make(), content_type=content_type)
    assert resp.status_code == status
    assert words in resp.get_json()["error"]
    assert stored_files(photo_store) == []


def test_photo_over_the_configured_limit_is_refused_as_too_large(app, login_as, put_photo,
                                                                 monkeypatch, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    monkeypatch.setitem(app.config, "PHOTO_MAX_BYTES", len(data) - 1)
    resp = put_photo(data)
    assert resp.status_code == 413
    assert "quá lớn" in resp.get_json()["error"]


def test_upload_without_the_csrf_token_is_refused(csrf_enabled, login_as, put_photo, photo_store,
                                                  seed):
    login_as(roles.INSPECTOR)
    resp = put_photo(images.jpeg(seed=seed))
    assert resp.status_code == 400
    assert "CSRF" in resp.get_json()["error"]
    assert stored_files(photo_store) == []


def test_known_lists_the_stored_photos_among_those_asked(client, login_as, put_photo, seed):
    login_as(roles.INSPECTOR)
    stored, new = images.jpeg(seed=seed), images.jpeg(seed=seed + 1)
    put_photo(stored)
    resp = client.post("/api/photos/known", json={"sha256": [sha(new), sha(stored), sha(stored)]})
    assert resp.status_code == 200
    assert resp.get_json() == {"known": [sha(stored)]}


@pytest.mark.parametrize("body", [{}, {"sha256": "ab" * 32}, {"sha256": ["AB" * 32]},
                                  {"sha256": ["ab" * 32] * 501}, ["ab" * 32]])
def test_known_refuses_a_malformed_list_in_vietnamese(client, login_as, body):
    login_as(roles.INSPECTOR)
    resp = client.post("/api/photos/known", json=body)
    assert resp.status_code == 400
    assert "mã SHA-256" in resp.get_json()["error"]


def test_known_hides_another_units_photo_from_a_unit_head(client, login_as, put_photo, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg(seed=seed)
    put_photo(data)
    login_as(roles.UNIT_HEAD)
    assert client.post("/api/photos/known", json={"sha256": [sha(data)]}).get_json() == {"known": []}


def test_the_same_photo_reaching_three_hosts_at_once_is_stored_once(app, photo_store, seed,
                                                                     make_user):
    if not on_postgres(app):
        pytest.skip("row locks between connections need PostgreSQL (TEST_DATABASE_URL)")
    from inspect_app.org.models import User
    from inspect_app.photos import operations as photo_ops

    user_id = make_user(roles.INSPECTOR).id
    data = images.encode(images.picture(seed=seed))

    def upload(_i):
        result = photo_ops.store_photo(sha(data), data, db.session.get(User, user_id))
        return result.created

    assert sorted(in_threads(app, 3, upload)) == [False, False, True]
    assert len(uploads()) == 1
    assert photo_ops.is_stored(sha(data))
