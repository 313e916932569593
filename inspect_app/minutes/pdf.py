"""Render the minutes record as an A4 PDF laid out per Nghị định 30/2020 (docs/minutes.md)."""
from reportlab.platypus import KeepTogether

from ..documents import form
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


def stored_image_path(sha256: str):
    """The stored thumbnail of a photo or drawn signature, else its original (needs an app)."""
    from ..photos import keys
    from ..storage import storage

    store = storage()
    thumb = keys.thumbnail(sha256)
    return store.local_path(thumb if store.exists(thumb) else keys.original(sha256))


def story(record: dict, meta: dict, image_path) -> list:
    """Every flowable of the minutes, in the order the paper form has them."""
    # The closing paragraph goes over with the signatures: a page never holds signatures alone,
    # nor is left nearly empty before them.
    return [*header(record, meta), *title(record, meta), *opening(record), *people(record),
            *content(record, meta), *assessment(record, meta), *remediation(record, meta),
            *opinion(record), KeepTogether([*closing(record, meta), *signatures(meta, image_path)]),
            *verification(record, meta), *appendix(record, image_path)]


def render_minutes_pdf(record: dict, meta: dict, image_path) -> bytes:
    """The PDF bytes of the minutes; image_path(sha256) gives a stored image's file path."""
    number = meta.get("number")
    return form.build(
        story(record, meta, image_path), title=f"Biên bản kiểm tra {number or ''}".strip(),
        author=(record.get("body") or {}).get("name") or "", subject=subject(record),
        footer=f"Xác thực: {meta.get('short_url') or meta['verify_url']}")
