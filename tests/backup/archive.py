"""Backups built the way the device builds them (docs/backup-format.md), for the tests."""
import hashlib
import io
import json
import zipfile


def make_backup(user, ops, images=(), *, device_id="d-backup", manifest_extra=None,
                tamper=None) -> bytes:
    """A backup ZIP of `ops` (outbox order) and `images` (bytes) made by `user`."""
    files = {"ops.json": json.dumps(ops, ensure_ascii=False).encode()}
    listed = []
    for data in images:
        sha = hashlib.sha256(data).hexdigest()
        name = f"images/{sha}.jpg"
        files[name] = data
        listed.append({"file": name, "sha256": sha, "content_type": "image/jpeg"})
    manifest = {"format": "inspect_app-backup", "version": 1, "device_id": device_id,
                "created_at": "2026-11-22T11:00:00Z",
                "user": {"id": user.id, "username": user.username},
                "files": {n: hashlib.sha256(d).hexdigest() for n, d in files.items()},
                "images": listed, **(manifest_extra or {})}
    if tamper:
        files = tamper(files)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()
