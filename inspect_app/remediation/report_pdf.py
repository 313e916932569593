"""The remediation report as an A4 PDF, laid out per Nghị định 30/2020 like the minutes."""
import io
import re
from datetime import date

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..minutes import fonts
from ..minutes.labels import nfc
from ..minutes.pdf_styles import styles, t
from .labels import dmy

# Pure-Python ASCII85 of every image costs seconds and makes the file 20% larger.
rl_config.useA85 = 0

WIDTH = 165 * mm  # A4 less the 30 mm left and 15 mm right margins
THUMB_W, THUMB_H = 38 * mm, 28 * mm
COMMUNE_KINDS = ("commune", "ward", "town", "special_zone")
# "Xã Tân Lập" → "Tân Lập", the place written before the date.
_PLACE_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu|tỉnh|thành phố)\s+", re.IGNORECASE)


def _styles() -> dict:
    """The minutes' styles; the list of recipients is set like a table cell."""
    shared = styles()
    return {**shared, "recipients": shared["cell"]}


def long_date(d: date) -> str:
    """"ngày 05 tháng 11 năm 2026": Nghị định 30/2020 pads days and months below 10."""
    return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"


def issuer_name(doc: dict) -> str:
    """The unit as it speaks in the text: "Ủy ban nhân dân xã Tân Lập" for a commune."""
    name = nfc(doc["unit"])
    if doc["unit_kind"] in COMMUNE_KINDS:
        return f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"
    return name


def header_lines(doc: dict) -> list[tuple[str, bool]]:
    """The header's issuing body in capitals, each line with whether it is bold."""
    if doc["unit_kind"] in COMMUNE_KINDS:
        return [("ỦY BAN NHÂN DÂN", True), (nfc(doc["unit"]).upper(), True)]
    lines = [(nfc(doc["parent"]).upper(), False)] if doc.get("parent") else []
    return lines + [(nfc(doc["unit"]).upper(), True)]


def _header(doc: dict, s: dict) -> list:
    number = nfc(doc.get("number") or "      /BC")
    left = [Paragraph(t(text), s["center_bold" if bold else "center"])
            for text, bold in header_lines(doc)]
    left += [HRFlowable(width="35%", thickness=0.6, color=colors.black, spaceBefore=1,
                        spaceAfter=4),
             Paragraph(f"Số: {t(number)}", s["center"])]
    place = _PLACE_PREFIX.sub("", nfc(doc["unit"]))
    right = [Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["national"]),
             Paragraph("<u>Độc lập - Tự do - Hạnh phúc</u>", s["center_bold"]), Spacer(1, 6),
             Paragraph(f"{t(place)}, {long_date(doc['date'])}", s["center_italic"])]
    table = Table([[left, right]], colWidths=[62 * mm, WIDTH - 62 * mm])
    table.setStyle(_plain([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table]


def _plain(commands: list) -> TableStyle:
    # The default cell font is Helvetica, unembedded and without Vietnamese letters.
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts.register()["regular"], 11),
                       ("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("RIGHTPADDING", (0, 0), (-1, -1), 0), *commands])


def _opening(doc: dict, s: dict) -> list:
    out = [Paragraph("BÁO CÁO", s["title"]),
           Paragraph("Kết quả khắc phục tồn tại, hạn chế sau kiểm tra công tác cải cách hành "
                     "chính", s["center_bold"]),
           HRFlowable(width="25%", thickness=0.6, color=colors.black, spaceBefore=2,
                      spaceAfter=8),
           Paragraph(f"Kính gửi: {t('; '.join(doc['recipients']))}.", s["center"]),
           Spacer(1, 8)]
    out += [Paragraph(f"Căn cứ {t(g)};", s["indent"]) for g in doc["grounds"]]
    out.append(Paragraph(
        f"{t(issuer_name(doc))} báo cáo kết quả khắc phục các tồn tại, hạn chế theo yêu cầu "
        f"của cơ quan kiểm tra ({len(doc['lines'])} nội dung) như sau:", s["indent"]))
    return out


def _photos(shas: list[str], s: dict, image_path) -> list:
    if not shas:
        return [Paragraph("<i>Không kèm ảnh</i>", s["cell_center"])]
    return [Image(str(image_path(sha)), THUMB_W, THUMB_H, kind="proportional") for sha in shas]


def _table(doc: dict, s: dict, image_path) -> list:
    data = [[Paragraph(h, s["cell_head"]) for h in
             ("STT", "Yêu cầu khắc phục", "Kết quả khắc phục", "Minh chứng")]]
    for n, line in enumerate(doc["lines"], 1):
        asked = [Paragraph(t(line["action"]), s["cell"]),
                 Paragraph(f"<i>Thời hạn: {dmy(line['deadline'])}</i>", s["cell"])]
        if line.get("responsible"):
            asked.append(Paragraph(f"<i>Người chịu trách nhiệm: {t(line['responsible'])}</i>",
                                   s["cell"]))
        done = [Paragraph(t(line["report_text"]), s["cell"]),
                Paragraph(f"<i>Báo cáo ngày {dmy(line['reported_at'])}</i>", s["cell"])]
        data.append([Paragraph(str(n), s["cell_center"]), asked, done,
                     _photos(line["photos"], s, image_path)])
    table = Table(data, colWidths=[10 * mm, 55 * mm, 58 * mm, 42 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), fonts.register()["regular"], 11),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (3, 1), (3, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
    return [Spacer(1, 4), table, Spacer(1, 6)]


def _closing(doc: dict, s: dict) -> list:
    out = []
    if doc.get("note"):
        out += [Paragraph("<b>Đề xuất, kiến nghị</b>", s["body"]),
                Paragraph(t(doc["note"]), s["indent"])]
    out.append(Paragraph(f"Trên đây là báo cáo kết quả khắc phục của {t(issuer_name(doc))}./.",
                         s["indent"]))
    recipients = [Paragraph("<b><i>Nơi nhận:</i></b>", s["recipients"]),
                  Paragraph("- Như trên;", s["recipients"]),
                  Paragraph("- Lưu: VT.", s["recipients"])]
    title = nfc(doc.get("signer_title") or "Người đứng đầu đơn vị")
    sign = [Paragraph(t(title.upper()), s["center_bold"]), Spacer(1, 22 * mm),
            Paragraph(f"<b>{t(doc['signer_name'])}</b>", s["center"])]
    table = Table([[recipients, sign]], colWidths=[WIDTH / 2 - 10 * mm, WIDTH / 2 + 10 * mm])
    table.setStyle(_plain([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return out + [Spacer(1, 10), KeepTogether([table])]


def _page_numbers(canvas, doc) -> None:
    """From page 2, centred in the top margin (Nghị định 30/2020)."""
    if doc.page > 1:
        canvas.saveState()
        canvas.setFont(fonts.register()["regular"], 13)
        width, height = A4
        canvas.drawCentredString(width / 2, height - 12 * mm, str(doc.page))
        canvas.restoreState()


def render_report_pdf(doc: dict, image_path) -> bytes:
    """The PDF bytes; image_path(sha256) gives the file of a stored photo's thumbnail."""
    names = fonts.register()
    s = _styles()
    buf = io.BytesIO()
    pdf = SimpleDocTemplate(
        buf, pagesize=A4, topMargin=20 * mm, bottomMargin=20 * mm, leftMargin=30 * mm,
        rightMargin=15 * mm, title=nfc(f"Báo cáo kết quả khắc phục – {doc['unit']}"),
        author=nfc(doc["unit"]), creator="inspect_app", lang="vi-VN",
        # Else every page starts in Helvetica, an unembedded font without Vietnamese letters.
        initialFontName=names["regular"], initialFontSize=13)
    story = [*_header(doc, s), *_opening(doc, s), *_table(doc, s, image_path),
             *_closing(doc, s)]
    pdf.build(story, onFirstPage=_page_numbers, onLaterPages=_page_numbers)
    return buf.getvalue()
