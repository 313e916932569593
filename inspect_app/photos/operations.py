"""Storing uploaded photo bytes, and who may see them. See docs/sync-protocol.md, "Photos".

Hash rule: a photo is stored under the SHA-256 the device computed over the bytes it sent, which is
the evidence hash recorded at capture (the `photo.add` op carries the same value). Usually the
stored file is exactly those bytes. When they carry metadata (Safari's canvas writes a small EXIF
block; other clients may send a phone's GPS) the server stores them without it, still under the
uploaded hash: refusing would strand every iPhone photo in the outbox, and renaming the file would
break the link from the Photo rows. Such an upload is marked in its `photo.uploaded` audit event
with `metadata_removed` and the `stored_sha256` of the file actually kept. Removing metadata never
touches pixel data, except for a file relying on an EXIF rotation (see processing.clean_original).
"""
import hashlib
import re
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import or_, select, update

from .. import audit
from ..errors import NotFound, Refused
from ..extensions import db
from ..inspections.models import Inspection
from ..org import roles
from ..remediation.models import RemediationItem
from ..storage import storage
from ..timeutil import utcnow
from . import keys, processing
from .models import Photo

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000

BAD_SHA = "Mã SHA-256 của ảnh không hợp lệ: cần đúng 64 ký tự 0-9, a-f (chữ thường)."
TRANSFER_BROKEN = "Ảnh bị hỏng khi truyền (mã SHA-256 không khớp), hãy gửi lại."
NOT_FOUND = "Không tìm thấy ảnh."

# How each kind of refusal reads in HTTP.
STATUS = {"empty": 400, "too_large": 413, "unsupported": 415, "damaged": 422, "bomb": 422,
          "shape": 422}

# Hashes one POST /api/photos/known may ask about: more than a device's outbox holds at once.
MAX_KNOWN = 500

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class StoredPhoto:
    sha256: str
    width: int
    height: int
    size_bytes: int
    content_type: str
    created: bool  # False: the server already had these bytes


def is_sha256(value: str) -> bool:
    """A well-formed lowercase SHA-256 hex digest."""
    return bool(_SHA256.fullmatch(value))


def check_sha256(sha256: str) -> str:
    """The hash if it is a well-formed lowercase SHA-256 hex digest; Refused (400) otherwise."""
    if not is_sha256(sha256):
        raise Refused(BAD_SHA, status=400)
    return sha256


def max_bytes() -> int:
    return int(current_app.config.get("PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_pixels() -> int:
    return int(current_app.config.get("PHOTO_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def store_photo(sha256: str, data: bytes, user) -> StoredPhoto:
    """Check, clean and store uploaded photo bytes under their hash; idempotent."""
    check_sha256(sha256)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise Refused(TRANSFER_BROKEN, status=400)
    try:
        info = processing.inspect(data, max_bytes=max_bytes(), max_pixels=max_pixels(),
                                  thumbnail_px=processing.THUMBNAIL_PX)
    except processing.PhotoRejected as rejected:
        raise Refused(rejected.reason, status=STATUS[rejected.kind])
    cleaned = processing.clean_original(data, info)

    store = storage()
    created = not store.exists(keys.original(sha256))
    if created or not store.exists(keys.thumbnail(sha256)):
        store.put(keys.thumbnail(sha256), info.thumbnail)
    if created:
        # Written last: its presence is what HEAD reports, so a request cut off before this line
        # leaves the photo "not stored" and the device sends it again.
        store.put(keys.original(sha256), cleaned)

    result = StoredPhoto(sha256=sha256, width=info.width, height=info.height,
                         size_bytes=len(cleaned), content_type=info.content_type, created=created)
    # Rows whose photo.add arrived first learn that the bytes are here, and their inspections
    # are stamped: the pull finds changes by that stamp, and the team's other devices should
    # see the photo as stored.
    waiting = select(Photo.inspection_id).where(
        Photo.sha256 == sha256, Photo.stored.is_(False), Photo.inspection_id.is_not(None))
    db.session.execute(update(Inspection).where(Inspection.id.in_(waiting))
                       .values(updated_at=utcnow()))
    db.session.execute(
        update(Photo).where(Photo.sha256 == sha256).values(
            stored=True, width=result.width, height=result.height,
            size_bytes=result.size_bytes, content_type=result.content_type))
    if created:
        details = {"sha256": sha256, "width": result.width, "height": result.height,
                   "size_bytes": result.size_bytes, "content_type": result.content_type}
        if cleaned != data:
            details.update(metadata_removed=True,
                           stored_sha256=hashlib.sha256(cleaned).hexdigest())
        audit.record(user, "photo.uploaded", **details)
    db.session.commit()
    from ..minutes.issue import issue_ready_minutes  # here: minutes.issue imports this module

    issue_ready_minutes(user, sha256=sha256)  # the upload that completes signed minutes issues them
    return result


def is_stored(sha256: str) -> bool:
    """Whether the bytes of this photo are on the server (for the sync API's photo.add)."""
    return storage().exists(keys.original(sha256))


def may_see(user, sha256: str) -> bool:
    """Office roles see every photo; a unit head only those of their own unit's inspections and
    remediation items."""
    if user.role != roles.UNIT_HEAD:
        return True
    if user.unit_id is None:
        return False
    query = (
        select(Photo.id)
        .outerjoin(Inspection, Photo.inspection_id == Inspection.id)
        .outerjoin(RemediationItem, Photo.remediation_item_id == RemediationItem.id)
        .where(Photo.sha256 == sha256,
               or_(Inspection.unit_id == user.unit_id, RemediationItem.unit_id == user.unit_id))
        .limit(1)
    )
    return db.session.scalar(query) is not None


def known(user, hashes: list[str]) -> list[str]:
    """Which of these hashes the server stores and the user may see: what HEAD answers 200 for,
    for a whole batch in one request."""
    return [sha256 for sha256 in dict.fromkeys(hashes)
            if storage().exists(keys.original(sha256)) and may_see(user, sha256)]


def find_photo(user, sha256: str, *, thumb: bool = False) -> str:
    """The storage key of a photo the user may see; NotFound for a missing or hidden one alike."""
    check_sha256(sha256)
    key = keys.thumbnail(sha256) if thumb else keys.original(sha256)
    if not storage().exists(key) or not may_see(user, sha256):
        raise NotFound(NOT_FOUND)
    return key
