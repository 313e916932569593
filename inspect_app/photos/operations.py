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
from sqlalchemy import bindparam, or_, select, update

from .. import audit, plainsql
from ..errors import NotFound, Refused
from ..extensions import db
from ..inspections.models import Inspection
from ..org import roles
from ..remediation.models import RemediationItem
from ..storage import storage
from ..timeutil import utcnow
from . import keys, processing
from .models import Photo, PhotoFile

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000

BAD_SHA = "Mã SHA-256 của ảnh không hợp lệ: cần đúng 64 ký tự 0-9, a-f (chữ thường)."
TRANSFER_BROKEN = "Ảnh bị hỏng khi truyền (mã SHA-256 không khớp), hãy gửi lại."
NOT_FOUND = "Không tìm thấy ảnh."

ACCEPTED_TYPES = set(processing.FORMATS.values())
HEIF_TYPES = {"image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence", "image/avif"}
WRONG_TYPE = "Chỉ nhận ảnh JPEG, PNG hoặc WebP (Content-Type image/jpeg, image/png, image/webp)."

# How each kind of refusal reads in HTTP.
STATUS = {"empty": 400, "too_large": 413, "unsupported": 415, "damaged": 422, "bomb": 422,
          "shape": 422}

# Photos one POST /api/photos/batch may carry (the request's bytes are capped by
# MAX_CONTENT_LENGTH): the device sends fewer, a few seconds of a weak uplink each.
MAX_BATCH = 20

# Hashes one POST /api/photos/known may ask about: more than a device's outbox holds at once.
MAX_KNOWN = 500

_SHA256 = re.compile(r"[0-9a-f]{64}")

# Statements every upload runs, built once (plainsql). Bind names differ from column names:
# SQLAlchemy reserves a column's own name for an UPDATE's new value.
_FILES = PhotoFile.__table__
_PHOTOS = Photo.__table__
_FILE_CLAIM = {name: statement.returning(_FILES.c.sha256)
               for name, statement in plainsql.insert_if_absent(_FILES).items()}
_IS_STORED = select(_FILES.c.sha256).where(_FILES.c.sha256 == bindparam("photo_sha256"))
_TOUCH_WAITING = (update(Inspection.__table__)
                  .where(Inspection.__table__.c.id.in_(
                      select(_PHOTOS.c.inspection_id).where(
                          _PHOTOS.c.sha256.in_(bindparam("images", expanding=True)),
                          _PHOTOS.c.stored.is_(False), _PHOTOS.c.inspection_id.is_not(None))))
                  .values(updated_at=bindparam("now")))
_MARK_STORED = (update(_PHOTOS).where(_PHOTOS.c.sha256 == bindparam("photo_sha256"))
                .values(stored=True, width=bindparam("new_width"),
                        height=bindparam("new_height"), size_bytes=bindparam("new_size"),
                        content_type=bindparam("new_type")))


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
    [result] = _save([_check(sha256, data)], user)
    _finish(user, [result])
    return result


@dataclass(frozen=True)
class Part:
    """One photo of a batch upload: its hash, declared media type and bytes."""
    sha256: str
    content_type: str
    data: bytes


def store_photos(parts: list[Part], user) -> list[StoredPhoto | Refused]:
    """Store several uploaded photos in one transaction; for each (in the order given) what
    became of it: stored, or refused for its own reason while the others are kept. A fault of
    the storage or database itself refuses none: it fails the whole request, nothing stays
    written, and the device sends the batch again."""
    outcome: dict[str, StoredPhoto | Refused] = {}
    checked = []
    for part in {p.sha256: p for p in parts}.values():
        try:
            refusal = type_refusal(part.content_type)
            if refusal:
                raise refusal
            checked.append(_check(check_sha256(part.sha256), part.data))
        except Refused as refused:
            outcome[part.sha256] = refused
    saved = _save(checked, user)
    outcome.update((photo.sha256, photo) for photo in saved)
    _finish(user, saved)
    return [outcome[p.sha256] for p in parts]


def type_refusal(content_type: str) -> Refused | None:
    """Why a photo sent as this media type is refused before its bytes are read; None if it may
    be a photo (its bytes decide)."""
    if content_type in HEIF_TYPES:
        return Refused(processing.HEIF, status=415)
    if content_type not in ACCEPTED_TYPES:
        return Refused(WRONG_TYPE, status=415)
    return None


@dataclass(frozen=True)
class _Checked:
    """Uploaded bytes that are a photo the server keeps, cleaned, with their thumbnail."""
    sha256: str
    uploaded: bytes
    cleaned: bytes
    info: processing.ImageInfo


def _check(sha256: str, data: bytes) -> _Checked:
    """The photo these bytes are, ready to store under `sha256`; Refused saying why not."""
    if hashlib.sha256(data).hexdigest() != sha256:
        raise Refused(TRANSFER_BROKEN, status=400)
    try:
        info = processing.inspect(data, max_bytes=max_bytes(), max_pixels=max_pixels(),
                                  thumbnail_px=processing.THUMBNAIL_PX)
    except processing.PhotoRejected as rejected:
        raise Refused(rejected.reason, status=STATUS[rejected.kind])
    return _Checked(sha256, data, processing.clean_original(data, info), info)


def _save(photos: list[_Checked], user) -> list[StoredPhoto]:
    """Store checked photos in the session's transaction (not committed), a few statements for
    them all."""
    if not photos:
        return []
    created = save_many([(p.sha256, p.cleaned, p.info.thumbnail) for p in photos])
    results = [StoredPhoto(sha256=p.sha256, width=p.info.width, height=p.info.height,
                           size_bytes=len(p.cleaned), content_type=p.info.content_type,
                           created=p.sha256 in created) for p in photos]
    # Rows whose photo.add arrived first learn that the bytes are here, and their inspections
    # are stamped: the pull finds changes by that stamp, and the team's other devices should
    # see the photo as stored.
    plainsql.execute(_TOUCH_WAITING, {"images": [p.sha256 for p in photos], "now": utcnow()})
    plainsql.execute(_MARK_STORED, [{
        "photo_sha256": r.sha256, "new_width": r.width, "new_height": r.height,
        "new_size": r.size_bytes, "new_type": r.content_type} for r in results])
    events = []
    for photo, result in zip(photos, results):
        if not result.created:
            continue
        details = {"sha256": result.sha256, "width": result.width, "height": result.height,
                   "size_bytes": result.size_bytes, "content_type": result.content_type}
        if photo.cleaned != photo.uploaded:
            details.update(metadata_removed=True,
                           stored_sha256=hashlib.sha256(photo.cleaned).hexdigest())
        events.append(audit.event_row(user, "photo.uploaded", **details))
    audit.record_rows(events)
    return results


def _finish(user, stored: list[StoredPhoto]) -> None:
    """Commit an upload, then issue the signed minutes it completes."""
    db.session.commit()
    from ..minutes.issue import issue_ready_minutes  # here: minutes.issue imports this module

    issue_ready_minutes(user, images=[photo.sha256 for photo in stored])


def save_files(sha256: str, original: bytes, thumbnail: bytes) -> bool:
    """Write one photo's files to storage and record them (see `save_many`); False when they
    were already stored."""
    return bool(save_many([(sha256, original, thumbnail)]))


def save_many(photos: list[tuple[str, bytes, bytes]]) -> set[str]:
    """Write photos' files (hash, original, thumbnail) to storage and record them, in the
    session's transaction; the hashes that were not stored before.

    The rows are claimed before the files are written, so two hosts receiving the same photo at
    once do not both write it (the second waits for the first's transaction), and a request
    that fails while writing rolls the claims back (errors.py): the photos stay "not stored"
    and the device sends them again. Others see the rows only once the transaction commits,
    files written, so they are stamped stored from the start. Claimed in hash order: two
    requests sharing photos take their row locks in the same order, so neither deadlocks."""
    photos = sorted(photos)
    now = utcnow()
    claimed = set(plainsql.execute(_FILE_CLAIM[plainsql.dialect_name()],
                                   [{"sha256": sha, "stored_at": now} for sha, _, _ in photos])
                  .scalars())
    store = storage()
    for sha256, original, thumbnail in photos:
        if sha256 in claimed:
            store.put(keys.thumbnail(sha256), thumbnail)
            store.put(keys.original(sha256), original)
    return claimed


def is_stored(sha256: str) -> bool:
    """Whether the bytes of this photo are on the server (for the sync API's photo.add)."""
    return plainsql.execute(_IS_STORED, {"photo_sha256": sha256}).first() is not None


def stored_among(hashes) -> set[str]:
    """Which of these hashes are stored, in one query."""
    hashes = list(hashes)
    if not hashes:
        return set()
    query = select(_FILES.c.sha256).where(_FILES.c.sha256.in_(hashes))
    return set(db.session.scalars(query))


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
    stored = stored_among(hashes)
    return [sha256 for sha256 in dict.fromkeys(hashes)
            if sha256 in stored and may_see(user, sha256)]


def find_photo(user, sha256: str, *, thumb: bool = False) -> str:
    """The storage key of a photo the user may see; NotFound for a missing or hidden one alike."""
    check_sha256(sha256)
    key = keys.thumbnail(sha256) if thumb else keys.original(sha256)
    if not is_stored(sha256) or not may_see(user, sha256):
        raise NotFound(NOT_FOUND)
    return key
