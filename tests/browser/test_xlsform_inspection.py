"""An office's XLSForm (a date, a multiple choice with a failing option, a repeat with a group
inside) converted by the import, answered offline on a phone, synced, and printed in the issued
minutes as an official writes it: dd/mm/yyyy, the chosen options' labels, every repeat entry."""
import re

import pytest
from playwright.sync_api import expect

from inspect_app.checklists import xlsform
from tests.checklists.test_xlsform import workbook

from ..minutes.conftest import pdftotext
from .checklist_setup import offer_imported
from .test_minutes import _draft, _finish, _issued_online, _server_answers, _sign

pytestmark = pytest.mark.browser

SURVEY = [  # columns: tests/checklists/test_xlsform.py SURVEY_HEADER
    ["note", "doi_chieu", "Compare", "Đối chiếu bảng niêm yết với Cơ sở dữ liệu quốc gia về TTHC"],
    ["date", "ngay_niem_yet", "Updated on", "Ngày cập nhật bảng niêm yết"],
    ["select_multiple noi", "noi", "Where", "Nơi niêm yết thủ tục hành chính"],
    ["begin repeat", "ho_so", "Sampled files", "Hồ sơ lấy mẫu"],
    ["text", "ma_ho_so", "Code", "Mã hồ sơ"],
    ["begin group", "ket_qua", "Result", "Kết quả giải quyết"],
    ["date", "ngay_tra", "Returned on", "Ngày trả kết quả"],
    ["select_one yn", "dung_han", "On time", "Trả kết quả đúng hạn"],
    ["end group"],
    ["end repeat"],
]
CHOICES = [["list_name", "name", "label", "label::Vietnamese (vi)", "fails"],
           ["noi", "bang", "Board", "Bảng niêm yết tại trụ sở"],
           ["noi", "web", "Website", "Trang thông tin điện tử của xã"],
           ["noi", "khong", "Nowhere", "Không niêm yết ở đâu", "yes"],
           ["yn", "yes", "Yes", "Có"], ["yn", "no", "No", "Không"]]
SETTINGS = [["form_title", "form_id"], ["Kiểm tra niêm yết thủ tục (XLSForm)", "niem-yet-xlsform"]]
FORM = "Kiểm tra niêm yết thủ tục (XLSForm)"
ANSWERED = re.compile(r"\banswered\b")
FAILED = re.compile(r"\bfailed\b")


def test_a_converted_form_is_answered_offline_and_printed_in_the_minutes(
        app, devices, world, tmp_path):
    path = workbook(tmp_path, SURVEY, CHOICES, SETTINGS, name="niem-yet.xlsx")
    conversion = xlsform.convert(path)
    assert conversion.problems == [] and conversion.dropped == []
    offer_imported(app, world, conversion.definition, path.name)

    phone = devices("truongdoan").sign_in()
    page = phone.page
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, FORM)
    # The form's note is the section's guidance, shown above its items.
    expect(page.locator(".section-guidance")).to_have_text(
        "Đối chiếu bảng niêm yết với Cơ sở dữ liệu quốc gia về TTHC")
    phone.item("ngay_niem_yet").locator("input[type=date]").fill("2026-11-20")
    expect(phone.item("ngay_niem_yet")).to_have_class(ANSWERED)
    # The choice the office marked as failing fails the item; taken back, it no longer does.
    places = phone.item("noi")
    places.get_by_label("Không niêm yết ở đâu").check()
    expect(places).to_have_class(FAILED)
    places.get_by_label("Không niêm yết ở đâu").uncheck()
    places.get_by_label("Trang thông tin điện tử của xã").check()
    places.get_by_label("Bảng niêm yết tại trụ sở").check()
    expect(places).not_to_have_class(FAILED)
    expect(places).to_have_class(ANSWERED)

    # Two sampled files, each with the items of the group inside the repeat.
    phone.open_section(uuid, "Hồ sơ lấy mẫu")
    add = page.get_by_role("button", name=re.compile(r"^\+ Thêm"))
    add.click()
    add.click()
    blocks = page.locator("fieldset.instance")
    expect(blocks).to_have_count(2)
    for n, (code, day, on_time) in enumerate((("H01", "2026-11-02", "Đạt"),
                                              ("H02", "2026-11-25", "Không đạt"))):
        def field(item_id, n=n):
            return blocks.nth(n).locator(f"article.item[data-item^='{item_id}#']")
        box = field("ma_ho_so").locator(".answer-text")
        box.fill(code)
        box.evaluate("e => e.blur()")
        field("ngay_tra").locator("input[type=date]").fill(day)
        field("dung_han").get_by_role("button", name=on_time, exact=True).click()
        for item_id in ("ma_ho_so", "ngay_tra", "dung_han"):
            expect(field(item_id)).to_have_class(ANSWERED)

    _finish(phone, uuid)
    page.get_by_role("link", name="Lập biên bản", exact=True).click()
    _draft(phone, uuid)
    doc = page.locator(".minutes-doc")
    expect(doc).to_contain_text("20/11/2026")
    expect(doc).to_contain_text("Bảng niêm yết tại trụ sở và Trang thông tin điện tử của xã")
    _sign(phone)

    _issued_online(app, phone, uuid)
    answers = _server_answers(app, uuid)
    assert answers["ngay_niem_yet"] == "2026-11-20" and answers["noi"] == ["bang", "web"]
    assert sorted(v for k, v in answers.items() if k.startswith("ngay_tra#")) == [
        "2026-11-02", "2026-11-25"]

    pdf = page.request.get(page.locator("#minutes-pdf").get_attribute("href"))
    text = " ".join(pdftotext(pdf.body()).split())
    assert "Đã kiểm tra 5/5 nội dung: đạt 4, chưa đạt 1" in text
    # Short answers sit in a table whose narrow id column wraps: read the cells, not the row.
    assert "Ngày cập nhật bảng niêm yết" in text and "20/11/2026" in text
    assert "Ngày trả kết quả" in text and "02/11/2026, 25/11/2026" in text
    assert "Nơi niêm yết thủ tục hành chính (noi): Bảng niêm yết tại trụ sở và Trang thông tin " \
           "điện tử của xã" in text
    assert "Mã hồ sơ (ma_ho_so): H01, H02" in text
    assert "Chưa bảo đảm yêu cầu: trả kết quả đúng hạn (mức độ nhẹ; dung_han)" in text
