"""A checklist that adapts, answered offline: items appear and disappear as answers change, a
computed item shows its value and fails its threshold, and the server derives the same findings."""
import copy
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.checklists.models import ChecklistVersion
from inspect_app.extensions import db
from inspect_app.inspections.models import Finding, Inspection, Response

from .conftest import DEFINITION
from .test_minutes import SECTION_A, SECTION_B, _draft, _finish, _issued_online, _sign

LATE = [
    {"id": "KL-10", "text": "Số hồ sơ giải quyết trễ hạn", "type": "count", "fail_if": "> 0",
     "unit": "hồ sơ", "severity": "major", "weight": 2, "photo_required_on_fail": False},
    {"id": "KL-11", "text": "Số hồ sơ trễ hạn không có Phiếu xin lỗi", "type": "count",
     "relevant": "${KL-10} > 0", "fail_if": "> 0", "unit": "hồ sơ", "severity": "critical",
     "weight": 3, "photo_required_on_fail": False},
    {"id": "KL-12", "text": "Tỷ lệ hồ sơ trễ hạn có Phiếu xin lỗi", "type": "computed",
     "relevant": "${KL-10} > 0", "calculate": "(${KL-10} - ${KL-11}) / ${KL-10} * 100",
     "unit": "%", "fail_if": "< 100", "severity": "major", "weight": 2,
     "photo_required_on_fail": False},
    {"id": "KL-13", "text": "Họ tên cán bộ uống rượu bia", "type": "text",
     "relevant": "${KL-02} = 'yes'", "severity": "minor", "weight": 1,
     "photo_required_on_fail": False},
]


SAMPLED = {"id": "mau", "title": "Hồ sơ lấy mẫu", "repeat": {"min": 0, "max": 3, "label": "Hồ sơ"},
           "items": [
               {"id": "HS-MA", "text": "Mã hồ sơ", "type": "text", "severity": "minor",
                "weight": 1, "photo_required_on_fail": False},
               {"id": "HS-XL", "text": "Có Phiếu xin lỗi", "type": "yes_no", "severity": "major",
                "weight": 2, "photo_required_on_fail": False},
               {"id": "HS-NGAY", "text": "Ngày gửi Phiếu xin lỗi", "type": "text",
                "relevant": "${HS-XL} = 'yes'", "severity": "minor", "weight": 1,
                "photo_required_on_fail": False}]}
MISSING = {"id": "KL-14", "text": "Số hồ sơ mẫu thiếu Phiếu xin lỗi", "type": "computed",
           "calculate": "count_if(${mau}, ${HS-XL} = 'no')", "fail_if": "> 0", "unit": "hồ sơ",
           "severity": "major", "weight": 1, "photo_required_on_fail": False}


@pytest.fixture
def adaptive(app, world):
    """Version 2 of the world's checklist, with the late-dossier items in section B and a
    sample of dossiers (a repeat group) in section C."""
    definition = copy.deepcopy(DEFINITION)
    definition["sections"][1]["items"].extend(LATE)
    definition["sections"].append(SAMPLED)
    definition["sections"][0]["items"].append(MISSING)
    with app.app_context():
        old = db.session.get(ChecklistVersion, world.version_id)
        new = ChecklistVersion(version=2, content_hash="d" * 64, definition=definition)
        old.checklist.versions.append(new)
        db.session.commit()
        return new.id


def test_conditional_checklist_answered_offline(app, devices, world, adaptive):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, SECTION_B)
    progress = phone.page.locator(".section-progress")
    expect(phone.item("KL-11")).to_be_hidden()
    expect(phone.item("KL-12")).to_be_hidden()
    expect(progress).to_have_text("Đã trả lời 0/4")

    # Some dossiers were late: the apology questions appear; coverage waits for its inputs.
    phone.fill("KL-10", "4")
    expect(phone.item("KL-11")).to_be_visible()
    expect(phone.item("KL-12")).to_be_visible()
    expect(phone.item("KL-12").locator(".computed-value")).to_contain_text("Chưa tính được")
    phone.fill("KL-11", "1")
    expect(phone.item("KL-12").locator(".computed-value output")).to_have_text("75 %")
    expect(phone.item("KL-12")).to_have_class(re.compile(r"\bfailed\b"))
    expect(progress).to_have_text("Đã trả lời 2/5 · 3 không đạt")

    # A second look: no dossier was late after all. The questions go; the answer is kept.
    phone.fill("KL-10", "0")
    expect(phone.item("KL-11")).to_be_hidden()
    expect(phone.item("KL-12")).to_be_hidden()
    expect(progress).to_have_text("Đã trả lời 1/4")
    # Then three were: the kept answer is back, coverage recomputed.
    phone.fill("KL-10", "3")
    expect(phone.item("KL-11").locator(".answer-number")).to_have_value("1")
    expect(phone.item("KL-12").locator(".computed-value output")).to_have_text("66,7 %")

    phone.come_online()
    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        answers = {r.item_id: r.value for r in db.session.scalars(
            select(Response).where(Response.inspection_id == inspection.id))}
        assert answers == {"KL-10": 3, "KL-11": 1}
        findings = {f.item_id: f.description for f in db.session.scalars(
            select(Finding).where(Finding.inspection_id == inspection.id))}
        assert set(findings) == {"KL-10", "KL-11", "KL-12"}
        assert "giá trị tính được 66,7 %" in findings["KL-12"]


def test_minutes_of_an_adaptive_checklist_leave_hidden_answers_out(app, devices, world, adaptive):
    phone = devices("truongdoan").sign_in()
    page = phone.page
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    # Someone drinking at work is named; then the answer is corrected: the name is not asked.
    phone.open_section(uuid, SECTION_A)
    phone.answer("KL-02", "Không đạt")
    phone.open_section(uuid, SECTION_B)
    phone.fill("KL-13", "Nguyễn Văn Xuân")
    phone.open_section(uuid, SECTION_A)
    phone.answer("KL-02", "Đạt")
    phone.open_section(uuid, SECTION_B)
    expect(phone.item("KL-13")).to_be_hidden()
    phone.fill("KL-10", "2")
    phone.fill("KL-11", "1")
    expect(phone.item("KL-12").locator(".computed-value output")).to_have_text("50 %")
    # One sampled dossier, without its apology letter.
    phone.open_section(uuid, "Hồ sơ lấy mẫu")
    page.get_by_role("button", name="+ Thêm hồ sơ").click()
    page.locator("fieldset.instance article.item[data-item^='HS-XL#']").get_by_role(
        "button", name="Không đạt", exact=True).click()
    expect(page.locator(".section-progress")).to_have_text("Đã trả lời 1/2 · 1 không đạt")
    _finish(phone, uuid)

    # The draft asks remediation for what is shown and failed, the computed coverage included.
    page.get_by_role("link", name="Lập biên bản", exact=True).click()
    expect(page.locator(".request")).to_have_count(5)  # KL-10, 11, 12, 14 and HS-XL
    _draft(phone, uuid)
    doc = page.locator(".minutes-doc")
    expect(doc).to_contain_text("Tỷ lệ hồ sơ trễ hạn có Phiếu xin lỗi")
    expect(doc).not_to_contain_text("Nguyễn Văn Xuân")
    _sign(phone)

    # The server's record of the same answers is the device's: the minutes are issued.
    _issued_online(app, phone, uuid)
    with app.app_context():
        kept = db.session.scalars(select(Response).join(Inspection).where(
            Inspection.uuid == uuid, Response.item_id == "KL-13")).one()
        assert kept.value == "Nguyễn Văn Xuân"  # kept on the server, not reported


def test_sampled_dossiers_are_answered_one_block_each(app, devices, world, adaptive):
    phone = devices("kiemtra1").sign_in()
    page = phone.page
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Hồ sơ lấy mẫu")
    expect(page.locator("#view")).to_contain_text("Chưa có hồ sơ nào.")
    add = page.get_by_role("button", name="+ Thêm hồ sơ")
    add.click()
    add.click()
    blocks = page.locator("fieldset.instance")
    expect(blocks).to_have_count(2)

    def field(n, item_id):
        return blocks.nth(n).locator(f"article.item[data-item^='{item_id}#']")

    def type_in(n, item_id, text):
        box = field(n, item_id).locator(".answer-text")
        box.fill(text)
        box.evaluate("e => e.blur()")
        expect(field(n, item_id)).to_have_class(re.compile(r"\banswered\b"))

    type_in(0, "HS-MA", "H01")
    field(0, "HS-XL").get_by_role("button", name="Đạt", exact=True).click()
    expect(field(0, "HS-NGAY")).to_be_visible()  # asked in this block only
    type_in(0, "HS-NGAY", "20/11/2026")
    type_in(1, "HS-MA", "H02")
    field(1, "HS-XL").get_by_role("button", name="Không đạt", exact=True).click()
    expect(field(1, "HS-NGAY")).to_be_hidden()
    expect(page.locator(".section-progress")).to_have_text("Đã trả lời 5/5 · 1 không đạt")

    # A third block added by mistake, then taken out (two taps).
    add.click()
    expect(blocks).to_have_count(3)
    expect(page.get_by_role("button", name="Đã đủ 3 hồ sơ")).to_be_disabled()
    remove = blocks.nth(2).get_by_role("button", name="Bỏ hồ sơ này")
    remove.click()
    blocks.nth(2).get_by_role("button", name="Bấm lần nữa để bỏ").click()
    expect(blocks).to_have_count(2)

    # The count over the sample, computed in another section.
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    expect(phone.item("KL-14").locator(".computed-value output")).to_have_text("1 hồ sơ")

    phone.come_online()
    assert phone.outbox() == []
    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        answers = {r.item_id: r.value for r in db.session.scalars(
            select(Response).where(Response.inspection_id == inspection.id))}
        keys = answers.pop("mau")
        assert len(keys) == 2
        assert answers == {f"HS-MA#{keys[0]}": "H01", f"HS-XL#{keys[0]}": "yes",
                           f"HS-NGAY#{keys[0]}": "20/11/2026", f"HS-MA#{keys[1]}": "H02",
                           f"HS-XL#{keys[1]}": "no"}
        findings = {f.item_id: f.description for f in db.session.scalars(
            select(Finding).where(Finding.inspection_id == inspection.id))}
        assert set(findings) == {"HS-XL", "KL-14"}
        assert "1/2 hồ sơ chưa đạt" in findings["HS-XL"]
