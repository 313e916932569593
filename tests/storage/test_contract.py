"""What every storage backend promises, run against local disk and against an S3-compatible
server (moto_server over HTTP, a process of its own)."""
import hashlib
import threading

import pytest

from inspect_app.storage import LocalStorage, ObjectMissing


@pytest.fixture(params=["local", "s3"])
def store(request, tmp_path):
    if request.param == "local":
        return LocalStorage(tmp_path / "store")
    object_store = request.getfixturevalue("object_store")
    return object_store.storage(object_store.new_bucket(), "prefix")


def test_put_then_get_exists_and_delete(store):
    key = "photos/ab/abc.jpg"
    assert not store.exists(key)
    store.put(key, b"\xff\xd8 bytes")
    assert store.exists(key)
    assert store.get(key) == b"\xff\xd8 bytes"
    store.delete(key)
    assert not store.exists(key)
    store.delete(key)  # deleting what is gone is no error


def test_a_missing_object_is_object_missing(store):
    with pytest.raises(ObjectMissing):
        store.get("minutes/00/none.pdf")
    with pytest.raises(ObjectMissing):
        store.open("minutes/00/none.pdf")
    with pytest.raises(ObjectMissing):
        store.recorded_sha256("minutes/00/none.pdf")


def test_put_replaces_and_is_idempotent(store):
    store.put("k/a", b"first")
    store.put("k/a", b"second")
    store.put("k/a", b"second")
    assert store.get("k/a") == b"second"
    assert list(store.keys("k/")) == ["k/a"]


def test_open_streams_the_bytes(store):
    data = bytes(range(256)) * 4096  # 1 MiB
    store.put("documents/1.pdf", data)
    with store.open("documents/1.pdf") as stream:
        parts = iter(lambda: stream.read(65536), b"")
        assert b"".join(parts) == data


def test_keys_lists_sorted_by_prefix(store):
    for key in ["thumbs/01/b.jpg", "photos/02/c.jpg", "photos/01/a.jpg"]:
        store.put(key, key.encode())
    assert list(store.keys()) == ["photos/01/a.jpg", "photos/02/c.jpg", "thumbs/01/b.jpg"]
    assert list(store.keys("photos/")) == ["photos/01/a.jpg", "photos/02/c.jpg"]


def test_local_files_gives_readable_files_of_the_objects(store):
    store.put("photos/aa/x.jpg", b"picture")
    with store.local_files() as path_of:
        assert path_of("photos/aa/x.jpg").read_bytes() == b"picture"
        with pytest.raises(ObjectMissing):
            path_of("photos/aa/missing.jpg")


def test_the_recorded_hash_is_that_of_the_bytes_where_recorded(store):
    store.put("k/h", b"hashed")
    recorded = store.recorded_sha256("k/h")
    assert recorded in (None, hashlib.sha256(b"hashed").hexdigest())
    if not isinstance(store, LocalStorage):
        assert recorded is not None


def test_a_key_leaving_the_store_is_refused(store):
    with pytest.raises(ValueError):
        store.put("../outside", b"x")


def test_readers_never_see_half_an_object(store):
    """While one writer replaces an object again and again, every read is one whole version."""
    versions = [bytes([i]) * 300_000 for i in range(4)]
    store.put("k/big", versions[0])
    stop = threading.Event()

    def write():
        i = 0
        while not stop.is_set():
            i += 1
            store.put("k/big", versions[i % 4])

    writer = threading.Thread(target=write)
    writer.start()
    try:
        seen = [store.get("k/big") for _ in range(15)]
    finally:
        stop.set()
        writer.join()
    assert all(data in versions for data in seen)
