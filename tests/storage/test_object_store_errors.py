"""Wrong keys, a missing bucket and a cut upload: a clear error, a 503 with a reason for the
phone (which keeps its photo to send again), and nothing lost."""
import hashlib

import pytest

from inspect_app.org import roles
from inspect_app.photos import keys
from inspect_app.storage import StorageUnavailable

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
