"""The round report to the province ("Báo cáo kết quả kiểm tra"): units inspected, findings and
recurring faults by unit, scores by checklist, remediation progress; numbered and signed like
every document the office issues. Its figures are taken on the day it is drafted and kept in its
record, so the issued report reprints as it was."""
from dataclasses import asdict

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from .. import form
from ..printing import common
from ..styles import p, t, table_style
from ..text import in_sentence, lower_first
from .rounds import period, round_part

KIND = "report"
TITLE = "BÁO CÁO"
NOUN = "báo cáo"
NAME = "Báo cáo kết quả kiểm tra"
FIGURES = ("findings", "recurring", "open", "overdue", "verified")


def _row(follow) -> dict:
    row = {k: v for k, v in asdict(follow).items() if k in FIGURES or k in ("unit", "scores")}
    row["open"] = follow.open + follow.overdue  # not yet fixed, overdue or not
    return row


def draft(rnd, issuer, settings, pages: list, titles: dict[str, str]) -> dict:
    """The report of `rnd` from every page of its dashboard (so every unit)."""
    rows = [_row(r) for page in pages for r in page.rows]
    total = pages[0].total if pages else None
    slugs = sorted({s for r in rows for s in r["scores"]})
    recipients = ([f"{settings.superior_recipient} (để báo cáo)"]
                  if settings.superior_recipient else []) + ["Các đơn vị được kiểm tra"]
    return {**common(issuer, settings, KIND, recipients), "round": round_part(rnd, needs_checklists=False),
            "subject": _subject(rnd.name),
            "plan_ref": rnd.plan_ref, "inspections": pages[0].inspections if pages else 0,
            "total": ({k: getattr(total, k) for k in ("findings", "verified", "reported", "open",
                                                      "overdue")} if total else None),
            "rows": rows, "checklists": [[s, titles.get(s, s)] for s in slugs]}


def _subject(name: str) -> str:
    """"Kết quả kiểm tra công tác CCHC đợt 1 năm 2026", whether or not the round's name opens
    with "Kiểm tra"."""
    name = lower_first(name)
    return f"Kết quả {name}" if name.startswith("kiểm tra") else f"Kết quả kiểm tra {name}"


def _cells(row: dict, slugs: list[str]) -> list:
    scores = [f"{row['scores'][s]:.0f}" if row["scores"].get(s) is not None else "–"
              for s in slugs]
    return [p(t(row["unit"]), "cell"),
            *(p(str(v), "cell_center") for v in [*(row[k] for k in FIGURES), *scores])]


def body(record: dict) -> list:
    rnd = record["round"]
    plan = f" {t(record['plan_ref'])}." if record.get("plan_ref") else ""
    story = [p(f"Thời gian kiểm tra: {t(period(rnd))}.{plan}", "indent")]
    total = record.get("total")
    if total is not None:
        story.append(p(
            f"Đoàn kiểm tra đã kiểm tra {record['inspections']} đơn vị, phát hiện "
            f"{total['findings']} tồn tại, hạn chế. Đến nay: {total['verified']} yêu cầu khắc "
            f"phục đã được xác minh, {total['reported']} đã báo cáo chờ xác minh, "
            f"{total['open']} chưa khắc phục, {total['overdue']} quá hạn.", "indent"))
    slugs = [s for s, _ in record["checklists"]]
    # A checklist's title would break letter by letter in a narrow score column: the column
    # is headed "(1)" and the note above the table names each.
    legend = "; ".join(f"({n}) {title}" for n, (_, title) in enumerate(record["checklists"], 1))
    story += [p("Kết quả từng đơn vị", "heading"), p(
        (f"Các cột {t(legend)}: điểm của từng bộ phiếu, " if legend else "Điểm: ")
        + "tỷ lệ (%) trọng số các nội dung đạt trên các nội dung áp dụng; tái phạm: nội dung "
        "không đạt ở cả lần kiểm tra trước.", "small"), Spacer(1, 3)]
    head = ["Đơn vị", "Tồn tại", "Tái phạm", "Chưa khắc phục", "Quá hạn", "Đã xác minh",
            *(f"({n})" for n in range(1, len(slugs) + 1))]
    fixed = [36 * mm, 13 * mm, 16 * mm, 17 * mm, 13 * mm, 15 * mm]
    rest = (form.WIDTH - sum(fixed)) / max(len(slugs), 1)
    table = Table([[p(t(h), "cell_head") for h in head],
                   *(_cells(r, slugs) for r in record["rows"])],
                  colWidths=fixed + [rest] * len(slugs), repeatRows=1)
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(table)
    recurring = [in_sentence(r["unit"]) for r in record["rows"] if r["recurring"]]
    overdue = [in_sentence(r["unit"]) for r in record["rows"] if r["overdue"]]
    story.append(p("Kiến nghị, đề xuất", "heading"))
    proposals = []
    if recurring:
        proposals.append("Chỉ đạo các đơn vị có tồn tại tái phạm (" + ", ".join(recurring)
                         + ") kiểm điểm, làm rõ trách nhiệm của tập thể, cá nhân có liên quan")
    if overdue:
        proposals.append("Yêu cầu các đơn vị còn yêu cầu khắc phục quá hạn (" + ", ".join(overdue)
                         + ") hoàn thành khắc phục và báo cáo kết quả")
    proposals.append("Tiếp tục kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính "
                     "trong các đợt tiếp theo")
    story += [p(f"- {t(x)}{'.' if n == len(proposals) - 1 else ';'}", "indent")
              for n, x in enumerate(proposals)]
    return story
