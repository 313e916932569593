"""The round report ("báo cáo kết quả kiểm tra"): every unit of a round on a few A4 pages,
on the office's document form (inspect_app/documents), as a draft for the office to number and
sign: "Số:" is left blank until it is registered.
"""
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from ..documents import form
from ..documents.issuer import Issuer
from ..documents.styles import p, t, table_style
from .dashboard import Follow, RoundPage

WIDTH = form.WIDTH


def _cells(row: Follow, slugs: list[str]) -> list:
    scores = [f"{row.scores[s]:.0f}" if row.scores.get(s) is not None else "–" for s in slugs]
    return [p(t(row.unit), "cell"), *(p(str(v), "cell_center") for v in (
        row.findings, row.recurring, row.open + row.overdue, row.overdue, row.verified,
        *scores))]


def render_round_report(rnd, pages: list[RoundPage], titles: dict[str, str], issuer: Issuer,
                        issued_on, lead: str | None) -> bytes:
    """The report of `rnd` from its dashboard pages (every page, so every unit), dated
    `issued_on`, to be signed by the team's lead."""
    rows = [r for page in pages for r in page.rows]
    total = pages[0].total if pages else None
    slugs = sorted({s for r in rows for s in r.scores})
    symbol = f"BC-{issuer.abbreviation}" if issuer.abbreviation else "BC"
    story = [
        *form.header(issuer, None, symbol, issued_on),
        p("BÁO CÁO", "title"),
        p(f"Kết quả kiểm tra: {t(rnd.name)}", "subject"),
        p(f"Thời gian kiểm tra: từ ngày {rnd.period_start:%d/%m/%Y} đến ngày "
          f"{rnd.period_end:%d/%m/%Y}. {t(rnd.plan_ref) + '.' if rnd.plan_ref else ''}", "indent"),
    ]
    if total is not None:
        story.append(p(
            f"Đoàn kiểm tra đã kiểm tra {pages[0].inspections} đơn vị, phát hiện "
            f"{total.findings} tồn tại, hạn chế. Đến nay: {total.verified} yêu cầu khắc phục "
            f"đã được xác minh, {total.reported} đã báo cáo chờ xác minh, {total.open} chưa "
            f"khắc phục, {total.overdue} quá hạn.", "indent"))
    # A checklist's title would break letter by letter in a narrow score column: the column
    # is headed "(1)" and the note above the table names each.
    legend = "; ".join(f"({n}) {titles.get(s, s)}" for n, s in enumerate(slugs, 1))
    story += [p("Kết quả từng đơn vị", "heading"), p(
        (f"Các cột {legend}: điểm của từng bộ phiếu, " if legend else "Điểm: ")
        + "tỷ lệ (%) trọng số các nội dung đạt trên các nội dung áp dụng; tái phạm: nội dung "
        "không đạt ở cả lần kiểm tra trước.", "small"), Spacer(1, 3)]
    head = ["Đơn vị", "Tồn tại", "Tái phạm", "Chưa khắc phục", "Quá hạn", "Đã xác minh",
            *(f"({n})" for n in range(1, len(slugs) + 1))]
    fixed = [45 * mm, 15 * mm, 15 * mm, 20 * mm, 15 * mm, 18 * mm]
    rest = (WIDTH - sum(fixed)) / max(len(slugs), 1)
    table = Table([[p(t(h), "cell_head") for h in head], *(_cells(r, slugs) for r in rows)],
                  colWidths=fixed + [rest] * len(slugs), repeatRows=1)
    table.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(table)
    archive = [issuer.abbreviation] if issuer.abbreviation else []
    sign = form.signature_block(form.Signer(["TRƯỞNG ĐOÀN KIỂM TRA"], lead))
    story += form.signatures(form.recipients(
        ["Ủy ban nhân dân tỉnh (để báo cáo)", "Các đơn vị được kiểm tra"], archive), sign)
    return form.build(story, title=f"Báo cáo kết quả kiểm tra – {rnd.name}",
                      author=issuer.full_name)
