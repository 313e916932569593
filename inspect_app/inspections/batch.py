"""The shape of a push body. Anything wrong here is the client's bug: 400 for the whole request.

What is checked: JSON (no NaN or Infinity), an object with an `ops` list of at most MAX_OPS
objects, each with a string `op_id` and `type`, and `inspection`, `at`, `data` of the right JSON
kind when present. What an op *means* is judged op by op later (refused, not 400).
"""
import json
from dataclasses import dataclass, field

from .fields import is_clean_text

MAX_OPS = 500


class Malformed(ValueError):
    """The push body is not what the protocol describes; the message is Vietnamese."""


@dataclass
class Op:
    op_id: str
    type: str
    inspection: str | None
    at: str | None
    data: dict = field(default_factory=dict)


@dataclass
class Batch:
    device_id: str | None
    ops: list[Op]


def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def parse_json(raw: bytes):
    """Strict JSON: NaN and Infinity are refused, as no other JSON reader accepts them."""
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise Malformed("Nội dung gửi lên không phải JSON hợp lệ (UTF-8).") from None


def _short_text(value, name: str, max_len: int, *, where: str) -> str:
    if not isinstance(value, str) or not value or len(value) > max_len or not is_clean_text(value):
        raise Malformed(f"{where}: `{name}` phải là chuỗi ký tự 1–{max_len} ký tự.")
    return value


def parse_batch(body, *, max_ops: int | None = MAX_OPS) -> Batch:
    """Check the body's shape and return it as a Batch, or raise Malformed.

    `max_ops` bounds one request; a backup file (no bound) is applied in chunks of MAX_OPS.
    """
    if not isinstance(body, dict):
        raise Malformed("Nội dung phải là một đối tượng JSON có danh sách `ops`.")
    device_id = body.get("device_id")
    if device_id is not None:
        device_id = _short_text(device_id, "device_id", 64, where="Thiết bị")
    ops = body.get("ops")
    if not isinstance(ops, list):
        raise Malformed("Thiếu danh sách thao tác `ops`.")
    if max_ops is not None and len(ops) > max_ops:
        raise Malformed(f"Mỗi lần đồng bộ gửi tối đa {max_ops} thao tác; hãy chia nhỏ.")
    return Batch(device_id, [_parse_op(op, n) for n, op in enumerate(ops, 1)])


def _parse_op(op, n: int) -> Op:
    where = f"Thao tác thứ {n}"
    if not isinstance(op, dict):
        raise Malformed(f"{where} không phải đối tượng JSON.")
    op_id = _short_text(op.get("op_id"), "op_id", 36, where=where)
    op_type = _short_text(op.get("type"), "type", 32, where=where)
    for name in ("inspection", "at"):
        if op.get(name) is not None and not isinstance(op[name], str):
            raise Malformed(f"{where}: `{name}` phải là chuỗi ký tự hoặc null.")
    data = op.get("data")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise Malformed(f"{where}: `data` phải là đối tượng JSON.")
    return Op(op_id, op_type, op.get("inspection"), op.get("at"), data)
