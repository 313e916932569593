"""Signed and issued minutes for the demo's inspections, made through the real sign and issue path.

The draft asks for the remediation items the demo already made (same uuids), so issuing keeps
their states; the drawn signatures are generated squiggles. One unit refuses to sign, so the
demo shows how a refusal is printed.
"""
import math
import random
import uuid

from PIL import Image, ImageDraw
from sqlalchemy import select

from ..checklists.legal import basis_text
from ..extensions import db
from ..inspections.answers import find_item
from ..minutes import wording
from ..minutes.canonical import minutes_hash
from ..minutes.issue import checklists_used
from ..minutes.models import Minutes
from ..minutes.operations import SignatureIn, SignRequest, sign_minutes
from ..minutes.record import build_record, inspection_day
from ..remediation.models import RemediationItem
from . import data
from .images import store_image

REFUSING_UNIT_CODE = "MS-07"  # Xã Kim Bôi
OPINION = "Đơn vị thống nhất với nội dung biên bản và sẽ tổ chức khắc phục đúng thời hạn."
REFUSAL = "Đơn vị chưa thống nhất với kết luận về hồ sơ trễ hạn; sẽ có văn bản giải trình sau."


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def _signature_png(rng: random.Random) -> str:
    """A hand-like stroke on white, stored like a signature drawn on the device."""
    img = Image.new("RGB", (480, 160), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    phase, amp = rng.uniform(0, math.pi), rng.uniform(18, 40)
    points = [(30 + x * 4, 80 + amp * math.sin(x / rng.uniform(5, 9) + phase) * (1 - x / 140))
              for x in range(105)]
    draw.line(points, fill=(20, 30, 110), width=4, joint="curve")
    draw.line([(60, 120), (400, 112)], fill=(20, 30, 110), width=3)
    return store_image(img, "PNG")[0]


def _remediation(inspection) -> list[dict]:
    wanted = []
    for r in db.session.scalars(select(RemediationItem).where(
            RemediationItem.inspection_id == inspection.id).order_by(RemediationItem.id)):
        finding = r.finding
        definition = finding.checklist_version.definition if finding else {}
        item = find_item(definition, finding.item_id) if finding else None
        wanted.append({
            "uuid": r.uuid, "checklist": finding.checklist_slug if finding else None,
            "item": finding.item_id if finding else None, "action": r.action,
            "basis": basis_text(definition, item, inspection_day(inspection)) if item else None,
            "responsible": r.responsible, "deadline": r.deadline.isoformat()})
    return wanted


def _assessment(record: dict) -> dict:
    """What the lead writes: strengths and shortcomings from the findings, the causes by area."""
    definitions = {slug: c["definition"] for slug, c in checklists_used(record).items()}
    failed = [c["slug"] for c in record["checklists"]
              if any(i["failed"] for s in c["sections"] for i in s["items"])]
    strengths = " ".join(x for x in (
        ("Đơn vị bố trí lãnh đạo và công chức làm việc với Đoàn; hồ sơ, sổ sách xuất trình kịp "
         "thời."), wording.strengths(record)) if x)
    causes = "; ".join(data.CAUSES[s] for s in failed if s in data.CAUSES)
    return {"strengths": strengths, "shortcomings": wording.shortcomings(record, definitions),
            "causes": causes[:1].upper() + causes[1:] + "." if causes else None}


def issue_demo_minutes(inspection, rng: random.Random) -> Minutes:
    """Sign the inspection's minutes as its lead and the unit's chair would, and issue them."""
    lead = next(m.user for m in inspection.team.members if m.team_role == "lead")
    chair = inspection.unit.staff[0]
    minutes_uuid = _uuid(rng)
    draft = {
        "representatives": [{"full_name": chair.full_name, "position": chair.position}],
        "assessment": _assessment(build_record(inspection, {}, minutes_uuid)),
        "remediation": _remediation(inspection),
        "unit_opinion": OPINION,
    }
    content_hash = minutes_hash(build_record(inspection, draft, minutes_uuid))
    refuses = inspection.unit.code == REFUSING_UNIT_CODE
    signed_at = inspection.ended_at
    signatures = [
        SignatureIn(_uuid(rng), "lead", lead.full_name, "Trưởng đoàn kiểm tra",
                    _signature_png(rng), False, None, signed_at),
        SignatureIn(_uuid(rng), "unit_rep", chair.full_name, chair.position,
                    None if refuses else _signature_png(rng), refuses,
                    REFUSAL if refuses else None, signed_at),
    ]
    request = SignRequest(minutes_uuid, None, None, draft, content_hash, signatures)
    return sign_minutes(inspection, request, lead)
