"""Findings derived from failed answers: one per failed item, following the current answer."""
import uuid as uuid_lib

from sqlalchemy import bindparam, select, update

from ..checklists.scoring import answer_type, is_failed
from ..checklists.visibility import instance_keys, shown_items
from ..extensions import db
from ..minutes.wording import finding as worded_finding
from ..photos.models import Photo
from ..remediation.models import RemediationItem
from .merge import ItemAnswer
from .models import SEVERITIES, Finding, Response

_RESPONSES = Response.__table__
# Read as plain rows: answers are written without the ORM (merge), so a held copy could be stale.
_ANSWERS = select(_RESPONSES.c.item_id, _RESPONSES.c.value, _RESPONSES.c.note).where(
    _RESPONSES.c.inspection_id == bindparam("inspection_id"),
    _RESPONSES.c.checklist_version_id == bindparam("version_id"))


def describe(item: dict, value, note: str | None) -> str:
    """The finding's text as the minutes word it ("Có 2 người vắng mặt …"), then the note."""
    text = worded_finding({"id": item.get("id"), "text": item.get("text") or item.get("title"),
                           "value": value}, item)
    if note and note.strip():
        text += " Ghi nhận: " + note.strip().rstrip(".") + "."
    return text


def follow_answer(response: ItemAnswer, item: dict, checklist_slug: str,
                  replaced_value=None) -> Finding | None:
    """Make, update or remove the item's derived finding so it matches the current answer."""
    fails = is_failed(item, response.value)
    if not fails and not is_failed(item, replaced_value):
        # No failure before or now: there is no finding to follow (one kept for a remediation
        # item stays as it is). Most answers pass, so this skips a query per answer.
        return None
    finding = db.session.scalar(select(Finding).where(
        Finding.inspection_id == response.inspection_id,
        Finding.checklist_version_id == response.checklist_version_id,
        Finding.item_id == response.item_id))
    return _follow(finding, fails, item, response.inspection_id, response.checklist_version_id,
                   checklist_slug, response.note, response.value)


def follow_logic(inspection_id: int, version_id: int, checklist_slug: str,
                 definition: dict) -> None:
    """For a checklist with conditions or computed items, after any answer: every item's finding
    follows what is shown now. A failed answer to an item hidden since then is kept (with its
    history) but is no finding; a computed item whose value fails its threshold is one."""
    rows = {r.item_id: r for r in db.session.execute(
        _ANSWERS, {"inspection_id": inspection_id, "version_id": version_id})}
    stored = {k: r.value for k, r in rows.items()}
    _, shown, computed = shown_items(definition, stored)
    findings = {f.item_id: f for f in db.session.scalars(select(Finding).where(
        Finding.inspection_id == inspection_id, Finding.checklist_version_id == version_id))}
    for section in definition.get("sections") or ():
        keys = instance_keys(stored.get(section.get("id"))) if "repeat" in section else None
        for item in section.get("items") or ():
            of = computed if answer_type(item) == "computed" else stored
            ids = [item["id"]] if keys is None else [f"{item['id']}#{k}" for k in keys]
            values = [of.get(i) for i in ids if i in shown]
            failing = [v for v in values if is_failed(item, v)]
            if not failing and item["id"] not in findings:
                continue
            row = rows.get(item["id"])
            note = row.note if row and keys is None else None
            if failing and keys is not None:
                # One finding per field of a repeat group: in how many instances it failed.
                label = (section["repeat"].get("label") or "lần").lower()
                note = f"{len(failing)}/{len(keys)} {label} chưa đạt" + (f"; {note}" if note else "")
            elif failing and of is computed:
                note = f"giá trị tính được {_number(failing[0], item.get('unit'))}" + (
                    f"; {note}" if note else "")
            value = failing[0] if failing else None  # a repeat group's first failed one
            _follow(findings.get(item["id"]), bool(failing), item, inspection_id, version_id,
                    checklist_slug, note, value)


def _number(value: float, unit: str | None) -> str:
    """66.666… → "66,7 %": one decimal at most, Vietnamese decimal comma, the item's unit."""
    text = f"{round(value, 1):g}".replace(".", ",")
    return f"{text} {unit}" if unit else text


def _follow(finding: Finding | None, fails: bool, item: dict, inspection_id: int,
            version_id: int, checklist_slug: str, note: str | None, value=None) -> Finding | None:
    if fails:
        severity = item.get("severity") if item.get("severity") in SEVERITIES else "minor"
        if finding is None:
            finding = Finding(uuid=str(uuid_lib.uuid4()), inspection_id=inspection_id,
                              checklist_version_id=version_id,
                              checklist_slug=checklist_slug, item_id=item["id"])
            db.session.add(finding)
        finding.severity = severity
        finding.description = describe(item, value, note)
        return finding
    if finding is not None and not _has_remediation(finding):
        # Photos stay as evidence of the item; only their link to the finding goes.
        db.session.execute(update(Photo).where(Photo.finding_id == finding.id).values(finding_id=None))
        db.session.delete(finding)
    return None


def _has_remediation(finding: Finding) -> bool:
    # A remediation item already asked of the unit keeps its finding: the minutes cited it.
    return db.session.scalar(
        select(RemediationItem.id).where(RemediationItem.finding_id == finding.id).limit(1)
    ) is not None
