"""Sync op handlers `minutes.sign` and `minutes.amend` (docs/minutes.md, "Sync ops").

Here the op's `data` is read and checked field by field (a bad field is a refused op naming it);
what signing and amending mean is in `operations`.
"""
import re

from ..inspections import fields
from ..inspections.operations import Context, handles, open_inspection
from .canonical import format_time
from .models import SIGNER_ROLES
from .operations import SignatureIn, SignRequest, amend_minutes, sign_minutes

MAX_TEXT = 20_000
MAX_LIST = 300
MAX_SIGNATURES = 5
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _list(data: dict, key: str, *, most: int, required: bool = False) -> list[dict]:
    value = data.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list) or len(value) > most or not all(
            isinstance(x, dict) for x in value):
        raise fields.Invalid(key, f"phải là danh sách tối đa {most} đối tượng")
    return value


def _object(data: dict, key: str) -> dict:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fields.Invalid(key, "phải là đối tượng JSON")
    return value


def _uuid(data: dict, key: str, *, required: bool = True) -> str | None:
    # The record carries the uuid as sent: only the canonical form hashes alike on both sides.
    value = fields.uuid_text(data, key, required=required)
    if value is not None and value != data[key]:
        raise fields.Invalid(key, "phải là mã UUID viết thường")
    return value


def _date(data: dict, key: str) -> str:
    value = fields.text(data, key, max_len=10, required=True)
    if not _DATE.match(value):
        raise fields.Invalid(key, "phải là ngày dạng YYYY-MM-DD")
    try:
        fields.parse_timestamp(value + "T00:00:00", key)
    except fields.Invalid:
        raise fields.Invalid(key, "không phải ngày hợp lệ") from None
    return value


def _check_draft(draft: dict) -> None:
    for rep in _list(draft, "representatives", most=20):
        fields.text(rep, "full_name", max_len=120, required=True)
        fields.text(rep, "position", max_len=120)
    assessment = _object(draft, "assessment")
    for key in ("strengths", "shortcomings", "causes"):
        fields.text(assessment, key, max_len=MAX_TEXT)
    for item in _list(draft, "remediation", most=MAX_LIST):
        _uuid(item, "uuid")
        fields.text(item, "checklist", max_len=64)
        fields.text(item, "item", max_len=64)
        fields.text(item, "action", max_len=fields.MAX_NOTE, required=True)
        fields.text(item, "basis", max_len=1000)
        fields.text(item, "responsible", max_len=200)
        _date(item, "deadline")
    fields.text(draft, "unit_opinion", max_len=MAX_TEXT)
    fields.timestamp(draft, "ended_at")
    try:
        format_time(draft.get("ended_at"))  # the record reads it so; ISO's rarer forms it does not
    except ValueError:
        raise fields.Invalid("ended_at", "phải là thời điểm dạng YYYY-MM-DDTHH:MM:SSZ") from None


def _signature(d: dict) -> SignatureIn:
    refused = d.get("refused", False)
    if not isinstance(refused, bool):
        raise fields.Invalid("refused", "phải là true hoặc false")
    return SignatureIn(
        uuid=_uuid(d, "uuid"), role=fields.choice(d, "role", tuple(SIGNER_ROLES)),
        full_name=fields.text(d, "full_name", max_len=120, required=True),
        title=fields.text(d, "title", max_len=120),
        image_sha256=fields.sha256_hex(d, "image_sha256", required=False), refused=refused,
        refusal_reason=fields.text(d, "refusal_reason", max_len=2000),
        signed_at=fields.timestamp(d, "signed_at", required=True))


def parse_sign(data: dict) -> SignRequest:
    """The `minutes.sign` data, checked; raises fields.Invalid naming the first bad field."""
    draft = _object(data, "draft")
    _check_draft(draft)
    record = data.get("record")
    return SignRequest(
        minutes_uuid=_uuid(data, "minutes"), amends_uuid=_uuid(data, "amends", required=False),
        amendment_reason=fields.text(data, "amendment_reason", max_len=2000), draft=draft,
        content_hash=fields.sha256_hex(data, "content_hash"),
        signatures=[_signature(s) for s in _list(data, "signatures", most=MAX_SIGNATURES,
                                                 required=True)],
        device_record=record if isinstance(record, dict) else None)


@handles("minutes.sign")
def sign(ctx: Context):
    """Minutes signed on site: frozen if the server's hash is the device's, then issued."""
    return sign_minutes(ctx.inspection, parse_sign(ctx.data), ctx.user)


@handles("minutes.amend", needs_inspection=False)
def amend(ctx: Context):
    """Reopen signed minutes for an amendment ("biên bản sửa đổi")."""
    open_inspection(ctx, ctx.op.inspection, allow_closed=True)
    d = ctx.data
    return amend_minutes(ctx.inspection, _uuid(d, "minutes"), _uuid(d, "amends"),
                         fields.text(d, "reason", max_len=2000, required=True), ctx.user)
