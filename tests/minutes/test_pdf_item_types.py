"""The new answer types in a rendered PDF (pdftotext): a date as dd/mm/yyyy, a time as "07 giờ
30", a multiple choice as its labels joined in a sentence, a decimal with the comma."""
import copy

import pytest

from inspect_app.minutes.pdf import render_minutes_pdf

from .conftest import pdftotext
from .test_pdf_wording import DEFINITION, SLUG, _record

CHOICES = [{"key": "bang", "label": "Bảng niêm yết tại trụ sở"},
           {"key": "web", "label": "Trang thông tin điện tử của xã"},
           {"key": "khong", "label": "Không niêm yết ở đâu", "fails": True}]
ITEMS = [
    ({"id": "NY-NGAY", "type": "date", "text": "Ngày cập nhật bảng niêm yết"}, "2025-11-20"),
    ({"id": "NY-GIO", "type": "time", "text": "Giờ mở cửa"}, "07:30"),
    ({"id": "NY-NOI", "type": "multiple", "text": "Nơi niêm yết thủ tục hành chính",
      "choices": CHOICES}, ["web", "bang"]),
    ({"id": "NY-DT", "type": "number", "unit": "m²", "text": "Diện tích bảng niêm yết"}, 2.5),
]


@pytest.fixture
def text(app):
    definition = copy.deepcopy(DEFINITION)
    definition["sections"][0]["items"] += [spec for spec, _ in ITEMS]
    record = _record()
    record["checklists"][0]["sections"][0]["items"] += [
        {"id": spec["id"], "text": spec["text"], "severity": "minor", "basis": None,
         "value": value, "note": None, "failed": False} for spec, value in ITEMS]
    meta = {"number": "07/BB-ĐKT", "verify_url": "https://kiemtra.example.vn/verify/x",
            "short_url": None, "signatures": [], "amends": None, "place": "Minh Sơn",
            "body_full_name": "Sở Nội vụ tỉnh Minh Sơn",
            "checklists": {SLUG: {"version": 1, "title": "Văn hóa công sở",
                                  "definition": definition}}}
    with app.app_context():
        pdf = render_minutes_pdf(record, meta, lambda sha: None)
    return " ".join(pdftotext(pdf).split())


def test_dates_and_times_print_as_an_official_writes_them(text):
    assert "20/11/2025" in text and "2025-11-20" not in text
    assert "07 giờ 30" in text and "07:30" not in text


def test_a_multiple_choice_prints_its_labels_in_a_sentence_in_the_checklists_order(text):
    assert "Nơi niêm yết thủ tục hành chính (NY-NOI): Bảng niêm yết tại trụ sở và Trang thông " \
           "tin điện tử của xã" in text


def test_a_decimal_prints_with_the_comma(text):
    assert "2,5 m²" in text
