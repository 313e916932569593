"""A date, a time, a multiple choice and a decimal answered offline on a phone, synced, and
printed in the issued minutes as an official writes them (dd/mm/yyyy, labels joined, 1,25)."""
import copy
import os
import re

from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app import ROOT
from inspect_app.checklists.loader import load_file
from inspect_app.extensions import db
from inspect_app.inspections.models import Finding, Inspection

from ..minutes.conftest import pdftotext
from .checklist_setup import use_definition
from .conftest import DEFINITION
from .test_minutes import _draft, _finish, _issued_online, _server_answers, _sign

FIXTURE = ROOT / "tests" / "fixtures" / "checklists" / "kieu-tra-loi.yaml"
SECTION = "Niêm yết thủ tục hành chính"
ANSWERED = re.compile(r"\banswered\b")
FAILED = re.compile(r"\bfailed\b.*\banswered\b")
PASSED = re.compile(r"^item answered$")
SCREENSHOTS = os.environ.get("ITEM_TYPES_SCREENSHOTS")  # a folder: 360×740 PNGs of each screen


def _shot(page, name: str, at=None) -> None:
    """The phone's screen as the inspector sees it, `at` scrolled into view."""
    if SCREENSHOTS:
        if at is not None:
            at.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"))


def _with_new_types(app, world) -> None:
    """The world's checklist with the fixture file's section (date, time, multiple, decimal)."""
    definition = copy.deepcopy(DEFINITION)
    definition["sections"].extend(load_file(FIXTURE).definition["sections"])
    use_definition(app, world, definition, "e" * 64)


def test_new_item_types_answered_offline_are_printed_in_the_minutes(app, devices, world):
    _with_new_types(app, world)
    phone = devices("truongdoan").sign_in()
    page = phone.page
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, SECTION)

    # The phone's own date and time pickers; a board updated last year asks one more question.
    expect(phone.item("NY-CU")).to_be_hidden()
    phone.item("NY-NGAY").locator("input[type=date]").fill("2025-11-20")
    expect(phone.item("NY-NGAY")).to_have_class(ANSWERED)
    expect(phone.item("NY-CU")).to_be_visible()
    phone.item("NY-GIO").locator("input[type=time]").fill("07:30")
    expect(phone.item("NY-GIO")).to_have_class(ANSWERED)
    phone.answer("NY-CU", "Đạt")

    # Several places ticked; a failing choice ticked, then unticked, asks and drops the reason.
    boxes = phone.item("NY-NOI").locator("label.option")
    assert all(boxes.nth(n).bounding_box()["height"] >= 44 for n in range(3))
    phone.item("NY-NOI").get_by_label("Không niêm yết ở đâu").check()
    expect(phone.item("NY-NOI")).to_have_class(FAILED)
    expect(phone.item("NY-LYDO")).to_be_visible()
    phone.item("NY-NOI").get_by_label("Không niêm yết ở đâu").uncheck()
    expect(phone.item("NY-LYDO")).to_be_hidden()
    phone.item("NY-NOI").get_by_label("Trang thông tin điện tử của xã").check()
    phone.item("NY-NOI").get_by_label("Bảng niêm yết tại trụ sở").check()
    expect(phone.item("NY-NOI")).to_have_class(PASSED)

    # A figure the server would refuse is refused on the phone, with the server's reason.
    area = phone.item("NY-DIEN-TICH").locator(".answer-number")
    area.fill("1e300")
    area.evaluate("e => e.blur()")
    expect(page.locator(".toast")).to_have_text("Câu trả lời không hợp lệ: số quá lớn.")
    expect(phone.item("NY-DIEN-TICH")).not_to_have_class(ANSWERED)
    # A decimal below the threshold fails.
    phone.fill("NY-DIEN-TICH", "1.25")
    expect(phone.item("NY-DIEN-TICH")).to_have_class(FAILED)
    _shot(page, "phone-date-time", phone.item("NY-NGAY"))
    _shot(page, "phone-multiple-decimal", phone.item("NY-NOI"))

    _finish(phone, uuid)
    page.get_by_role("link", name="Lập biên bản", exact=True).click()
    _draft(phone, uuid)
    doc = page.locator(".minutes-doc")
    expect(doc).to_contain_text("Bảng niêm yết chỉ rộng 1,25 m², nhỏ hơn 1,5 m²")
    expect(doc).to_contain_text(
        "(NY-NOI): Bảng niêm yết tại trụ sở và Trang thông tin điện tử của xã")
    expect(doc).to_contain_text("20/11/2025")
    expect(doc).to_contain_text("07 giờ 30")
    _shot(page, "minutes-preview-item-types", doc.get_by_text("(NY-NOI)"))
    _sign(phone)

    _issued_online(app, phone, uuid)
    answers = _server_answers(app, uuid)
    assert {k: answers[k] for k in ("NY-NGAY", "NY-GIO", "NY-NOI", "NY-DIEN-TICH")} == {
        "NY-NGAY": "2025-11-20", "NY-GIO": "07:30", "NY-NOI": ["bang", "web"],
        "NY-DIEN-TICH": 1.25}
    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        failed = {f.item_id for f in db.session.scalars(
            select(Finding).where(Finding.inspection_id == inspection.id))}
        assert "NY-DIEN-TICH" in failed and "NY-NOI" not in failed
        db.session.remove()

    pdf = page.request.get(page.locator("#minutes-pdf").get_attribute("href"))
    text = " ".join(pdftotext(pdf.body()).split())
    assert "20/11/2025" in text
    assert "Nơi niêm yết thủ tục hành chính (NY-NOI): Bảng niêm yết tại trụ sở và Trang thông " \
           "tin điện tử của xã" in text
    assert "Bảng niêm yết chỉ rộng 1,25 m², nhỏ hơn 1,5 m²" in text
    if SCREENSHOTS:
        with open(os.path.join(SCREENSHOTS, "minutes-item-types.pdf"), "wb") as out:
            out.write(pdf.body())
