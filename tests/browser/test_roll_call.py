"""The roll-call on the phone (issue 14): "10/10 + 1" counts people met on site apart; an item
counted from the roll-call offers its figure, shows a contradiction, and minutes that contradict
it are not signed until the answer agrees."""
import copy
import os

from playwright.sync_api import expect
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.minutes.models import Minutes

from .checklist_setup import use_definition
from .conftest import DEFINITION
from .test_minutes import SECTION_A, _draft, _sign

SCREENSHOTS = os.environ.get("ROLLCALL_SCREENSHOTS")  # a folder: 360×640 PNGs of each screen


def _shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.set_viewport_size({"width": 360, "height": 640})
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"))


def _counted_from_roll_call(app, world) -> None:
    """KL-03 ("Số cán bộ vắng không lý do") counted from the roll-call."""
    definition = copy.deepcopy(DEFINITION)
    definition["sections"][0]["items"][2]["roll_call"] = "absent_unexcused"
    use_definition(app, world, definition, "c" * 64)


def test_roll_call_counts_and_contradicting_minutes_are_not_signed(app, devices, world):
    _counted_from_roll_call(app, world)
    phone = devices("truongdoan").sign_in()
    page = phone.page
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")

    page.click("text=Điểm danh")
    people = page.locator("li.person")
    counter = page.locator("#rollcall-counter strong")
    expect(counter).to_have_text("0/3")
    people.filter(has_text="Nguyễn Văn An").get_by_role("button", name="Có mặt").click()
    people.filter(has_text="Lê Văn Cường").get_by_role("button", name="Đi muộn").click()
    people.filter(has_text="Trần Thị Bình").get_by_role("button", name="Vắng không phép").click()
    page.fill("#met-name", "Phạm Thị Dung")
    page.fill("#met-position", "Công chức Tư pháp xã bên")
    page.click("#met-add")
    # Present (the late too) of the list; the person met on site apart.
    expect(counter).to_have_text("2/3 + 1")
    expect(page.locator(".section-progress")).to_contain_text("3/3 đã điểm danh")
    _shot(page, "rollcall")

    page.goto(f"/app#/i/{uuid}")
    expect(page.get_by_role("link", name="Điểm danh (2/3 + 1 có mặt)")).to_be_visible()
    _shot(page, "rollcall-inspection")
    phone.open_section(uuid, SECTION_A)
    kl03 = phone.item("KL-03")
    expect(kl03.locator(".rollcall-hint")).to_contain_text("Theo điểm danh: 1 người")
    phone.answer("KL-01", "Đạt")
    phone.answer("KL-02", "Đạt")
    phone.fill("KL-03", "0")
    expect(kl03.locator(".rollcall-conflict")).to_have_text(
        "Khác với điểm danh: điểm danh có 1 người vắng không phép, mục ghi 0 người. "
        "Biên bản chưa ký được khi còn mâu thuẫn.")
    kl03.scroll_into_view_if_needed()
    _shot(page, "rollcall-item-conflict")

    page.goto(f"/app#/i/{uuid}")
    page.click("#open-minutes")
    _draft(phone, uuid)
    expect(page.locator("#rollcall-conflicts")).to_contain_text(
        "KL-03: điểm danh có 1 người vắng không phép, mục ghi 0 người.")
    _shot(page, "rollcall-minutes-refused")
    page.click("#sign-minutes")
    # (other messages, e.g. of a sync, may show beside it)
    expect(page.locator(".toast").filter(has_text="mâu thuẫn với điểm danh")).to_be_visible()
    expect(page.locator(".sign-block")).to_have_count(0)

    # One tap takes the roll-call's figure; the contradiction is gone, the minutes sign.
    phone.open_section(uuid, SECTION_A)
    phone.item("KL-03").get_by_role("button", name="Điền theo điểm danh").click()
    expect(phone.item("KL-03").locator(".answer-number")).to_have_value("1")
    expect(phone.item("KL-03").locator(".rollcall-conflict")).to_have_count(0)
    page.goto(f"/app#/i/{uuid}/minutes/preview")
    doc = page.locator(".minutes-doc")
    expect(doc).to_contain_text(
        "Có mặt 2/3 người theo danh sách (1 người đi muộn), vắng không phép 1; ngoài ra làm việc "
        "với 1 người ngoài danh sách: Phạm Thị Dung (Công chức Tư pháp xã bên).")
    expect(page.locator("#rollcall-conflicts")).to_have_count(0)
    if SCREENSHOTS:
        expect(page.locator(".toast")).to_have_count(0)  # the refusal's message, gone by now
        doc.get_by_text("Việc chấp hành thời giờ làm việc").scroll_into_view_if_needed()
        _shot(page, "rollcall-minutes-agreed")
    _sign(phone)
    phone.sync()

    with app.app_context():
        minutes = db.session.scalar(select(Minutes).join(Inspection).where(
            Inspection.uuid == uuid, Minutes.status != "draft"))
        assert minutes is not None, phone.report()
        assert minutes.record["roll_call"] == {"expected": 3, "present": 2, "late": 1,
                                               "absent_excused": 0, "absent_unexcused": 1,
                                               "met_on_site": 1}
        db.session.remove()
