"""The minutes record (docs/minutes.md, "The record") built from the database.

static/js/minutes/record.js builds the same record on the device from what the pull sent; the
two must agree to the byte, so every rule here (order, which text, what is null) is stated in the
doc and mirrored there.
"""
from sqlalchemy import select

from ..checklists.legal import basis_text
from ..checklists.scoring import is_failed
from ..checklists.visibility import instance_keys, shown_items
from ..documents.issuer import issuer_of
from ..extensions import db
from ..inspections import rollcall
from ..inspections.models import Inspection
from ..photos.models import Photo
from ..timeutil import vietnam_time
from .canonical import format_time, normalize_text

FORMAT = 1
ROLE_ORDER = {"lead": 0, "member": 1, "secretary": 2}


def inspection_day(inspection: Inspection) -> str:
    """The inspection's day in Vietnam ('YYYY-MM-DD'): the basis printed is the law of that day."""
    return vietnam_time(inspection.started_at).date().isoformat()


def _sort_text(value) -> tuple:
    # Sorted on the text as it is hashed (NFC, trimmed), None first; str order is by code point.
    text = normalize_text(value) if isinstance(value, str) else value
    return (text is not None, text or "")


def office_of(inspection: Inspection):
    """The inspecting body: the team's office, else the round's."""
    team, round_ = inspection.team, inspection.round
    return (team.office if team else None) or (round_.office if round_ else None)


def _body(inspection: Inspection) -> dict:
    return body_of(office_of(inspection))


def body_of(office) -> dict:
    """The record's `body`: the header's two lines (the superior body, the issuing body) as
    Nghị định 30/2020 prints them; the pull sends the same, so the device's record agrees."""
    if office is None:
        return {"parent": None, "name": None}
    issuer = issuer_of(office)
    return {"parent": issuer.superior, "name": issuer.name}


def _members(inspection: Inspection) -> list[dict]:
    rows = sorted(inspection.members, key=lambda m: (ROLE_ORDER.get(m.team_role, 3), m.id))
    return [{"full_name": m.full_name, "position": m.position, "team_role": m.team_role}
            for m in rows]


def _attendance(inspection: Inspection) -> list[dict]:
    # Only someone met on site is flagged: records without them keep their exact form.
    rows = [{"full_name": a.full_name, "position": a.position, "status": a.status,
             "note": a.note, **({"met_on_site": True} if a.staff_member_id is None else {})}
            for a in inspection.attendance]
    return sorted(rows, key=lambda r: tuple(_sort_text(r[k]) for k in
                                            ("full_name", "position", "status", "note")))


def _checklists(inspection: Inspection) -> list[dict]:
    answers = {(r.checklist_version_id, r.item_id): r for r in inspection.responses}
    versions = sorted((link.checklist_version for link in inspection.checklist_versions),
                      key=lambda v: (v.checklist.slug, v.version))
    out, day = [], inspection_day(inspection)
    for v in versions:
        definition = v.definition or {}
        # What the checklist shows for these answers: hidden items are not reported (their
        # answers stay in the item's history); computed items print their value.
        stored = {item_id: r.value for (vid, item_id), r in answers.items() if vid == v.id}
        shown_sections, shown, computed = shown_items(definition, stored)
        sections = []
        for s in definition.get("sections") or ():
            if not isinstance(s, dict) or s.get("id") not in shown_sections:
                continue
            # A repeat group's field: its value in each instance, in order (null where hidden).
            keys = instance_keys(stored.get(s.get("id"))) if "repeat" in s else None
            items = []
            for item in s.get("items") or ():
                if not isinstance(item, dict) or not item.get("id"):
                    continue
                of = computed if item.get("type") == "computed" else stored
                if keys is not None:
                    ids = [f"{item['id']}#{key}" for key in keys]
                    if not any(i in shown for i in ids):
                        continue
                    value = [of.get(i) if i in shown else None for i in ids]
                    note, failed = None, any(is_failed(item, x) for x in value)
                elif item["id"] in shown:
                    answer = answers.get((v.id, item["id"]))
                    value = of.get(item["id"])
                    note = answer.note if answer and of is stored else None
                    failed = is_failed(item, value)
                else:
                    continue
                items.append({"id": item["id"], "text": item.get("text"),
                              "severity": item.get("severity"),
                              "basis": basis_text(definition, item, day), "value": value,
                              "note": note, "failed": failed})
            sections.append({"id": s.get("id"), "title": s.get("title"), "items": items})
        out.append({"slug": v.checklist.slug, "version": v.version,
                    "title": definition.get("title") or v.checklist.title, "sections": sections})
    return out


def _photos(inspection: Inspection) -> list[dict]:
    slugs = {link.checklist_version_id: link.checklist_version.checklist.slug
             for link in inspection.checklist_versions}
    # Evidence of a remediation check made during the visit belongs to that item, not here.
    rows = db.session.scalars(select(Photo).where(
        Photo.inspection_id == inspection.id, Photo.remediation_item_id.is_(None))).all()
    photos = [{"sha256": p.sha256, "caption": p.caption, "captured_at": format_time(p.captured_at),
               "checklist": slugs.get(p.checklist_version_id), "item": p.item_id,
               # Only on a marked-up photo: records without mark-ups keep their exact form.
               **({"markup_of": p.markup_of_sha256} if p.markup_of_sha256 else {})}
              for p in rows]
    return sorted(photos, key=lambda p: (p["captured_at"] is not None, p["captured_at"] or "",
                                         p["sha256"]))


def _pick(source, keys: tuple) -> dict:
    source = source if isinstance(source, dict) else {}
    return {k: source.get(k) for k in keys}


def _list(source) -> list:
    return [x for x in source if isinstance(x, dict)] if isinstance(source, list) else []


def draft_part(draft: dict) -> dict:
    """What the draft adds to the record, reduced to the record's keys."""
    draft = draft if isinstance(draft, dict) else {}
    return {
        "representatives": [_pick(r, ("full_name", "position"))
                            for r in _list(draft.get("representatives"))],
        "assessment": _pick(draft.get("assessment"), ("strengths", "shortcomings", "causes")),
        "remediation": [_pick(r, ("uuid", "checklist", "item", "action", "basis", "responsible",
                                  "deadline")) for r in _list(draft.get("remediation"))],
        "unit_opinion": draft.get("unit_opinion"),
    }


def build_record(inspection: Inspection, draft: dict, minutes_uuid: str,
                 amends_uuid: str | None = None, amendment_reason: str | None = None) -> dict:
    """The record of format 1 for this inspection as the database holds it, plus the draft."""
    draft = draft if isinstance(draft, dict) else {}
    round_ = inspection.round
    attendance = _attendance(inspection)
    return {
        "format": FORMAT,
        "minutes": minutes_uuid,
        "amends": amends_uuid,
        "amendment_reason": amendment_reason,
        "inspection": inspection.uuid,
        "kind": inspection.kind,
        "body": _body(inspection),
        "grounds": {"team_decision": inspection.team.decision_ref if inspection.team else None,
                    "plan": round_.plan_ref if round_ else None},
        "unit": {"id": inspection.unit.id, "name": inspection.unit.name},
        "location": inspection.location,
        "started_at": format_time(inspection.started_at),
        "ended_at": format_time(draft.get("ended_at") or inspection.ended_at),
        "members": _members(inspection),
        "attendance": attendance,
        # The figures the minutes state ("Có mặt 10/10 …"), only when a roll-call was taken.
        **({"roll_call": rollcall.tally(attendance)} if attendance else {}),
        "checklists": _checklists(inspection),
        "photos": _photos(inspection),
        **draft_part(draft),
    }
