"""II. Content and findings: attendance with absentees by name, then one block per checklist."""
from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Table

from ..documents.styles import p, t
from ..inspections import rollcall
from . import labels as L
from . import wording as W
from .pdf_sections import GRID, definitions

ORDER = ("present", "late", "absent_excused", "absent_unexcused")


def content(record: dict, meta: dict | None = None) -> list:
    """Section II: attendance first, then each checklist with its findings and figures."""
    out = [p("II. NỘI DUNG KIỂM TRA", "heading")]
    photos = photo_numbers(record)
    specs = definitions(meta)
    n = 1
    if record.get("attendance"):
        out += attendance(record["attendance"], n, record.get("roll_call"))
        n += 1
    for checklist in record.get("checklists") or []:
        out += checklist_block(checklist, n, photos, specs)
        n += 1
    return out


def appendix_photos(record: dict) -> list[dict]:
    """The photos the appendix shows, in the order taken: a marked-up copy stands in for its
    original (whose hash it prints beside its own)."""
    photos = record.get("photos") or []
    replaced = {p["markup_of"] for p in photos if p.get("markup_of")}
    # In the order they were taken; a photo without its time (the record lists it first) last.
    return sorted((p for p in photos if p["sha256"] not in replaced),
                  key=lambda p: p.get("captured_at") is None)


def photo_numbers(record: dict) -> dict[tuple, list[int]]:
    """(checklist, item) → the numbers its photos have in the appendix."""
    numbers: dict[tuple, list[int]] = {}
    for n, photo in enumerate(appendix_photos(record), 1):
        numbers.setdefault((photo.get("checklist"), photo.get("item")), []).append(n)
    return numbers


def attendance(rows: list, n: int, roll_call: dict | None = None) -> list:
    """Figures (present x of y, people met on site apart: the record's `roll_call`) and everyone
    on the list not present by name, with the status and note."""
    if roll_call:
        stated = t(rollcall.sentence(roll_call, rows))
        rows = [r for r in rows if not rollcall.met_on_site(r)]
    else:  # minutes signed before the record carried the roll-call's figures
        counts = Counter(r.get("status") for r in rows)
        figures = "; ".join(f"{L.attendance(s).lower()}: {counts[s]}" for s in ORDER if counts[s])
        stated = f"Tổng số cán bộ, công chức theo danh sách: {len(rows)}; {figures}."
    out = [p(f"{n}. Việc chấp hành thời giờ làm việc", "subheading"), p(stated, "indent")]
    missing = [r for r in rows if r.get("status") != "present"]
    if not missing:
        return out + [p("Toàn bộ cán bộ, công chức có mặt tại thời điểm kiểm tra.", "indent")]
    data = [[p(h, "cell_head") for h in ("STT", "Họ và tên", "Chức vụ", "Tình trạng", "Ghi chú")]]
    for i, r in enumerate(missing, 1):
        data.append([p(str(i), "cell_center"), p(t(r.get("full_name")), "cell"),
                     p(t(r.get("position")), "cell"), p(t(L.attendance(r.get("status"))), "cell"),
                     p(t(r.get("note")), "cell")])
    table = Table(data, colWidths=[10 * mm, 45 * mm, 40 * mm, 30 * mm, 40 * mm], repeatRows=1)
    table.setStyle(GRID)
    return out + [p("Danh sách người không có mặt đầy đủ:", "indent"), table]


def _items(checklist: dict):
    for section in checklist.get("sections") or []:
        for item in section.get("items") or []:
            yield section, item


def checklist_block(checklist: dict, n: int, photos: dict, specs: dict | None = None) -> list:
    """Figures, the failed items as findings, the answered ones summarised, the unanswered
    listed; answers worded from the definitions ({slug: definition}) the record names."""
    def spec(item):
        return W.spec_for(specs, checklist.get("slug"), item["id"])

    items = [i for _, i in _items(checklist)]
    failed = [i for i in items if i.get("failed")]
    answered = [i for i in items if i.get("value") is not None]
    na = sum(1 for i in answered if i.get("value") == "na")
    out = [p(f"{n}. {t(checklist.get('title'))}", "subheading"), p(
        f"Đã kiểm tra {len(answered)}/{len(items)} nội dung: đạt {len(answered) - len(failed) - na}"
        f", chưa đạt {len(failed)}, không áp dụng {na}.", "indent")]
    if failed:
        found = [p(_finding(checklist, item, spec(item), i, photos), "indent")
                 for i, item in enumerate(failed, 1)]
        # The label never ends a page alone: it goes over with the first finding.
        out += [KeepTogether([p("a) Các tồn tại, hạn chế:", "indent"), found[0]]), *found[1:]]
    passed = [i for i in answered if not i.get("failed")]
    if passed:
        out.append(p(f"{'b' if failed else 'a'}) Các nội dung đã kiểm tra khác:", "indent"))
        # Observations written on site are sentences: a paragraph each, not a narrow cell.
        said = [i for i in passed if W.is_observation(spec(i))]
        if len(said) < len(passed):
            out.append(_answered_table([i for i in passed if i not in said], spec))
        out += [p(f"- {t(i.get('text'))} ({t(i['id'])}): {t(W.result(i, spec(i)))}", "indent")
                for i in said]
    unanswered = [i["id"] for i in items if i.get("value") is None]
    if unanswered:
        out.append(p(f"Chưa kiểm tra: {t(', '.join(unanswered))}.", "indent"))
    return out


def _finding(checklist: dict, item: dict, spec: dict | None, i: int, photos: dict) -> str:
    """"1. Có 02 người vắng mặt không có lý do (mức độ nghiêm trọng; KL-02). Ghi nhận: …"."""
    said = W.finding(item, spec).rstrip(".")
    parts = [f"{i}. {t(said)} {t(W.reference(item))}."]
    if item.get("note"):
        parts.append(f"Ghi nhận: {t(item['note']).rstrip('.')}.")
    if item.get("basis"):
        parts.append(f"<i>Căn cứ: {t(item['basis'])}.</i>")
    shots = photos.get((checklist.get("slug"), item["id"]))
    if shots:
        parts.append(f"Ảnh minh chứng số {', '.join(map(str, shots))} (Phụ lục).")
    return " ".join(parts)


def _answered_table(items: list, spec) -> Table:
    data = [[p(h, "cell_head") for h in ("Mã", "Nội dung", "Kết quả", "Ghi chú")]]
    for item in items:
        data.append([p(t(item["id"]), "cell"), p(t(item.get("text")), "cell"),
                     p(t(W.result(item, spec(item))), "cell_center"),
                     p(t(item.get("note")), "cell")])
    table = Table(data, colWidths=[18 * mm, 87 * mm, 22 * mm, 38 * mm], repeatRows=1)
    table.setStyle(GRID)
    return table
