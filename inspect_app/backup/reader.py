"""Reading a device backup (docs/backup-format.md) and checking all of it before anything is used.

A backup is what a device had not yet synced: its outbox (the very ops it would push) and the
bytes of the photos and drawn signatures they name. Everything is checked here, so that a damaged
or foreign file is refused whole and nothing of it reaches the database.
"""
import hashlib
import io
import zipfile
from dataclasses import dataclass, field

from ..inspections import batch

FORMAT = "inspect_app-backup"
VERSION = 1
MANIFEST = "manifest.json"
OPS = "ops.json"
MAX_FILES = 2_000
MAX_TOTAL_BYTES = 1_500_000_000  # unpacked; a phone with 60 photos a day for a month is far below
MAX_RATIO = 200  # packed size × this: anything more is a zip bomb, not photos
SHA256_HEX = frozenset("0123456789abcdef")


class BadBackup(ValueError):
    """The file is not a backup this server can read; the message is Vietnamese."""


@dataclass
class Backup:
    """A checked backup: who made it, on which device, its ops in outbox order, its images."""

    user_id: int
    username: str
    device_id: str | None
    created_at: str
    ops: list[batch.Op]
    images: dict[str, bytes] = field(default_factory=dict)  # sha256 → bytes


def read_backup(data: bytes) -> Backup:
    """Open and check a backup file; raise BadBackup saying what is wrong."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise BadBackup("Tệp không phải bản sao lưu của ứng dụng (không đọc được tệp ZIP). "
                        "Hãy chọn đúng tệp .zip đã xuất từ ứng dụng.") from None
    with archive:
        members = _check_sizes(archive, len(data))
        manifest = _json(archive, members, MANIFEST)
        _check_manifest(manifest)
        listed = _listed_files(manifest)
        for name, digest in listed.items():
            if name not in members:
                raise BadBackup(f"Bản sao lưu thiếu tệp {name}: tệp đã bị hỏng hoặc bị cắt.")
            if hashlib.sha256(_read(archive, name)).hexdigest() != digest:
                raise BadBackup(f"Tệp {name} trong bản sao lưu đã bị thay đổi hoặc hỏng.")
        ops = _ops(_json(archive, members, OPS))
        images = _images(archive, manifest)
    user = manifest["user"]
    return Backup(user_id=user["id"], username=user["username"],
                  device_id=manifest.get("device_id"), created_at=manifest["created_at"],
                  ops=ops, images=images)


def _check_sizes(archive: zipfile.ZipFile, packed: int) -> set[str]:
    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        raise BadBackup(f"Bản sao lưu có quá nhiều tệp (tối đa {MAX_FILES}).")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES or total > max(packed, 1) * MAX_RATIO:
        raise BadBackup("Bản sao lưu quá lớn khi giải nén; đây không phải tệp do ứng dụng tạo.")
    return {i.filename for i in infos}


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, KeyError, EOFError, OSError):
        raise BadBackup(f"Không đọc được tệp {name} trong bản sao lưu: tệp đã bị hỏng.") from None


def _json(archive: zipfile.ZipFile, members: set[str], name: str):
    if name not in members:
        raise BadBackup(f"Tệp không phải bản sao lưu của ứng dụng (thiếu {name}).")
    try:
        return batch.parse_json(_read(archive, name))
    except batch.Malformed:
        raise BadBackup(f"Tệp {name} trong bản sao lưu bị hỏng (không phải JSON).") from None


def _check_manifest(manifest) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BadBackup("Tệp không phải bản sao lưu của ứng dụng kiểm tra.")
    if manifest.get("version") != VERSION:
        raise BadBackup(f"Bản sao lưu phiên bản {manifest.get('version')!r} chưa được hỗ trợ; "
                        f"máy chủ đọc phiên bản {VERSION}. Hãy cập nhật máy chủ.")
    user = manifest.get("user")
    if not (isinstance(user, dict) and isinstance(user.get("id"), int)
            and isinstance(user.get("username"), str)):
        raise BadBackup("Bản sao lưu không ghi người dùng đã tạo ra nó.")
    if not isinstance(manifest.get("created_at"), str):
        raise BadBackup("Bản sao lưu không ghi thời điểm tạo.")
    device = manifest.get("device_id")
    if device is not None and not (isinstance(device, str) and len(device) <= 64):
        raise BadBackup("Mã thiết bị trong bản sao lưu không hợp lệ.")


def _listed_files(manifest: dict) -> dict[str, str]:
    files = manifest.get("files")
    if not (isinstance(files, dict) and OPS in files and all(
            isinstance(k, str) and _is_sha256(v) for k, v in files.items())):
        raise BadBackup("Danh sách tệp trong bản sao lưu không hợp lệ.")
    return files


def _ops(body) -> list[batch.Op]:
    try:
        return batch.parse_batch({"ops": body}, max_ops=None).ops
    except batch.Malformed as err:
        raise BadBackup(f"Danh sách thao tác trong bản sao lưu không hợp lệ: {err}") from None


def _images(archive: zipfile.ZipFile, manifest: dict) -> dict[str, bytes]:
    images = {}
    for entry in manifest.get("images") or ():
        name, digest = (entry.get("file"), entry.get("sha256")) if isinstance(entry, dict) \
            else (None, None)
        if not (isinstance(name, str) and _is_sha256(digest)):
            raise BadBackup("Danh sách ảnh trong bản sao lưu không hợp lệ.")
        if manifest["files"].get(name) != digest:
            raise BadBackup(f"Ảnh {name} không có trong danh sách tệp của bản sao lưu.")
        images[digest] = _read(archive, name)
    return images


def _is_sha256(value) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= SHA256_HEX
