"""POST /api/photos/batch: several photos a request, each stored or refused on its own, in
Vietnamese; the same checks, cleaning, audit and authorization as one PUT."""
import hashlib

import pytest
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.org import roles
from inspect_app.photos import keys
from inspect_app.photos.operations import MAX_BATCH

from .. import multipart
from ..concurrency import in_threads, on_postgres
from . import images
from .test_upload import sha, stored_files, uploads


@pytest.fixture
def send(client, photo_store):
    """POST photos as a browser's FormData does: a file part per photo, named by its hash
    unless `name` is given."""

    def post(*photos):
        body, content_type = multipart.form([_part(p) for p in photos])
        return client.post("/api/photos/batch", data=body, content_type=content_type)

    return post


def _part(photo) -> tuple[str, str, bytes]:
    """(part name, media type, bytes) for bytes (a JPEG named by its hash) or for
    (bytes, media type[, part name])."""
    if isinstance(photo, bytes):
        return sha(photo), "image/jpeg", photo
    body, content_type, *name = photo
    return name[0] if name else sha(body), content_type, body


def test_several_photos_are_stored_in_one_request_each_audited(client, login_as, send,
                                                               photo_store, seed):
    login_as(roles.INSPECTOR)
    photos = [images.jpeg(seed=seed), images.png(seed=seed), images.webp(seed=seed)]
    resp = send(*[(p, t) for p, t in zip(photos, ["image/jpeg", "image/png", "image/webp"])])
    assert resp.status_code == 200
    results = resp.get_json()["results"]
    assert [(r["sha256"], r["stored"], r["created"]) for r in results] == [
        (sha(p), True, True) for p in photos]
    assert (results[0]["width"], results[0]["height"]) == (640, 480)
    assert len(stored_files(photo_store)) == 6  # each photo and its thumbnail
    assert sorted(e.details["sha256"] for e in uploads()) == sorted(sha(p) for p in photos)
    for p in photos:
        assert client.head(f"/api/photos/{sha(p)}").status_code == 200


def test_each_unusable_photo_is_refused_with_its_reason_and_the_rest_are_kept(
        client, login_as, send, photo_store, seed):
    login_as(roles.INSPECTOR)
    good = images.jpeg(seed=seed)
    damaged = images.truncated_jpeg(seed=seed)
    cut = images.jpeg(seed=seed + 1)
    resp = send(good, damaged, (images.heic(), "image/heic"),
                (cut[:-100], "image/jpeg", sha(cut)), (good, "image/jpeg", "A" * 64))
    assert resp.status_code == 200
    results = {r["sha256"]: r for r in resp.get_json()["results"]}
    assert results[sha(good)]["stored"] is True
    refused = [(r["status"], r["error"]) for r in results.values() if not r["stored"]]
    assert len(refused) == 4
    expected = {(422, "bị hỏng"), (415, "HEIC"), (400, "bị hỏng khi truyền"), (400, "SHA-256")}
    assert {(status, word) for status, error in refused for s, word in expected
            if status == s and word in error} == expected
    assert stored_files(photo_store) == [f"{sha(good)}.jpg"] * 2  # the photo and its thumbnail
    assert client.head(f"/api/photos/{sha(damaged)}").status_code == 404


def test_a_batch_sent_again_stores_nothing_twice(login_as, send, photo_store, seed):
    login_as(roles.INSPECTOR)
    photos = [images.jpeg(seed=seed), images.jpeg(seed=seed + 1)]
    assert all(r["created"] for r in send(*photos).get_json()["results"])
    again = send(*photos, images.jpeg(seed=seed + 2)).get_json()["results"]
    assert [r["created"] for r in again] == [False, False, True]
    assert len(uploads()) == 3 and len(stored_files(photo_store)) == 6


def test_photo_rows_waiting_for_their_bytes_are_marked_stored_and_their_inspections_stamped(
        login_as, send, make_photo_row, seed):
    login_as(roles.INSPECTOR)
    photos = [images.jpeg(seed=seed), images.jpeg((480, 640), seed=seed + 1)]
    rows = [make_photo_row(sha(p)) for p in photos]
    before = [db.session.get(Inspection, r.inspection_id).updated_at for r in rows]
    send(*photos)
    db.session.expire_all()
    assert [(r.stored, r.width, r.height) for r in rows] == [(True, 640, 480), (True, 480, 640)]
    after = [db.session.get(Inspection, r.inspection_id).updated_at for r in rows]
    assert all(a > b for a, b in zip(after, before))


@pytest.mark.parametrize("kind", ["not multipart", "empty", "too many", "a field, no file"])
def test_a_malformed_batch_is_refused_in_vietnamese(client, login_as, send, photo_store, seed,
                                                   kind):
    login_as(roles.INSPECTOR)
    if kind == "not multipart":
        resp = client.post("/api/photos/batch", data=images.jpeg(seed=seed),
                           content_type="image/jpeg")
    elif kind == "empty":
        resp = send()
    elif kind == "too many":
        resp = send(*[images.jpeg((32, 32), seed=seed + n) for n in range(MAX_BATCH + 1)])
    else:
        body = b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nnot a file\r\n--x--\r\n'
        resp = client.post("/api/photos/batch", data=body,
                           content_type="multipart/form-data; boundary=x")
    assert resp.status_code in (400, 415)
    assert "multipart/form-data" in resp.get_json()["error"]
    assert stored_files(photo_store) == []


def test_a_batch_over_the_request_limit_is_refused_before_it_is_read(app, login_as, send,
                                                                    photo_store, seed,
                                                                    monkeypatch):
    login_as(roles.INSPECTOR)
    photos = [images.jpeg(seed=seed), images.jpeg(seed=seed + 1)]
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", len(photos[0]) + 100)
    resp = send(*photos)
    assert resp.status_code == 413
    assert "Gói ảnh quá lớn" in resp.get_json()["error"]
    assert stored_files(photo_store) == []


def test_a_viewer_may_not_upload_a_batch(login_as, send, photo_store, seed):
    login_as(roles.VIEWER)
    assert send(images.jpeg(seed=seed)).status_code == 403
    assert stored_files(photo_store) == []


def test_a_batch_without_the_csrf_token_is_refused(csrf_enabled, login_as, send, photo_store,
                                                   seed):
    login_as(roles.INSPECTOR)
    resp = send(images.jpeg(seed=seed))
    assert resp.status_code == 400 and "CSRF" in resp.get_json()["error"]
    assert stored_files(photo_store) == []


def test_a_photo_with_gps_is_stored_without_it_under_its_hash(login_as, send, photo_store, seed):
    login_as(roles.INSPECTOR)
    data = images.jpeg_with_gps(seed=seed)
    [result] = send(data).get_json()["results"]
    assert result["stored"] is True
    kept = photo_store.get(keys.original(sha(data)))
    assert b"PhoneCo" not in kept and b"GPS" not in kept
    [event] = uploads()
    assert event.details["metadata_removed"] is True
    assert event.details["stored_sha256"] == hashlib.sha256(kept).hexdigest()


def test_two_hosts_storing_batches_that_share_photos_both_finish(app, photo_store, seed,
                                                                 make_user):
    """Opposite orders at the same moment: rows are claimed in hash order, so neither waits on
    the other for ever (a deadlock PostgreSQL would break by failing one)."""
    if not on_postgres(app):
        pytest.skip("row locks between connections need PostgreSQL (TEST_DATABASE_URL)")
    from inspect_app.org.models import User
    from inspect_app.photos import operations as photo_ops

    user_id = make_user(roles.INSPECTOR).id
    photos = [images.jpeg(seed=seed + n) for n in range(6)]
    parts = [photo_ops.Part(sha(p), "image/jpeg", p) for p in photos]

    def upload(i):
        order = parts if i % 2 else parts[::-1]
        return [r.created for r in photo_ops.store_photos(order, db.session.get(User, user_id))]

    created = in_threads(app, 4, upload)
    assert sum(sum(c) for c in created) == len(photos)  # each stored by exactly one
    assert len(uploads()) == len(photos)
    assert len(stored_files(photo_store)) == 2 * len(photos)
    assert db.session.scalar(select(db.func.count()).select_from(
        photo_ops.PhotoFile)) == len(photos)


def test_a_batch_cut_off_half_way_stores_nothing_and_can_be_sent_again(client, login_as,
                                                                       photo_store, seed):
    login_as(roles.INSPECTOR)
    photos = [images.jpeg(seed=seed), images.jpeg(seed=seed + 1)]
    body, content_type = multipart.form([_part(p) for p in photos])
    # The connection drops: fewer bytes arrive than the Content-Length announced.
    resp = client.post("/api/photos/batch", data=body[: len(body) * 3 // 4],
                       content_type=content_type,
                       environ_overrides={"CONTENT_LENGTH": str(len(body))})
    assert resp.status_code == 400
    assert "gửi lại" in resp.get_json()["error"]
    assert stored_files(photo_store) == [] and uploads() == []
    resp = client.post("/api/photos/batch", data=body, content_type=content_type)
    assert [r["created"] for r in resp.get_json()["results"]] == [True, True]
