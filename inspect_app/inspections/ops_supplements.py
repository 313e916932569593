"""Op handler `supplement.add`: what an inspector recorded after the minutes were signed.

The edit itself was refused (signed minutes are frozen); its content travels to the team lead
as a supplement, kept on the server and pulled with the inspection until amended minutes take
it in (minutes.operations marks it so).
"""
import json

from sqlalchemy import select

from ..extensions import db
from . import fields
from .answers import value_problem
from .models import Supplement
from .operations import CLOSED_STATUSES, Context, handles, open_inspection
from .ops_inspection import answered_item

MAX_PHOTOS = 20


@handles("supplement.add", needs_inspection=False)
def add_supplement(ctx: Context) -> Supplement:
    """A supplementary note for the lead: the answer, note and photos the inspector recorded."""
    open_inspection(ctx, ctx.op.inspection, allow_closed=True)
    d = ctx.data
    key = fields.uuid_text(d, "uuid")
    if db.session.scalar(select(Supplement.id).where(Supplement.uuid == key)) is not None:
        raise ctx.refuse(f"bổ sung {key} đã có trên máy chủ", "Không cần gửi lại")
    if ctx.inspection.status not in CLOSED_STATUSES:
        raise ctx.refuse("biên bản chưa ký nên không cần gửi bổ sung",
                         "Hãy sửa trực tiếp câu trả lời trên phiếu rồi đồng bộ")
    version_id, value = None, d.get("value")
    if d.get("item_id") is not None or d.get("checklist_version_id") is not None:
        link, item = answered_item(ctx)
        version_id = link.version_id
        problem = value_problem(item, value)
        if problem:
            shown = json.dumps(value, ensure_ascii=False)[:60]
            raise ctx.refuse(f"câu trả lời {shown} không hợp lệ ({problem})",
                             "Hãy ghi lại nội dung bổ sung rồi gửi")
    elif value is not None:
        raise fields.Invalid("value", "chỉ có khi bổ sung cho một mục của bảng kiểm")
    photos = d.get("photos") or []
    if not isinstance(photos, list) or len(photos) > MAX_PHOTOS:
        raise fields.Invalid("photos", f"phải là danh sách tối đa {MAX_PHOTOS} mã SHA-256 ảnh")
    photos = [fields.sha256_hex({"photos": p}, "photos") for p in photos]
    note = fields.text(d, "note", max_len=fields.MAX_NOTE)
    if value is None and not note and not photos:
        raise ctx.refuse("bổ sung không có nội dung (câu trả lời, ghi chú hay ảnh)",
                         "Hãy ghi nội dung bổ sung rồi gửi")
    supplement = Supplement(
        uuid=key, inspection_id=ctx.inspection_id, user_id=ctx.user.id,
        checklist_version_id=version_id, item_id=ctx.item_id, value=value, note=note,
        photo_sha256s=photos, reason=fields.text(d, "reason", max_len=2000),
        recorded_at=fields.timestamp(d, "recorded_at"))
    db.session.add(supplement)
    return supplement
