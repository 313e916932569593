"""The sentences an official writes in the minutes, from a record's items (docs/minutes.md,
"Wording"): answers as labels, failed items as findings, requests as actions with a date, the
overall assessment from the findings, the subject from the checklists used.

Plain values in, text out. static/js/minutes/wording.js is its twin for the device's preview and
draft; both are tested against tests/fixtures/wording/cases.json, so they cannot drift.

`spec` is an item of a checklist version's definition (type, compliant, choices, unit, finding,
remedy); records keep only codes, so labels and wording come from the version the record names.
Without a spec (an older or hand-made record) the wording falls back on the record alone.
"""
from datetime import date, datetime, timedelta

from ..documents.answers import WORDS, answer, number  # noqa: F401  (printed alike everywhere)
from ..documents.issuer import COMMITTEE
from ..documents.text import in_sentence, lower_first, nfc, split_unit_type
from ..inspections.answers import find_item
from ..inspections.models import SEVERITIES
from ..timeutil import vietnam_time

SEVERITY = {code: words.lower() for code, words in SEVERITIES.items()}  # mid-sentence
RANK = {"critical": 0, "major": 1, "minor": 2}
MOST_SERIOUS = 3  # findings the assessment names

# A failed "no" to an item that states what is required: the statement turned into the fault.
# The first prefix that opens the text wins ("Không có …" before "Không …").
FAULT_OF = (("Không có ", "Có "), ("Không ", "Còn tình trạng "), ("Có ", "Chưa có "),
            ("Đã ", "Chưa "))
# The same statement turned into the request that remedies it.
ACTION_OF = (("Không có ", "Chấn chỉnh, chấm dứt tình trạng "),
             ("Không ", "Chấn chỉnh, chấm dứt tình trạng "), ("Có ", "Bảo đảm có "), ("Đã ", ""))


def result(item: dict, spec: dict | None = None) -> str:
    """What the table of items that passed prints: "Đạt" for a yes/no item (a bare "Có" beside
    "Không hút thuốc lá …" would read both ways), else the answer."""
    if _kind(item, spec or {}) == "yes_no" and item.get("value") in ("yes", "no"):
        return "Đạt"
    return answer(item.get("value"), spec)


def is_observation(spec: dict | None) -> bool:
    """A text item (what the inspector wrote on site) or a multiple choice (its labels joined):
    printed as a sentence of its own, too long for a table's cell."""
    return (spec or {}).get("type") in ("text", "multiple")


def _clause(item: dict) -> str:
    return nfc(item.get("text") or item.get("id") or "").strip().rstrip(".").strip()


def _sentence(text: str) -> str:
    """Capital first, a full stop last (unless the text ends with its own mark)."""
    text = nfc(text).strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _swap(text: str, table) -> tuple[str, str] | None:
    for prefix, replacement in table:
        if text.startswith(prefix):
            return replacement, text[len(prefix):]
    return None


def _kind(item: dict, spec: dict) -> str:
    if spec.get("type"):
        return spec["type"]
    return "yes_no" if item.get("value") in ("yes", "no") else "other"


def finding(item: dict, spec: dict | None = None) -> str:
    """A failed item as a fault found: the item's `finding` ({value} filled), else a sentence
    from its text and answer that never negates a negation."""
    spec = spec or {}
    value = item.get("value")
    if spec.get("finding"):
        return _sentence(spec["finding"].replace("{value}", answer(value, spec, unit=False)))
    text = _clause(item)
    if _kind(item, spec) == "yes_no":
        if value == "yes":  # compliant "no": the text itself states the fault
            return _sentence(text)
        swapped = _swap(text, FAULT_OF)
        if swapped:
            return _sentence(swapped[0] + swapped[1])
        return _sentence(f"Chưa bảo đảm yêu cầu: {lower_first(text)}")
    return _sentence(f"{text}: {answer(value, spec)}")


def remedy(item: dict, spec: dict | None = None) -> str:
    """The action that remedies a failed item: its `remedy`, else one made from its text."""
    spec = spec or {}
    if spec.get("remedy"):
        return _sentence(spec["remedy"].replace("{value}", answer(item.get("value"), spec,
                                                                  unit=False)))
    text = _clause(item)
    if _kind(item, spec) == "yes_no":
        if item.get("value") == "yes":  # the text states the fault: end it
            swapped = _swap(text, (("Có ", ""), ("Còn ", "")))
            rest = lower_first(swapped[1] if swapped else text)
            state = "" if rest.startswith(("tình trạng ", "hiện tượng ")) else "tình trạng "
            return _sentence(f"Chấn chỉnh, chấm dứt {state}{rest}")
        swapped = _swap(text, ACTION_OF)
        if swapped:
            return _sentence(swapped[0] + swapped[1])
        return _sentence(f"Bảo đảm {lower_first(text)}")
    return _sentence(f"Chấn chỉnh, khắc phục tồn tại về {lower_first(text)}")


def reference(item: dict) -> str:
    """"(mức độ nghiêm trọng; KL-05)": the severity in words, the item's code last."""
    words = SEVERITY.get(item.get("severity"))
    parts = ([f"mức độ {words}"] if words else []) + [nfc(item.get("id") or "")]
    return f"({'; '.join(p for p in parts if p)})"


def minutes_date(record: dict) -> date:
    """The minutes' date: the day the inspection started, in Vietnam time."""
    started = datetime.strptime(record["started_at"], "%Y-%m-%dT%H:%M:%SZ")
    return vietnam_time(started).date()


def due_date(record: dict, days: int) -> date:
    """A deadline `days` after the minutes' date."""
    return minutes_date(record) + timedelta(days=days)


def by_date(value: str | date | None) -> str:
    """"trước ngày 19/12/2026" for a deadline; "" without one."""
    if not value:
        return ""
    d = date.fromisoformat(value) if isinstance(value, str) else value
    return f"trước ngày {d:%d/%m/%Y}"


def report_by(record: dict) -> str | None:
    """The date the unit reports back by: its last remediation deadline."""
    dates = [r.get("deadline") for r in record.get("remediation") or () if r.get("deadline")]
    return max(dates) if dates else None


def unit_in_sentence(name: str) -> str:
    """An inspected area unit is its People's Committee, named mid-sentence: "UBND xã Tân Lập";
    other units ("Văn phòng HĐND và UBND …") as they are named."""
    kind, _ = split_unit_type(name)
    return f"UBND {in_sentence(name)}" if kind else nfc(name).strip()


def place_of(name: str) -> str:
    """The place before the date, from a body's name: "Minh Sơn" for "UBND tỉnh Minh Sơn"."""
    return split_unit_type(COMMITTEE.sub("", nfc(name).strip()))[1]


def _used(record: dict) -> list[dict]:
    """The checklists the team used: those with at least one answer."""
    return [c for c in record.get("checklists") or ()
            if any(i.get("value") is not None for i in _items(c))]


def _items(checklist: dict):
    for section in checklist.get("sections") or ():
        yield from section.get("items") or ()


def _topics(checklists: list[dict]) -> str:
    return "; ".join(lower_first(c.get("title") or c.get("slug") or "") for c in checklists)


def subject(record: dict) -> str:
    """"Kiểm tra đột xuất về kỷ luật, kỷ cương hành chính; văn hóa công sở tại UBND xã Tân
    Lập": the checklists actually used, the unit mid-sentence."""
    kind = " đột xuất" if record.get("kind") == "surprise" else ""
    used = _used(record) or list(record.get("checklists") or ())
    topics = _topics(used) or "công tác cải cách hành chính, kỷ luật, kỷ cương hành chính"
    return f"Kiểm tra{kind} về {topics} tại {unit_in_sentence(record['unit']['name'])}"


def spec_for(definitions: dict | None, slug: str | None, item_id: str) -> dict | None:
    """The item `item_id` of the definition of checklist `slug` ({slug: definition})."""
    return find_item((definitions or {}).get(slug) or {}, item_id)


def failures(record: dict, definitions: dict | None = None) -> list[tuple[dict, dict, dict]]:
    """(checklist, item, spec) for every failed item, in the record's order."""
    return [(c, i, spec_for(definitions, c.get("slug"), i.get("id")) or {})
            for c in record.get("checklists") or () for i in _items(c) if i.get("failed")]


def shortcomings(record: dict, definitions: dict | None = None) -> str | None:
    """The assessment's "Tồn tại, hạn chế" from the findings: the areas with faults, how many,
    and the most serious faults in words; None when nothing failed."""
    found = failures(record, definitions)
    if not found:
        return None
    areas = []
    for c in record.get("checklists") or ():
        n = sum(1 for checklist, _, _ in found if checklist is c)
        if n:
            areas.append(f"{lower_first(c.get('title') or c.get('slug') or '')} ({n} nội dung)")
    ranked = sorted(found, key=lambda f: RANK.get(f[1].get("severity"), 3))
    top = RANK.get(ranked[0][1].get("severity"), 3)
    worst = [f for f in ranked if RANK.get(f[1].get("severity"), 3) == top][:MOST_SERIOUS]
    said = "; ".join(lower_first(finding(i, spec)).rstrip(".") for _, i, spec in worst)
    head = ("Những tồn tại nghiêm trọng nhất" if top < 2 else "Các tồn tại chủ yếu")
    return (f"Đơn vị còn tồn tại, hạn chế về {'; '.join(areas)}. {head}: {said}.")


def strengths(record: dict) -> str | None:
    """The checklists used in which every answered item passed, as a strength; else None."""
    clean = [c for c in _used(record) if not any(i.get("failed") for i in _items(c))]
    if not clean:
        return None
    return f"Các nội dung kiểm tra về {_topics(clean)} đều đạt yêu cầu."
