"""The parts of the Nghị định 30/2020 form every document shares, as ReportLab flowables:
the header (issuing body, number, national name and motto, place and date), "Nơi nhận",
signature blocks, page numbers, and the A4 page itself (Phụ lục I; DOMAIN.md)."""
import io
from dataclasses import dataclass, field
from datetime import date

from reportlab import rl_config
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (Flowable, HRFlowable, Image, KeepTogether, SimpleDocTemplate,
                                Spacer, Table)

from . import fonts
from .dates import place_and_date
from .issuer import Issuer
from .styles import p, t, table_style
from .text import nfc

# Pure-Python ASCII85 of every image costs seconds per 40 photos and makes the file 20% larger.
rl_config.useA85 = 0

WIDTH = 165 * mm  # A4 less the 30 mm left and 15 mm right margins
LEFT_COLUMN = 68 * mm
SIGN_W, SIGN_H = 55 * mm, 24 * mm
# Cells centre their flowables: the rules under the issuer and the motto sit under the text.
PLAIN = table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                     ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


def header(issuer: Issuer, number: str | None, symbol: str, on: date) -> list:
    """Issuing body and "Số: 01/BB-ĐKT" left; national name, motto, place and date right.
    Before a number is given (a preview) the paper form's blank is printed: "Số:    /BB-ĐKT"."""
    left = [p(t(text), "issuer_bold" if bold else "issuer") for text, bold in
            issuer.header_lines()]
    left += [HRFlowable(width="40%", thickness=0.6, color=colors.black, spaceBefore=1,
                        spaceAfter=4),
             p(f"Số: {t(number) if number else '&nbsp;' * 8 + '/' + t(symbol)}", "center")]
    right = [p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "national"),
             p("Độc lập - Tự do - Hạnh phúc", "motto"),
             HRFlowable(width="62%", thickness=0.6, color=colors.black, spaceBefore=1,
                        spaceAfter=6),
             p(t(place_and_date(issuer.place, on)), "center_italic")]
    table = Table([[left, right]], colWidths=[LEFT_COLUMN, WIDTH - LEFT_COLUMN])
    table.setStyle(PLAIN)
    return [table]


def recipients(names: list[str], archive: list[str]) -> list:
    """"Nơi nhận:", one line a recipient ("- Như trên;"), then "- Lưu: VT, SNV."."""
    out = [p("Nơi nhận:", "recipients_head")]
    out += [p(f"- {t(name)};", "recipients") for name in names]
    out.append(p(f"- Lưu: {t(', '.join(['VT', *archive]))}.", "recipients"))
    return out


class SignatureSpot(Flowable):
    """The room for a digital signature's image between the signer's title and name. It draws
    nothing: it notes where it landed (page, rectangle in points), for the signature's widget."""

    def __init__(self):
        super().__init__()
        self.page: int | None = None  # 1-based
        self.rect: tuple[float, float, float, float] | None = None  # x1, y1, x2, y2

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, SIGN_H

    def draw(self):
        x, y = self.canv.absolutePosition((self.width - SIGN_W) / 2, 0)
        self.page = self.canv.getPageNumber()
        self.rect = (x, y, x + SIGN_W, y + SIGN_H)


@dataclass
class Signer:
    """One signature block: who signs in what capacity, and what the page shows of it."""

    heading: list[str]  # capitals: ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] or ["TRƯỞNG ĐOÀN"]
    full_name: str | None
    hint: str | None = None  # "(Ký, ghi rõ họ tên, đóng dấu)"
    title: str | None = None  # the signer's position, when the heading does not say it
    image: str | None = None  # file of the drawn signature
    notes: list[str] = field(default_factory=list)  # small print below the name
    refusal: str | None = None  # the reason, when the signer refused to sign
    spot: SignatureSpot | None = None  # where a digital signature's image goes


def signature_block(signer: Signer) -> list:
    """Heading, hint, title, the drawing (or room for a wet signature), the full name."""
    out = [p(t(line), "center_bold") for line in signer.heading]
    if signer.hint:
        out.append(p(t(signer.hint), "center_italic"))
    if signer.title:
        out.append(p(t(signer.title), "center"))
    if signer.refusal is not None:
        out += [Spacer(1, 4), p("<b>Không ký biên bản.</b>", "center"),
                p(f"Lý do: {t(signer.refusal or 'không nêu lý do')}", "small_center"),
                Spacer(1, 4)]
    elif signer.image:
        out.append(Image(str(signer.image), SIGN_W, SIGN_H, kind="proportional"))
    elif signer.spot is not None:
        out.append(signer.spot)
    else:
        out.append(Spacer(1, SIGN_H))
    if signer.full_name:
        out.append(p(f"<b>{t(signer.full_name)}</b>", "center"))
    out += [p(t(note), "small_center") for note in signer.notes]
    return out


def signatures(left: list | None, right: list | None, below: list | None = None) -> list:
    """Two columns of blocks (e.g. "Nơi nhận" or the unit's representative left, the
    authority right), kept together on one page."""
    rows = [[left or "", right or ""]]
    if below:
        rows.append([below, ""])
    table = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    return [Spacer(1, 8), KeepTogether([table])]


def verification(noun: str, body: str, verify_url: str, short_url: str | None) -> list:
    """QR code and short link to the public page that verifies the document ("biên bản")."""
    size = 30 * mm
    widget = QrCodeWidget(verify_url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    # Otherwise the drawing's default state sets Helvetica, which is then listed (unembedded).
    drawing.initialFontName = fonts.register()["regular"]
    drawing.add(widget)
    text = [p(f"<b>Xác thực {t(noun)} điện tử</b>", "cell"), p(
        f"{t(noun[:1].upper() + noun[1:])} này được ký số bởi {t(body)}. Quét mã QR hoặc truy "
        "cập địa chỉ dưới đây để kiểm tra tính xác thực:", "cell"),
        p(t(short_url or verify_url), "cell")]
    table = Table([[drawing, text]], colWidths=[size + 6 * mm, WIDTH - size - 6 * mm])
    table.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return [Spacer(1, 10), KeepTogether([table])]


def page_furniture(footer: str | None = None):
    """Page numbers from page 2, centred in the top margin; an optional line at the foot."""
    def draw(canvas, doc):
        names = fonts.register()
        canvas.saveState()
        width, height = A4
        if doc.page > 1:
            canvas.setFont(names["regular"], 13)
            canvas.drawCentredString(width / 2, height - 12 * mm, str(doc.page))
        if footer:
            canvas.setFont(names["regular"], 8)
            canvas.drawRightString(width - 15 * mm, 10 * mm, nfc(footer))
        canvas.restoreState()

    return draw


def build(story: list, *, title: str, author: str, subject: str = "",
          footer: str | None = None) -> bytes:
    """The A4 PDF: margins 20 mm top and bottom, 30 mm left, 15 mm right; fonts embedded."""
    names = fonts.register()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, topMargin=20 * mm, bottomMargin=20 * mm, leftMargin=30 * mm,
        rightMargin=15 * mm, title=nfc(title), author=nfc(author), subject=nfc(subject),
        creator="inspect_app", lang="vi-VN",
        # Else every page starts in Helvetica, an unembedded font without Vietnamese letters.
        initialFontName=names["regular"], initialFontSize=13)
    furniture = page_furniture(footer)
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()
