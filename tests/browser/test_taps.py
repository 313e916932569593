"""One tap is one answer: taps are never lost to a screen redrawing under the finger."""
from playwright.sync_api import expect


def test_tap_right_after_typing_a_note_is_not_lost(devices, world):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    item = phone.item("KL-01")
    item.locator("details.more summary").click()
    item.locator("textarea.note").fill("Một cán bộ không đeo thẻ")
    # The note is stored when the field loses focus, that is on the very tap that answers; a
    # finger rests on the glass ~0.2 s, long enough for that write to finish mid-tap.
    item.get_by_role("button", name="Không đạt", exact=True).click(delay=200)
    expect(phone.item("KL-01").get_by_role("button", name="Không đạt", exact=True)
           ).to_have_attribute("aria-pressed", "true")
    expect(phone.item("KL-01").locator("textarea.note")).to_have_value("Một cán bộ không đeo thẻ")
    answers = [op["data"] for op in phone.outbox() if op["type"] == "response.set"]
    assert (answers[-1]["value"], answers[-1]["note"]) == ("no", "Một cán bộ không đeo thẻ")


def test_quick_taps_on_one_person_keep_the_last(devices, world):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.page.click("text=Điểm danh")
    person = phone.page.locator("li.person").filter(has_text="Nguyễn Văn An")
    for label in ("Có mặt", "Vắng không phép", "Đi muộn"):
        person.get_by_role("button", name=label).click(delay=120)
    expect(person.get_by_role("button", name="Đi muộn")).to_have_attribute("aria-pressed", "true")
    expect(phone.page.locator(".section-progress")).to_contain_text("1/3 đã điểm danh")
    statuses = [op["data"]["status"] for op in phone.outbox() if op["type"] == "attendance.set"]
    assert statuses == ["present", "absent_unexcused", "late"]
