"""`flask storage copy-to` (resumable, idempotent, hash-checked) and `flask storage check`."""
import hashlib

from inspect_app.storage import LocalStorage


def test_copy_to_then_again_then_check(app, object_store, tmp_path, monkeypatch):
    local = LocalStorage(tmp_path / "local")
    monkeypatch.setitem(app.extensions, "storage", local)
    pdf = b"%PDF-1.4 minutes"
    sha = hashlib.sha256(pdf).hexdigest()
    local.put(f"minutes/{sha[:2]}/{sha}.pdf", pdf)
    local.put("photos/aa/aa11.jpg", b"photo")
    local.put(f"documents/{'0' * 2}/{'0' * 64}.pdf", b"damaged: not what its name says")
    bucket = object_store.new_bucket()
    for name, value in object_store.config(bucket).items():
        monkeypatch.setitem(app.config, name, value)
    runner = app.test_cli_runner()

    first = runner.invoke(args=["storage", "copy-to", f"s3://{bucket}/files"])
    assert first.exit_code == 3, first.output
    assert "2 copied, 0 already there" in first.output and "differs from its name" in first.output
    target = object_store.storage(bucket, "files")
    assert target.get(f"minutes/{sha[:2]}/{sha}.pdf") == pdf

    again = runner.invoke(args=["storage", "copy-to", f"s3://{bucket}/files"])
    assert "0 copied, 2 already there" in again.output

    monkeypatch.setitem(app.extensions, "storage", target)
    checked = runner.invoke(args=["storage", "check"])
    assert checked.exit_code == 0 and "2 verified" in checked.output and "0 damaged" in checked.output
    target.put("photos/aa/aa11.jpg", b"photo")  # fine: recorded again with its own hash
    object_store.client().put_object(Bucket=bucket, Key="files/photos/aa/aa11.jpg", Body=b"rot",
                                     Metadata={"sha256": hashlib.sha256(b"photo").hexdigest()})
    damaged = runner.invoke(args=["storage", "check"])
    assert damaged.exit_code == 3 and "photos/aa/aa11.jpg" in damaged.output


def test_copy_to_a_missing_bucket_is_a_clear_error(app, object_store, monkeypatch):
    for name, value in object_store.config("inspect-nope").items():
        monkeypatch.setitem(app.config, name, value)
    result = app.test_cli_runner().invoke(args=["storage", "copy-to", "s3://inspect-nope/x"])
    assert result.exit_code != 0 and "does not exist" in result.output
