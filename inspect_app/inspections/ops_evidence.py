"""Op handlers for evidence: photo metadata, and remediation items checked on site."""
import uuid as uuid_lib

from sqlalchemy import select

from ..errors import Refused
from ..extensions import db
from ..photos import operations as photo_ops
from ..photos.models import Photo
from ..remediation import rules as remediation_rules
from ..remediation.models import RemediationEvent, RemediationItem
from ..timeutil import utcnow
from . import fields
from .operations import Context, checklist_link, handles

MAX_PIXELS_SIDE = 100_000
MAX_PHOTO_BYTES = 2**31 - 1


def _has_bytes(sha256: str) -> bool:
    # The op may come before or after the upload: `stored` says which, the upload flips it.
    return photo_ops.is_stored(sha256)


@handles("photo.add")
def add_photo(ctx: Context) -> Photo:
    """A photo's metadata; the bytes come separately (PUT /api/photos/<sha256>)."""
    inspection_id, d = ctx.inspection_id, ctx.data
    key = fields.uuid_text(d, "uuid")
    sha256 = fields.sha256_hex(d, "sha256")
    ctx.item_id = fields.text(d, "item_id", max_len=64)
    version_id = fields.integer(d, "checklist_version_id")
    if ctx.item_id is not None or version_id is not None:
        _check_item(ctx, version_id)
    markup_of = fields.sha256_hex(d, "markup_of", required=False)
    if markup_of is not None and not _has_original(inspection_id, markup_of, sha256):
        raise ctx.refuse("ảnh gốc của ảnh đã đánh dấu không có trên phiếu này",
                         "Hãy đồng bộ lại; nếu vẫn bị từ chối, chụp lại rồi đánh dấu trên ảnh mới")
    photo = db.session.scalar(select(Photo).where(Photo.uuid == key))
    if photo is not None and photo.inspection_id != inspection_id:
        raise ctx.refuse(f"ảnh {key} thuộc phiếu khác", "Hãy chụp hoặc chọn lại ảnh cho phiếu này")
    if photo is None:
        photo = Photo(uuid=key, inspection_id=inspection_id, uploaded_by_id=ctx.user.id)
        db.session.add(photo)
    photo.sha256 = sha256
    photo.markup_of_sha256 = markup_of
    photo.item_id = ctx.item_id
    photo.checklist_version_id = version_id
    photo.caption = fields.text(d, "caption", max_len=fields.MAX_NOTE)
    photo.captured_at = fields.timestamp(d, "captured_at")
    photo.latitude = fields.number(d, "latitude", minimum=-90, maximum=90)
    photo.longitude = fields.number(d, "longitude", minimum=-180, maximum=180)
    photo.width = fields.integer(d, "width", maximum=MAX_PIXELS_SIDE)
    photo.height = fields.integer(d, "height", maximum=MAX_PIXELS_SIDE)
    photo.size_bytes = fields.integer(d, "size_bytes", minimum=0, maximum=MAX_PHOTO_BYTES)
    photo.stored = photo.stored or _has_bytes(sha256)
    return photo


def _has_original(inspection_id: int, original: str, marked: str) -> bool:
    """The original a mark-up names is a photo of the same inspection (and not the mark-up)."""
    return original != marked and db.session.scalar(select(Photo.id).where(
        Photo.inspection_id == inspection_id, Photo.sha256 == original,
        Photo.markup_of_sha256.is_(None)).limit(1)) is not None


def _check_item(ctx: Context, version_id: int | None) -> None:
    if version_id is None or ctx.item_id is None:
        raise ctx.refuse("ảnh gắn với một mục phải có cả `checklist_version_id` và `item_id`",
                         "Hãy cập nhật ứng dụng rồi đồng bộ lại")
    link = checklist_link(ctx, version_id)
    if link is None or link.definition.answerable(ctx.item_id)[1] not in ("item", "instance"):
        raise ctx.refuse("phiếu không có mục này", "Hãy gắn ảnh vào một mục của phiếu rồi đồng bộ lại")


@handles("photo.remove")
def remove_photo(ctx: Context):
    """Drop the photo from the inspection; the bytes stay (another record may show the same)."""
    key = fields.uuid_text(ctx.data, "uuid")
    photo = db.session.scalar(select(Photo).where(Photo.uuid == key))
    if photo is None:
        return ctx.inspection  # already gone: what the device wants is true
    if photo.inspection_id != ctx.inspection_id:
        raise ctx.refuse(f"ảnh {key} thuộc phiếu khác", "Không cần xoá ảnh này khỏi phiếu")
    db.session.delete(photo)
    return ctx.inspection


@handles("remediation.check")
def check_remediation(ctx: Context) -> RemediationItem:
    """A verdict on site, in an inspection of the item's unit: fixed (verified) or still open
    (a reported fix reopens). Deciding follows the office's rule (remediation/rules.py); an open
    item found still open is recorded as checked, by anyone on the team."""
    d = ctx.data
    item_id = fields.integer(d, "remediation_id", required=True)
    result = fields.choice(d, "result", ("verified", "still_open"))
    note = fields.text(d, "note", max_len=fields.MAX_NOTE)
    photo_sha256 = fields.sha256_hex(d, "photo_sha256", required=False)
    item = db.session.get(RemediationItem, item_id)
    if item is None:
        raise ctx.refuse(f"không có yêu cầu khắc phục mã {item_id}",
                         "Hãy đồng bộ để tải lại danh sách yêu cầu khắc phục")
    where = f"yêu cầu khắc phục “{item.action[:80]}”"
    try:
        remediation_rules.check_on_site(item, ctx.inspection.unit_id)
        if item.state == "verified":
            if result == "verified" and remediation_rules.may_decide(ctx.user):
                return item  # two leads confirmed the same fix: one verification is enough
            raise Refused("yêu cầu đã được xác minh", status=409)
        if result == "verified" or item.state == "reported":
            remediation_rules.check_decision(ctx.user, item)
    except Refused as refusal:
        raise ctx.refuse(f"{where}: {refusal.reason.rstrip('.')}",
                         "Nếu cần, hãy báo trưởng đoàn hoặc quản trị") from None
    before = item.state
    if result == "verified":
        item.state, item.verified_at, item.verified_by_id = "verified", utcnow(), ctx.user.id
        kind = "verified"
    elif before == "reported":
        item.state, item.reopen_reason = "reopened", note or "Kiểm tra thực tế: chưa khắc phục."
        kind = "reopened"
    else:
        kind = "checked"
    item.events.append(RemediationEvent(kind=kind, from_state=before, to_state=item.state,
                                        note=note, user_id=ctx.user.id))
    if photo_sha256:
        db.session.add(Photo(
            uuid=str(uuid_lib.uuid5(uuid_lib.NAMESPACE_URL, "op:" + ctx.op.op_id)),
            sha256=photo_sha256, remediation_item_id=item.id,
            inspection_id=ctx.inspection_id, caption=note,
            uploaded_by_id=ctx.user.id, stored=_has_bytes(photo_sha256)))
    return item
