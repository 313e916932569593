"""The remediation report as an A4 PDF, laid out per Nghị định 30/2020 like the minutes."""
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Image, Paragraph, Spacer, Table, TableStyle

from ..documents import fonts, form
from ..documents.styles import styles, t
from ..documents.text import nfc
from .labels import dmy

THUMB_W, THUMB_H = 38 * mm, 28 * mm
SYMBOL = "BC"  # the unit's clerk gives the rest of the number


def _header(doc: dict, s: dict) -> list:
    return form.header(doc["issuer"], doc.get("number"), SYMBOL, doc["date"])


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
        f"{t(doc['issuer'].full_name)} báo cáo kết quả khắc phục các tồn tại, hạn chế theo yêu cầu "
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
    speaker = doc["issuer"].full_name
    out.append(Paragraph(f"Trên đây là báo cáo kết quả khắc phục của {t(speaker)}./.",
                         s["indent"]))
    title = nfc(doc.get("signer_title") or "Người đứng đầu đơn vị")
    sign = form.signature_block(form.Signer([title.upper()], doc["signer_name"]))
    return out + form.signatures(form.recipients(["Như trên"], []), sign)


def render_report_pdf(doc: dict, image_path) -> bytes:
    """The PDF bytes; image_path(sha256) gives the file of a stored photo's thumbnail."""
    s = styles()
    story = [*_header(doc, s), *_opening(doc, s), *_table(doc, s, image_path),
             *_closing(doc, s)]
    return form.build(story, title=f"Báo cáo kết quả khắc phục – {doc['unit']}",
                      author=doc["issuer"].full_name)
