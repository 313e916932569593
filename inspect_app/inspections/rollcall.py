"""The roll-call ("điểm danh") and the checklist items that count from it: plain values only.

The roll-call is the attendance rows of an inspection: each person on the unit's list marked
present, late, absent with or without reason; people met on site who are not on the list are kept
apart ("10/10 + 1"). An item may declare `roll_call: <kind>` (checklists/README.md); its answer is
then offered from the roll-call and checked against it, so one document never says two things:
the device shows a contradiction beside the item and refuses to sign, and so does the server
(minutes.operations). static/js/rollcall.js is this module's twin; both are tested on
tests/fixtures/rollcall.json.

Rows are in the record's shape (docs/minutes.md: full_name, position, status, note, and
`met_on_site: true` only on someone not on the list), or as stored and pulled (`staff_member_id`
null for someone not on the list).
"""
import unicodedata

# What an item may take from the roll-call, and the answer type that needs.
KINDS = {
    "all_present": "yes_no",            # "yes" contradicts anyone absent without reason or late
    "absent": "count",                  # everyone on the list absent, with or without reason
    "absent_unexcused": "count",
    "late": "count",
    "late_or_left_early": "count",      # at least the late: the roll-call sees no one leave early
    "absent_unexcused_names": "text",   # names every one absent without reason
}


def _key(text) -> str:
    # Names compared as people read them: NFC, case and spacing aside.
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def met_on_site(row: dict) -> bool:
    """Someone not on the unit's list: flagged in the record, without a staff id when stored."""
    return bool(row.get("met_on_site")) or (
        "staff_member_id" in row and row["staff_member_id"] is None)


def _on_list(rows) -> list[dict]:
    return [r for r in rows if not met_on_site(r)]


def tally(rows) -> dict:
    """The figures the minutes state: of those on the list, how many `expected` and `present`
    (the late among them), absent with and without reason; and those `met_on_site` apart."""
    listed = _on_list(rows)
    count = lambda status: sum(1 for r in listed if r.get("status") == status)
    return {"expected": len(listed), "present": count("present") + count("late"),
            "late": count("late"), "absent_excused": count("absent_excused"),
            "absent_unexcused": count("absent_unexcused"),
            "met_on_site": len(rows) - len(listed)}


def counter(figures: dict, expected: int | None = None) -> str:
    """'10/10 + 1': present of those expected, plus people met on site. `expected` counts the
    whole list on the device, where some may not be marked yet."""
    shown = f"{figures['present']}/{figures['expected'] if expected is None else expected}"
    return shown + (f" + {figures['met_on_site']}" if figures["met_on_site"] else "")


def sentence(figures: dict, rows) -> str:
    """'Có mặt 9/10 người theo danh sách (1 người đi muộn), vắng có phép 1; ngoài ra làm việc với
    1 người ngoài danh sách: Trần Văn B (Chủ tịch UBND xã).' as the minutes state it."""
    if not rows:
        return ""
    met = [r for r in rows if met_on_site(r)]
    names = ", ".join(r["full_name"] + (f" ({r['position']})" if r.get("position") else "")
                      for r in met)
    if not figures["expected"]:
        return f"Đoàn làm việc với {len(met)} người tại đơn vị: {names}."
    text = f"Có mặt {figures['present']}/{figures['expected']} người theo danh sách"
    if figures["late"]:
        text += f" ({figures['late']} người đi muộn)"
    away = [f"{label} {figures[key]}" for key, label in (("absent_excused", "vắng có phép"),
                                                         ("absent_unexcused", "vắng không phép"))
            if figures[key]]
    if away:
        text += ", " + ", ".join(away)
    if met:
        text += f"; ngoài ra làm việc với {len(met)} người ngoài danh sách: {names}"
    return text + "."


def _absent_unexcused(rows) -> list[dict]:
    return [r for r in _on_list(rows) if r.get("status") == "absent_unexcused"]


def suggestion(kind: str, rows):
    """The answer the roll-call gives for an item of this kind (None: no roll-call yet)."""
    if not _on_list(rows) or kind not in KINDS:
        return None
    figures = tally(rows)
    if kind == "all_present":
        return "no" if figures["absent_unexcused"] or figures["late"] else "yes"
    if kind == "absent":
        return figures["absent_excused"] + figures["absent_unexcused"]
    if kind in ("late", "late_or_left_early"):
        return figures["late"]
    if kind == "absent_unexcused_names":
        return "\n".join(r["full_name"] + (f" – {r['position']}" if r.get("position") else "")
                         for r in _absent_unexcused(rows)) or None
    return figures[kind]


def contradiction(kind: str, value, rows) -> str | None:
    """Why `value` contradicts the roll-call (Vietnamese), or None: unanswered, "na", no
    roll-call of the list yet (people met on site alone) and an unknown kind never contradict."""
    if not _on_list(rows) or value is None or value == "na" or kind not in KINDS:
        return None
    figures = tally(rows)
    if kind == "all_present":
        if value != "yes":
            return None
        found = [f"{figures[k]} người {label}" for k, label in
                 (("absent_unexcused", "vắng không phép"), ("late", "đi muộn")) if figures[k]]
        return f"điểm danh có {' và '.join(found)}, mục lại ghi là có mặt đầy đủ, đúng giờ" \
            if found else None
    if kind == "absent_unexcused_names":
        said = _key(value if isinstance(value, str) else "")
        missing = [r["full_name"] for r in _absent_unexcused(rows)
                   if _key(r["full_name"]) not in said]
        return f"thiếu tên người vắng không phép theo điểm danh: {', '.join(missing)}" \
            if missing else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if kind == "late_or_left_early":
        n = figures["late"]
        return f"điểm danh có {n} người đi muộn, mục ghi {_number(value)} người (ít hơn)" \
            if value < n else None
    n, what = {"absent": (figures["absent_excused"] + figures["absent_unexcused"], "vắng mặt"),
               "absent_unexcused": (figures["absent_unexcused"], "vắng không phép"),
               "late": (figures["late"], "đi muộn")}[kind]
    return f"điểm danh có {n} người {what}, mục ghi {_number(value)} người" if value != n else None


def _number(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def contradictions(record: dict, definitions: dict) -> list[dict]:
    """Every item of the record that contradicts its roll-call: {checklist, item, reason}.

    `definitions` maps (slug, version) to the version's definition, where `roll_call` is read;
    only the items the record reports (shown ones) are checked."""
    rows = record.get("attendance") or []
    out = []
    for checklist in record.get("checklists") or ():
        definition = definitions.get((checklist.get("slug"), checklist.get("version"))) or {}
        kinds = {item.get("id"): item.get("roll_call")
                 for section in definition.get("sections") or ()
                 for item in section.get("items") or () if item.get("roll_call")}
        for section in checklist.get("sections") or ():
            for item in section.get("items") or ():
                kind = kinds.get(item.get("id"))
                reason = contradiction(kind, item.get("value"), rows) if kind else None
                if reason:
                    out.append({"checklist": checklist.get("slug"), "item": item["id"],
                                "reason": reason})
    return out


def refusal(found: list[dict]) -> str:
    """'KL-02: điểm danh có 2 người vắng không phép, mục ghi 0 người; KL-17: …'"""
    return "; ".join(f"{c['item']}: {c['reason']}" for c in found)
