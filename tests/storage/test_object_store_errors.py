"""Wrong keys, a missing bucket and a cut upload: a clear error, a 503 with a reason for the
phone (which keeps its photo to send again), and nothing lost."""
import hashlib

import pytest

from inspect_app.org import roles
from inspect_app.photos import keys
from inspect_app.storage import StorageUnavailable

from .. import multipart
from ..photos.images import jpeg


def test_wrong_credentials_are_named(object_store):
    store = object_store.storage(object_store.new_bucket(), secret_key="not-the-secret")
    with pytest.raises(StorageUnavailable, match="credentials refused"):
        store.put("k/a", b"x")
    with pytest.raises(StorageUnavailable, match="credentials refused"):
        store.exists("k/a")


def test_a_missing_bucket_is_named(object_store):
    store = object_store.storage("inspect-no-such-bucket")
    for call in (lambda: store.put("k/a", b"x"), lambda: store.exists("k/a"),
                 lambda: store.get("k/a")):
        with pytest.raises(StorageUnavailable, match="does not exist"):
            call()


def test_a_cut_upload_leaves_no_object_and_a_retry_stores_it(object_store, relay):
    bucket = object_store.new_bucket()
    store = object_store.storage(bucket, endpoint=relay.url)
    relay.cut_after = 100_000
    with pytest.raises(StorageUnavailable):
        store.put("photos/aa/big.jpg", b"x" * 500_000)
    assert relay.cuts >= 1
    assert not object_store.storage(bucket).exists("photos/aa/big.jpg")
    relay.cut_after = None
    store.put("photos/aa/big.jpg", b"x" * 500_000)
    assert object_store.storage(bucket).get("photos/aa/big.jpg") == b"x" * 500_000


def test_the_phone_gets_503_with_a_reason_and_sends_again(app, client, login_as, s3_app,
                                                          object_store, relay):
    login_as(roles.INSPECTOR)
    data = jpeg((1024, 768), seed=1701)
    sha = hashlib.sha256(data).hexdigest()
    direct = s3_app
    cut = object_store.storage(s3_app.bucket, "files", endpoint=relay.url)
    app.extensions["storage"] = cut
    relay.cut_after = 200_000  # the thumbnail goes through, the photo is cut
    resp = client.put(f"/api/photos/{sha}", data=data, content_type="image/jpeg")
    assert resp.status_code == 503 and resp.is_json and resp.json["error"]
    assert not direct.exists(keys.original(sha))
    assert client.head(f"/api/photos/{sha}").status_code == 404  # so the phone sends it again

    relay.cut_after = None
    assert client.put(f"/api/photos/{sha}", data=data,
                      content_type="image/jpeg").status_code == 201
    assert direct.exists(keys.original(sha))


@pytest.mark.parametrize("broken", ["credentials", "bucket"])
def test_an_unusable_store_answers_503_never_500(app, client, login_as, s3_app, object_store,
                                                  broken):
    login_as(roles.INSPECTOR)
    earlier = jpeg(seed=1703)
    earlier_sha = hashlib.sha256(earlier).hexdigest()
    assert client.put(f"/api/photos/{earlier_sha}", data=earlier,
                      content_type="image/jpeg").status_code == 201
    app.extensions["storage"] = (
        object_store.storage(s3_app.bucket, secret_key="wrong") if broken == "credentials"
        else object_store.storage("inspect-no-such-bucket"))
    data = jpeg(seed=1702)
    sha = hashlib.sha256(data).hexdigest()
    resp = client.put(f"/api/photos/{sha}", data=data, content_type="image/jpeg")
    assert resp.status_code == 503 and resp.json["error"]
    assert resp.headers["Retry-After"]
    # The refused upload is not recorded as stored: the phone sends it again later.
    assert client.head(f"/api/photos/{sha}").status_code == 404
    # A photo stored before the store broke cannot be read now: 503, not "missing".
    resp = client.get(f"/api/photos/{earlier_sha}")
    assert resp.status_code == 503 and resp.json["error"]


def test_a_batch_cut_after_its_first_photo_is_written_keeps_none_and_is_sent_again(
        app, client, login_as, s3_app, object_store, relay):
    """All or nothing: the first photo's files reached the bucket, but its row rolls back with
    the batch, so the phone, told 503, sends the whole batch again; nothing is stored twice."""
    login_as(roles.INSPECTOR)
    small = jpeg((320, 240), seed=1710)
    big = next(b for b in (jpeg((1024, 768), seed=s) for s in range(1711, 1800))
               if hashlib.sha256(b).hexdigest() > hashlib.sha256(small).hexdigest())
    photos = {hashlib.sha256(b).hexdigest(): b for b in (small, big)}  # stored in hash order
    body, content_type = multipart.form([(sha, "image/jpeg", b) for sha, b in photos.items()])
    app.extensions["storage"] = object_store.storage(s3_app.bucket, "files", endpoint=relay.url)
    relay.cut_after = len(small) + len(big) // 2  # every connection breaks inside the big photo
    resp = client.post("/api/photos/batch", data=body, content_type=content_type)
    assert resp.status_code == 503 and resp.json["error"]
    assert s3_app.exists(keys.original(hashlib.sha256(small).hexdigest()))  # written, not stored
    assert client.post("/api/photos/known", json={"sha256": list(photos)}).json["known"] == []

    relay.cut_after = None
    resp = client.post("/api/photos/batch", data=body, content_type=content_type)
    assert [r["created"] for r in resp.json["results"]] == [True, True]
    assert client.post("/api/photos/known", json={"sha256": list(photos)}).json["known"] == list(
        photos)
