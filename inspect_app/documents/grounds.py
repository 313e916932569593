"""Grounds ("Căn cứ …") a document cites: the cited document's number, date, issuer, subject.

An official reads "Căn cứ Quyết định số 112/QĐ-SNV ngày 10/02/2026 của Giám đốc Sở Nội vụ về
việc thành lập Đoàn kiểm tra …"; a bare "QĐ 112" is sent back. The check is on the words a
citation cannot do without, not on any one phrasing.
"""
import re

from wtforms.validators import ValidationError

from .text import nfc

_PARTS = (
    (re.compile(r"\bsố\s+\d+", re.IGNORECASE), "số"),
    (re.compile(r"\bngày\s+\d{1,2}/\d{1,2}/\d{4}", re.IGNORECASE), "ngày (dd/mm/yyyy)"),
    (re.compile(r"\bcủa\s+\S", re.IGNORECASE), "cơ quan hoặc người ban hành (“của …”)"),
    (re.compile(r"\bvề\s+\S", re.IGNORECASE), "trích yếu (“về …”)"),
)


def missing_parts(text: str) -> list[str]:
    """What a citation lacks, in Vietnamese words; empty when it names all four."""
    text = nfc(text)
    return [label for pattern, label in _PARTS if not pattern.search(text)]


class Citation:
    """WTForms validator: an empty field passes (Optional decides); a filled one names all."""

    def __init__(self, example: str):
        self.example = example

    def __call__(self, form, field):
        missing = missing_parts(field.data or "") if (field.data or "").strip() else []
        if missing:
            raise ValidationError(f"Còn thiếu: {', '.join(missing)}. Ví dụ: {self.example}")
