"""The minutes read as an official writes them (pdftotext of a rendered PDF): labels not keys,
findings not double negatives, actions with dates counted from the minutes' date, the subject
naming the checklists used, the unit's type in lower case mid-sentence."""
import re

import pytest

from inspect_app.minutes.pdf import render_minutes_pdf

from . import records
from .conftest import pdftotext

SLUG = "van-hoa-cong-so"
DEFINITION = {"sections": [{"id": "s", "items": [
    {"id": "VH-05", "type": "yes_no", "text": "Không có cán bộ, công chức làm việc riêng trong "
                                              "giờ làm việc"},
    {"id": "VH-15", "type": "choice", "text": "Đánh giá chung việc thực hiện văn hóa công sở",
     "choices": [{"key": "tot", "label": "Tốt"}, {"key": "chua-dat", "label": "Chưa đạt",
                                                   "fails": True}]},
    {"id": "VH-02", "type": "count", "unit": "người", "text": "Số người không đeo thẻ",
     "finding": "Có {value} cán bộ, công chức không đeo thẻ khi thi hành công vụ",
     "remedy": "Yêu cầu cán bộ, công chức đeo thẻ khi thi hành công vụ"},
    {"id": "VH-07", "type": "yes_no", "text": "Có biển tên cơ quan"},
    {"id": "VH-08", "type": "choice", "text": "Hình thức niêm yết",
     "choices": [{"key": "bang-niem-yet", "label": "Bảng niêm yết"}]},
]}]}


def _record():
    record = records.record(findings=0, passed=0, unanswered=0, unit="Xã Tân Lập")
    items = [
        {"id": "VH-05", "text": DEFINITION["sections"][0]["items"][0]["text"],
         "severity": "major", "basis": None, "value": "no", "note": None, "failed": True},
        {"id": "VH-15", "text": "Đánh giá chung việc thực hiện văn hóa công sở",
         "severity": "major", "basis": None, "value": "chua-dat", "note": None, "failed": True},
        {"id": "VH-02", "text": "Số người không đeo thẻ", "severity": "minor", "basis": None,
         "value": 2, "note": None, "failed": True},
        {"id": "VH-07", "text": "Có biển tên cơ quan", "severity": "minor", "basis": None,
         "value": "yes", "note": None, "failed": False},
        {"id": "VH-08", "text": "Hình thức niêm yết", "severity": "minor", "basis": None,
         "value": "bang-niem-yet", "note": None, "failed": False},
    ]
    record["checklists"] = [
        {"slug": SLUG, "version": 1, "title": "Văn hóa công sở",
         "sections": [{"id": "s", "title": "Văn hóa công sở", "items": items}]},
        {"slug": "z-unused", "version": 1, "title": "Bảng kiểm không dùng",
         "sections": [{"id": "s", "title": None, "items": [
             {"id": "Z-01", "text": "x", "severity": "minor", "basis": None, "value": None,
              "note": None, "failed": False}]}]}]
    # Started 22/11/2026 (Vietnam time): deadlines 7 and 30 days on.
    record["remediation"] = [
        {"uuid": "r1", "checklist": SLUG, "item": "VH-05", "basis": None,
         "action": "Chấn chỉnh, chấm dứt tình trạng cán bộ, công chức làm việc riêng.",
         "responsible": "Chủ tịch UBND xã", "deadline": "2026-11-29"},
        {"uuid": "r2", "checklist": SLUG, "item": "VH-02", "basis": None,
         "action": "Yêu cầu cán bộ, công chức đeo thẻ khi thi hành công vụ.",
         "responsible": "Chủ tịch UBND xã", "deadline": "2026-12-22"}]
    record["assessment"] = {"strengths": None, "shortcomings": None, "causes": None}
    record["attendance"], record["photos"] = [], []
    return record


@pytest.fixture
def text(app):
    meta = {"number": "07/BB-ĐKT", "verify_url": "https://kiemtra.example.vn/verify/x",
            "short_url": None, "signatures": [], "amends": None, "place": "Minh Sơn",
            "body_full_name": "Sở Nội vụ tỉnh Minh Sơn",
            "checklists": {SLUG: {"version": 1, "title": "Văn hóa công sở",
                                  "definition": DEFINITION}}}
    with app.app_context():
        pdf = render_minutes_pdf(_record(), meta, lambda sha: None)
    return " ".join(pdftotext(pdf).split())


def test_choice_answers_print_their_labels_never_their_keys(text):
    assert "Chưa đạt" in text and "Bảng niêm yết" in text
    assert not re.search(r"chua-dat|bang-niem-yet", text)


def test_a_failed_negative_item_reads_as_a_finding_not_a_double_negative(text):
    assert "Có cán bộ, công chức làm việc riêng trong giờ làm việc (mức độ nghiêm trọng; " \
           "VH-05)." in text
    assert "Kết quả: Không" not in text and "Kết quả:" not in text


def test_an_item_with_finding_wording_fills_in_the_answer(text):
    assert "Có 2 cán bộ, công chức không đeo thẻ khi thi hành công vụ (mức độ nhẹ; VH-02)." in text


def test_severity_words_and_codes_follow_the_finding(text):
    assert "critical" not in text and "major" not in text and "Mức độ:" not in text


def test_subject_names_the_checklists_used_and_the_unit_in_lower_case(text):
    assert "Kiểm tra đột xuất về văn hóa công sở tại UBND xã Tân Lập" in text
    assert "Bảng kiểm không dùng" not in text.split("Căn cứ")[0]
    assert "tại Xã" not in text and "tại UBND Xã" not in text


def test_remedies_are_actions_due_before_a_date_and_reported_back(text):
    assert "Trước ngày 29/11/2026" in text and "Trước ngày 22/12/2026" in text
    assert ("UBND xã Tân Lập tổ chức khắc phục các tồn tại, hạn chế nêu trên và báo cáo kết quả "
            "khắc phục bằng văn bản, kèm tài liệu, hình ảnh minh chứng, gửi Sở Nội vụ trước ngày "
            "22/12/2026.") in text


def test_blank_assessment_is_written_from_the_findings(text):
    assert "Đơn vị còn tồn tại, hạn chế về văn hóa công sở (3 nội dung)." in text
    assert "Những tồn tại nghiêm trọng nhất: có cán bộ, công chức làm việc riêng" in text
    assert not re.search(r"Còn \d+ nội dung chưa đạt", text)


def test_passed_yes_no_items_read_as_met(text):
    assert "Có biển tên cơ quan Đạt" in text


def test_appendix_photos_follow_the_time_they_were_taken():
    from inspect_app.minutes.pdf_content import appendix_photos

    record = {"photos": [{"sha256": "a", "captured_at": None},
                         {"sha256": "b", "captured_at": "2026-11-22T01:20:00Z"},
                         {"sha256": "c", "captured_at": "2026-11-22T01:25:00Z"}]}
    assert [p["sha256"] for p in appendix_photos(record)] == ["b", "c", "a"]
