"""Render the minutes record as an A4 PDF laid out per Nghị định 30/2020 (docs/minutes.md)."""
import io

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate

from . import fonts
from . import labels as L
from .pdf_blocks import appendix, signatures, verification
from .pdf_content import content
from .pdf_sections import (
    assessment,
    closing,
    header,
    opening,
    opinion,
    people,
    remediation,
    subject,
    title,
)
from .pdf_styles import SMALL_PT

# Pure-Python ASCII85 of every image costs seconds per 40 photos and makes the file 20% larger.
rl_config.useA85 = 0


def stored_image_path(sha256: str):
    """The stored thumbnail of a photo or drawn signature, else its original (needs an app)."""
    from ..photos import keys
    from ..storage import storage

    store = storage()
    thumb = keys.thumbnail(sha256)
    return store.local_path(thumb if store.exists(thumb) else keys.original(sha256))


def story(record: dict, meta: dict, image_path) -> list:
    """Every flowable of the minutes, in the order the paper form has them."""
    return [*header(record, meta), *title(record, meta), *opening(record), *people(record),
            *content(record), *assessment(record), *remediation(record), *opinion(record),
            *closing(record, meta), *signatures(meta, image_path), *verification(record, meta),
            *appendix(record, image_path)]


def _page_furniture(meta: dict):
    """Page numbers from page 2, centred in the top margin; the short link at the foot."""
    foot = L.nfc(f"Xác thực: {meta.get('short_url') or meta['verify_url']}")

    def draw(canvas, doc):
        names = fonts.register()
        canvas.saveState()
        width, height = A4
        if doc.page > 1:
            canvas.setFont(names["regular"], 13)
            canvas.drawCentredString(width / 2, height - 12 * mm, str(doc.page))
        canvas.setFont(names["regular"], SMALL_PT - 1)
        canvas.drawRightString(width - 15 * mm, 10 * mm, foot)
        canvas.restoreState()

    return draw


def render_minutes_pdf(record: dict, meta: dict, image_path) -> bytes:
    """The PDF bytes of the minutes; image_path(sha256) gives a stored image's file path."""
    names = fonts.register()
    buf = io.BytesIO()
    number = meta.get("number")
    doc = SimpleDocTemplate(
        buf, pagesize=A4, topMargin=20 * mm, bottomMargin=20 * mm, leftMargin=30 * mm,
        rightMargin=15 * mm, title=L.nfc(f"Biên bản kiểm tra {number or ''}".strip()),
        author=L.nfc((record.get("body") or {}).get("name") or ""),
        subject=L.nfc(subject(record)), creator="inspect_app", lang="vi-VN",
        # Else every page starts in Helvetica, an unembedded font without Vietnamese letters.
        initialFontName=names["regular"], initialFontSize=13,
    )
    furniture = _page_furniture(meta)
    doc.build(story(record, meta, image_path), onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()
