"""Signing and amending minutes (docs/minutes.md); issuing lives in `issue`. Each write audited.

Signing freezes the record the device showed: the server rebuilds it from what it holds and the
op's draft, and signs only when both hash alike, so nobody signs one text while another is issued.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from .. import audit
from ..documents.links import new_public_id
from ..errors import Refused
from ..extensions import db
from ..inspections import conflicts, rollcall
from ..inspections.models import Inspection, Supplement
from ..inspections.operations import label
from ..org.leads import leads_team
from ..org.models import User
from ..remediation.models import RemediationItem
from .canonical import first_difference, minutes_hash, normalize
from .issue import issue_ready_minutes, try_issue
from .models import Minutes, Signature
from .record import build_record

__all__ = ["SignRequest", "SignatureIn", "amend_minutes", "issue_ready_minutes", "sign_minutes"]
DONE = ("signed", "issued")


@dataclass
class SignatureIn:
    uuid: str
    role: str
    full_name: str
    title: str | None
    image_sha256: str | None
    refused: bool
    refusal_reason: str | None
    signed_at: datetime


@dataclass
class SignRequest:
    minutes_uuid: str
    amends_uuid: str | None
    amendment_reason: str | None
    draft: dict
    content_hash: str
    signatures: list[SignatureIn]
    device_record: dict | None = None  # only to name the first difference in a refusal


def _refuse(inspection: Inspection, problem: str, todo: str) -> Refused:
    with db.session.no_autoflush:
        return Refused(f"Biên bản {label(inspection)}: {problem}. {todo}")


def may_sign(user: User, inspection: Inspection) -> bool:
    """The team's lead, or an admin on the team (the op layer already checked membership)."""
    return leads_team(user, inspection.team_id)


def newest_minutes(inspection: Inspection) -> Minutes | None:
    """The latest signed or issued minutes of the inspection (what an amendment replaces)."""
    return db.session.scalar(select(Minutes).where(
        Minutes.inspection_id == inspection.id, Minutes.status.in_(DONE))
        .order_by(Minutes.id.desc()).limit(1))


def _reservation(inspection: Inspection) -> Minutes | None:
    return db.session.scalar(select(Minutes).where(
        Minutes.inspection_id == inspection.id, Minutes.status == "draft"))


def _check_conflicts(inspection: Inspection) -> None:
    """Two devices' differing answers to an item wait for the lead's choice: not signed before."""
    waiting = conflicts.open_items(inspection.id)
    if waiting:
        raise _refuse(inspection, "còn câu trả lời khác nhau giữa hai máy ở mục "
                      + ", ".join(waiting), "Trưởng đoàn hãy chọn một câu trả lời ở từng mục "
                      "đó, đồng bộ, rồi ký lại")


def _check_signatures(inspection: Inspection, signatures: list[SignatureIn]) -> None:
    by_role = {}
    for s in signatures:
        if s.role in by_role:
            raise _refuse(inspection, f"có hai chữ ký vai trò “{s.role}”",
                          "Mỗi người ký một lần; hãy ký lại")
        by_role[s.role] = s
        if s.refused and s.role != "unit_rep":
            raise _refuse(inspection, "chỉ đại diện đơn vị được kiểm tra mới có thể từ chối ký",
                          "Hãy ký lại")
        if s.refused and (s.image_sha256 or not (s.refusal_reason or "").strip()):
            raise _refuse(inspection, "người từ chối ký phải nêu lý do và không có chữ ký vẽ",
                          "Hãy ghi lý do từ chối ký")
        if not s.refused and not s.image_sha256:
            raise _refuse(inspection, f"thiếu chữ ký của {s.full_name}", "Hãy ký lại")
    if "lead" not in by_role:
        raise _refuse(inspection, "thiếu chữ ký của trưởng đoàn", "Trưởng đoàn hãy ký biên bản")
    if "unit_rep" not in by_role:
        raise _refuse(inspection, "thiếu chữ ký (hoặc lý do từ chối ký) của đại diện đơn vị",
                      "Hãy mời đại diện đơn vị ký, hoặc ghi lý do từ chối ký")
    taken = db.session.scalar(select(Signature.uuid).where(
        Signature.uuid.in_([s.uuid for s in signatures])).limit(1))
    if taken:
        raise _refuse(inspection, f"mã chữ ký {taken} đã có trên máy chủ", "Hãy ký lại")


def _check_chain(inspection: Inspection, req: SignRequest) -> Minutes | None:
    """The minutes these amend (None: first minutes); refuses a broken chain."""
    previous = newest_minutes(inspection)
    if previous is None and req.amends_uuid:
        raise _refuse(inspection, "không có biên bản đã ký nào để sửa đổi",
                      "Hãy đồng bộ lại rồi ký biên bản")
    if previous is not None and req.amends_uuid != previous.uuid:
        raise _refuse(inspection, "phiếu đã có biên bản đã ký; biên bản mới phải là biên bản "
                      "sửa đổi của biên bản mới nhất", "Hãy đồng bộ lại, lập biên bản sửa đổi")
    if previous is not None and not (req.amendment_reason or "").strip():
        raise _refuse(inspection, "thiếu lý do sửa đổi", "Hãy ghi lý do sửa đổi rồi ký lại")
    clash = db.session.scalar(select(Minutes).where(Minutes.uuid == req.minutes_uuid))
    if clash is not None and clash.status != "draft":
        raise _refuse(inspection, "mã biên bản này đã được dùng", "Hãy ký lại biên bản")
    return previous


def _check_remediation(inspection: Inspection, draft: dict) -> None:
    keys = [r.get("uuid") for r in draft.get("remediation") or ()]
    if len(set(keys)) != len(keys):
        raise _refuse(inspection, "hai yêu cầu khắc phục trùng mã", "Hãy lập lại yêu cầu")
    other = db.session.scalar(select(RemediationItem.uuid).where(
        RemediationItem.uuid.in_(keys), RemediationItem.inspection_id != inspection.id).limit(1))
    if other:
        raise _refuse(inspection, f"mã yêu cầu khắc phục {other} thuộc phiếu khác",
                      "Hãy lập lại yêu cầu khắc phục này")


def _check_roll_call(inspection: Inspection, record: dict) -> None:
    """One document never says two things: answers that contradict the roll-call are refused."""
    definitions = {(link.checklist_version.checklist.slug, link.checklist_version.version):
                   link.checklist_version.definition or {}
                   for link in inspection.checklist_versions}
    found = rollcall.contradictions(record, definitions)
    if found:
        raise _refuse(inspection, "câu trả lời mâu thuẫn với điểm danh (" + rollcall.refusal(found)
                      + ")", "Hãy sửa câu trả lời cho khớp với điểm danh (hoặc sửa điểm danh) "
                      "rồi ký lại")


def _mismatch(inspection: Inspection, req: SignRequest, record: dict, server_hash: str):
    try:
        where = first_difference(req.device_record, record) if req.device_record else ""
    except (ValueError, TypeError, RecursionError):  # the device's record is only a hint
        where = ""
    if not where:
        where = f"mã băm máy {req.content_hash[:12]}…, máy chủ {server_hash[:12]}…"
    with db.session.no_autoflush:
        return Refused(f"Nội dung biên bản {label(inspection)} trên máy khác với máy chủ: "
                       f"{where}. Hãy đồng bộ, xem lại và ký lại.")


def sign_minutes(inspection: Inspection, req: SignRequest, user: User) -> Minutes:
    """Freeze the minutes the device signed, if the server's record hashes alike; then issue
    them when every photo and drawn signature they name is stored."""
    if not may_sign(user, inspection):
        raise _refuse(inspection, "chỉ trưởng đoàn (hoặc quản trị trong đoàn) được ký biên bản",
                      "Hãy để trưởng đoàn ký trên máy của mình")
    _check_conflicts(inspection)
    _check_signatures(inspection, req.signatures)
    previous = _check_chain(inspection, req)
    _check_remediation(inspection, req.draft)
    record = build_record(inspection, req.draft, req.minutes_uuid, req.amends_uuid,
                          req.amendment_reason)
    server_hash = minutes_hash(record)
    if server_hash != req.content_hash:
        raise _mismatch(inspection, req, record, server_hash)
    _check_roll_call(inspection, record)
    minutes = _reservation(inspection) or Minutes(
        inspection=inspection, public_id=new_public_id())
    minutes.uuid, minutes.status, minutes.content_hash = req.minutes_uuid, "signed", server_hash
    minutes.record = normalize(record)  # exactly what was hashed
    minutes.amends, minutes.amendment_reason = previous, req.amendment_reason
    minutes.signed_at = max(s.signed_at for s in req.signatures)
    db.session.add(minutes)
    for s in req.signatures:
        minutes.signatures.append(Signature(
            uuid=s.uuid, inspection=inspection, signer_role=s.role, full_name=s.full_name,
            title=s.title, image_sha256=s.image_sha256, refused=s.refused,
            refusal_reason=s.refusal_reason, content_hash=server_hash, signed_at=s.signed_at))
    inspection.status = "signed"
    if previous is not None:  # amended minutes take in what was sent to the lead since
        for supplement in db.session.scalars(select(Supplement).where(
                Supplement.inspection_id == inspection.id, Supplement.minutes_id.is_(None))):
            supplement.minutes = minutes
    if record["ended_at"]:
        inspection.ended_at = datetime.fromisoformat(record["ended_at"][:-1])
    audit.record(user, "minutes.signed", minutes, minutes=minutes.uuid, inspection=inspection.uuid,
                 content_hash=server_hash, amends=req.amends_uuid,
                 refused=[s.role for s in req.signatures if s.refused])
    db.session.flush()
    try_issue(minutes, user)
    return minutes


def amend_minutes(inspection: Inspection, new_uuid: str, amends_uuid: str, reason: str,
                  user: User) -> Minutes:
    """Reopen the inspection for edits; the new minutes (uuid reserved here) amend the newest."""
    if not may_sign(user, inspection):
        raise _refuse(inspection, "chỉ trưởng đoàn (hoặc quản trị trong đoàn) được lập biên "
                      "bản sửa đổi", "Hãy để trưởng đoàn thực hiện")
    reserved = _reservation(inspection)
    if reserved is not None:
        if reserved.uuid == new_uuid and reserved.amends and reserved.amends.uuid == amends_uuid:
            return reserved  # sent twice under two op ids: already done
        raise _refuse(inspection, "biên bản sửa đổi đã được lập (có thể từ máy khác)",
                      "Hãy đồng bộ lại để tiếp tục biên bản sửa đổi đó")
    previous = newest_minutes(inspection)
    if previous is None or inspection.status not in DONE:
        raise _refuse(inspection, "chưa có biên bản đã ký để sửa đổi",
                      "Hãy ký biên bản trước khi lập biên bản sửa đổi")
    if previous.uuid != amends_uuid:
        raise _refuse(inspection, "chỉ sửa đổi được biên bản mới nhất",
                      "Hãy đồng bộ lại rồi lập biên bản sửa đổi")
    if db.session.scalar(select(Minutes.id).where(Minutes.uuid == new_uuid)) is not None:
        raise _refuse(inspection, "mã biên bản mới đã được dùng", "Hãy lập lại biên bản sửa đổi")
    draft = Minutes(inspection=inspection, public_id=new_public_id(), uuid=new_uuid,
                    status="draft", content_hash="", amends=previous, amendment_reason=reason)
    db.session.add(draft)
    inspection.status = "in_progress"
    audit.record(user, "minutes.amendment_started", draft, minutes=new_uuid, amends=amends_uuid,
                 inspection=inspection.uuid, reason=reason)
    return draft
