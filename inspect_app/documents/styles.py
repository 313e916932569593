"""Paragraph styles and small helpers shared by every document (Nghị định 30/2020 sizes)."""
import functools
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, TableStyle

from . import fonts
from .text import nfc

BODY_PT = 13
TABLE_PT = 11
SMALL_PT = 9


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """The styles, built once the font family is registered."""
    f = fonts.register()
    base = ParagraphStyle("body", fontName=f["regular"], fontSize=BODY_PT, leading=BODY_PT * 1.3,
                          alignment=TA_JUSTIFY, spaceAfter=3, firstLineIndent=0)

    def derive(name, **kw):
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "indent": derive("indent", firstLineIndent=10 * mm),
        "center": derive("center", alignment=TA_CENTER, spaceAfter=0),
        "center_bold": derive("center_bold", alignment=TA_CENTER, fontName=f["bold"],
                              spaceAfter=0),
        "center_italic": derive("center_italic", alignment=TA_CENTER, fontName=f["italic"],
                                spaceAfter=0),
        "national": derive("national", alignment=TA_CENTER, fontName=f["bold"], fontSize=12,
                           leading=15, spaceAfter=0),
        "title": derive("title", alignment=TA_CENTER, fontName=f["bold"], fontSize=14,
                        leading=18, spaceBefore=10, spaceAfter=2),
        "subject": derive("subject", alignment=TA_CENTER, fontName=f["bold"], spaceAfter=8),
        "heading": derive("heading", fontName=f["bold"], spaceBefore=6, spaceAfter=3,
                          alignment=TA_LEFT, keepWithNext=1),
        "subheading": derive("subheading", fontName=f["bolditalic"], spaceBefore=3,
                             alignment=TA_LEFT, keepWithNext=1),
        "cell": derive("cell", fontSize=TABLE_PT, leading=TABLE_PT * 1.25, alignment=TA_LEFT,
                       spaceAfter=0),
        "cell_center": derive("cell_center", fontSize=TABLE_PT, leading=TABLE_PT * 1.25,
                              alignment=TA_CENTER, spaceAfter=0),
        "cell_head": derive("cell_head", fontSize=TABLE_PT, leading=TABLE_PT * 1.25,
                            alignment=TA_CENTER, fontName=f["bold"], spaceAfter=0),
        "small": derive("small", fontSize=SMALL_PT, leading=SMALL_PT * 1.3, alignment=TA_LEFT,
                        spaceAfter=0),
        "small_center": derive("small_center", fontSize=SMALL_PT, leading=SMALL_PT * 1.3,
                               alignment=TA_CENTER, spaceAfter=0),
        # Header (khoản 2, 4): issuing body 12–13 pt, place and date 13–14 pt italic.
        "issuer": derive("issuer", alignment=TA_CENTER, fontSize=12.5, leading=15,
                         spaceAfter=0),
        "issuer_bold": derive("issuer_bold", alignment=TA_CENTER, fontName=f["bold"],
                              fontSize=12.5, leading=15, spaceAfter=0),
        "motto": derive("motto", alignment=TA_CENTER, fontName=f["bold"], spaceAfter=0),
        # "Nơi nhận" (khoản 9): the word 12 pt bold italic, the list 11 pt upright.
        "recipients_head": derive("recipients_head", fontName=f["bolditalic"], fontSize=12,
                                  leading=14, alignment=TA_LEFT, spaceAfter=0),
        "recipients": derive("recipients", fontSize=11, leading=13, alignment=TA_LEFT,
                             spaceAfter=0),
        "notice": derive("notice", fontName=f["italic"], borderWidth=0.6, borderPadding=5,
                         borderColor="#000000", spaceBefore=6, spaceAfter=10),
    }


def t(text) -> str:
    """Record text made safe for Paragraph markup, in NFC."""
    return escape(nfc(text)).replace("\n", "<br/>")


def p(markup: str, style: str = "body") -> Paragraph:
    """A paragraph of already-escaped markup in one of the named styles."""
    return Paragraph(markup, styles()[style])


def heading_over_table(markup: str, room: float = 45 * mm) -> list[Flowable]:
    """A heading whose section is mostly a table. Kept with the whole table, the heading would
    push a table longer than what is left of the page over to the next, leaving half a page
    blank: the table splits instead (its header row repeated), and the heading moves over only
    when less than `room` is left under it."""
    heading = p(markup, "heading")
    heading.keepWithNext = 0
    return [CondPageBreak(room), heading]


def table_style(commands: list) -> TableStyle:
    """A table style whose default cell font is ours (ReportLab's is Helvetica, unembedded)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), f"{fonts.FAMILY}-regular", TABLE_PT),
                       *commands])


# A table with every cell ruled: requests, results.
GRID = table_style([
    ("GRID", (0, 0), (-1, -1), 0.5, "#000000"),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
])
