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


def story(record: dict, meta: dict, image_path) -> list:
    """Every flowable of the minutes, in the order the paper form has them."""
    # The closing paragraph goes over with the signatures: a page never holds signatures alone,
    # nor is left nearly empty before them.
    return [*header(record, meta), *title(record, meta), *opening(record), *people(record),
            *content(record, meta), *assessment(record, meta), *remediation(record, meta),
            *opinion(record), KeepTogether([*closing(record, meta), *signatures(meta, image_path)]),
            *verification(record, meta), *appendix(record, image_path)]


def render_minutes_pdf(record: dict, meta: dict, image_path=None) -> bytes:
    """The PDF bytes of the minutes; image_path(sha256) gives an image's file path, by default
    that of the stored image (needs an app)."""
    if image_path is None:
        from ..photos.files import image_files

        with image_files() as stored:
            return render_minutes_pdf(record, meta, stored)
    number = meta.get("number")
    return form.build(
        story(record, meta, image_path), title=f"Biên bản kiểm tra {number or ''}".strip(),
        author=(record.get("body") or {}).get("name") or "", subject=subject(record),
        footer=f"Xác thực: {meta.get('short_url') or meta['verify_url']}")
