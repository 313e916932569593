"""The round report ("báo cáo kết quả kiểm tra"): every unit of a round on a few A4 pages.

Drawn with the minutes' fonts and styles (Liberation Serif, Nghị định 30/2020 margins), so the
office's documents look alike.
"""
import io

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table

from ..minutes.pdf_styles import p, t, table_style
from .dashboard import Follow, RoundPage

rl_config.useA85 = 0
WIDTH = 165 * mm


def _cells(row: Follow, slugs: list[str]) -> list:
    scores = [f"{row.scores[s]:.0f}" if row.scores.get(s) is not None else "–" for s in slugs]
    return [p(t(row.unit), "cell"), *(p(str(v), "cell_center") for v in (
        row.findings, row.recurring, row.open + row.overdue, row.overdue, row.verified,
        *scores))]


def render_round_report(rnd, pages: list[RoundPage], titles: dict[str, str], body: str,
                        issued_on) -> bytes:
    """The report of `rnd` from its dashboard pages (every page, so every unit)."""
    rows = [r for page in pages for r in page.rows]
    total = pages[0].total if pages else None
    slugs = sorted({s for r in rows for s in r.scores})
    story = [
        p(t(body.upper()), "center_bold"),
        p(f"Ngày {issued_on:%d} tháng {issued_on:%m} năm {issued_on:%Y}", "center_italic"),
        p("BÁO CÁO KẾT QUẢ KIỂM TRA", "title"),
        p(t(rnd.name), "subject"),
        p(f"Thời gian kiểm tra: từ ngày {rnd.period_start:%d/%m/%Y} đến ngày "
          f"{rnd.period_end:%d/%m/%Y}. {t(rnd.plan_ref) + '.' if rnd.plan_ref else ''}", "indent"),
    ]
    if total is not None:
        story.append(p(
            f"Đoàn kiểm tra đã kiểm tra {pages[0].inspections} đơn vị, phát hiện "
            f"{total.findings} tồn tại, hạn chế. Đến nay: {total.verified} yêu cầu khắc phục "
            f"đã được xác minh, {total.reported} đã báo cáo chờ xác minh, {total.open} chưa "
            f"khắc phục, {total.overdue} quá hạn.", "indent"))
    story += [p("Kết quả từng đơn vị", "heading"), p(
        "Điểm: tỷ lệ (%) trọng số các nội dung đạt trên các nội dung áp dụng của từng bộ "
        "phiếu; tái phạm: nội dung không đạt ở cả lần kiểm tra trước.", "small"), Spacer(1, 3)]
    head = ["Đơn vị", "Tồn tại", "Tái phạm", "Chưa khắc phục", "Quá hạn", "Đã xác minh",
            *(titles.get(s, s) for s in slugs)]
    fixed = [45 * mm, 15 * mm, 15 * mm, 20 * mm, 15 * mm, 18 * mm]
    rest = (WIDTH - sum(fixed)) / max(len(slugs), 1)
    table = Table([[p(t(h), "cell_head") for h in head], *(_cells(r, slugs) for r in rows)],
                  colWidths=fixed + [rest] * len(slugs), repeatRows=1)
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm,
                      topMargin=20 * mm, bottomMargin=20 * mm, title="Báo cáo kết quả kiểm tra",
                      author=body).build(story)
    return out.getvalue()
