"""The offline app on a phone held in a hurry: a stray tap loses nothing, bars never cover what
the inspector reads, and a normal sync leaves the console clean. Tap sizes are measured screen
by screen in test_accessibility.py."""
import pytest
from playwright.sync_api import expect

from .conftest import jpeg

PHONES = [{"width": 360, "height": 640}, {"width": 390, "height": 844}]
PHOTO = {"name": "the.jpg", "mimeType": "image/jpeg", "buffer": jpeg((800, 600))}

OVERLAP = """([a, b]) => {
  const r = (sel) => document.querySelector(sel).getBoundingClientRect();
  const x = r(a), y = r(b);
  return Math.min(x.bottom, y.bottom) - Math.max(x.top, y.top) > 0.5
    && Math.min(x.right, y.right) - Math.max(x.left, y.left) > 0.5;
}"""


def _first_section(devices, **options):
    """An inspector's phone, offline, on the first section of a new inspection."""
    phone = devices("kiemtra1", **options).sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    return phone, uuid


def _removals(phone) -> list[str]:
    return [op["data"]["uuid"] for op in phone.outbox() if op["type"] == "photo.remove"]


def test_a_deleted_photo_comes_back_with_undo_and_goes_after_a_few_seconds(devices, world):
    phone, _ = _first_section(devices)
    phone.attach_photos("KL-01", [PHOTO])
    thumbs = phone.item("KL-01").locator("figure.thumb")

    thumbs.get_by_role("button", name="Xoá").click()
    expect(thumbs).to_have_count(0)
    snackbar = phone.page.locator(".snackbar")
    expect(snackbar).to_contain_text("Đã xoá ảnh.")
    snackbar.get_by_role("button", name="Hoàn tác").click()
    expect(snackbar).to_have_count(0)
    expect(thumbs).to_have_count(1)
    assert _removals(phone) == []

    thumbs.get_by_role("button", name="Xoá").click()
    expect(thumbs).to_have_count(0)
    expect(snackbar).to_have_count(0, timeout=8000)  # the time to undo is up
    assert len(_removals(phone)) == 1
    phone.page.reload()
    phone.wait_ready()
    expect(phone.item("KL-01").locator("figure.thumb")).to_have_count(0)


def test_a_second_tap_keeps_the_answer_and_bo_chon_clears_it(devices, world):
    phone, _ = _first_section(devices)
    phone.answer("KL-02", "Đạt")
    item = phone.item("KL-02")
    item.get_by_role("button", name="Đạt", exact=True).click()
    expect(item.get_by_role("button", name="Đạt", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    item.get_by_role("button", name="Bỏ chọn").click()
    expect(phone.item("KL-02").get_by_role("button", name="Đạt", exact=True)).to_have_attribute(
        "aria-pressed", "false")
    expect(phone.item("KL-02").get_by_role("button", name="Bỏ chọn")).to_have_count(0)
    values = [op["data"]["value"] for op in phone.outbox() if op["type"] == "response.set"
              and op["data"]["item_id"] == "KL-02"]
    assert len(values) == 2 and values[0] is not None and values[1] is None  # the second tap sent nothing


@pytest.mark.parametrize("viewport", PHONES, ids=["360", "390"])
def test_bars_cover_neither_each_other_nor_an_item_title(devices, world, viewport):
    phone = devices("kiemtra1", viewport=viewport).sign_in()
    page = phone.page
    # Storage usage is said once, in the list screen's card.
    expect(page.locator(".storage-panel .storage-usage")).to_contain_text("Đã dùng")
    assert page.get_by_text("Bộ nhớ đã dùng").count() == 0
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Đạt")
    phone.answer("KL-02", "Không đạt")
    phone.item("KL-01").locator("details.more summary").click()
    height = page.evaluate("() => document.documentElement.scrollHeight - innerHeight")
    assert height > 0
    for y in range(0, height + 60, 60):
        page.evaluate("(y) => scrollTo(0, y)", y)
        assert not page.evaluate(OVERLAP, [".jumpbar", ".app-foot"]), f"overlap at y={y}"
    page.evaluate("() => scrollTo(0, document.documentElement.scrollHeight)")
    foot = page.locator(".app-foot").bounding_box()
    assert foot["y"] + foot["height"] <= viewport["height"] + 0.5  # the footer is reachable

    page.click("#next-unanswered")  # KL-03, below the two answered items
    title = phone.item("KL-03").locator("h3")
    expect(phone.item("KL-03")).to_be_in_viewport()
    page.wait_for_timeout(100)
    progress = page.locator(".section-progress").bounding_box()
    bar = page.locator(".app-bar").bounding_box()
    heading = title.bounding_box()
    assert progress["y"] >= bar["y"] + bar["height"] - 0.5  # the progress line is not under the bar
    assert heading["y"] >= progress["y"] + progress["height"], (heading, progress)


def test_a_full_sync_with_new_photos_logs_no_console_error(devices, world):
    phone, uuid = _first_section(devices)
    phone.answer("KL-01", "Không đạt")
    phone.attach_photos("KL-01", [PHOTO, {**PHOTO, "buffer": jpeg((800, 600), (20, 90, 160))}])
    phone.come_online()
    phone.sync()
    expect(phone.item("KL-01").locator("figure.thumb figcaption", has_text="chưa gửi")
           ).to_have_count(0)
    phone.page.goto("/app#/")
    expect(phone.badge(uuid)).to_contain_text("đã đồng bộ")
    assert phone.log == []


MENU_LINES = """(sel) => new Set([...document.querySelectorAll(sel)]
  .filter((el) => el.getClientRects().length).map((el) => Math.round(el.getBoundingClientRect().top))).size"""


@pytest.mark.parametrize("username", ["admin", "lead"])
def test_office_menu_is_one_line_at_1366_and_one_button_on_a_phone(devices, demo, username):
    desk = devices(username, viewport={"width": 1366, "height": 768})
    desk.log_in("/", password="demo")
    page = desk.page
    assert page.evaluate(MENU_LINES, ".nav-wide > *") == 1
    assert page.locator("header.topbar").bounding_box()["height"] <= 70
    expect(page.locator(".nav-narrow")).to_be_hidden()
    if username == "admin":  # the administrator's pages under one button
        page.locator(".nav-wide").get_by_text("Quản trị").click()
        page.locator(".nav-wide").get_by_role("link", name="Người dùng").click()
        expect(page.locator("h1")).to_contain_text("Người dùng")

    phone = devices(username, viewport={"width": 360, "height": 740})
    phone.log_in("/", password="demo")
    page = phone.page
    header = page.locator("header.topbar")
    assert header.bounding_box()["height"] <= 70  # one line: brand, "Danh mục", "Đăng xuất"
    expect(page.locator(".nav-wide")).to_be_hidden()
    menu = page.locator(".nav-narrow > .nav")
    expect(menu).to_be_hidden()
    page.get_by_text("Danh mục", exact=True).click()
    expect(menu.get_by_role("link", name="Văn bản")).to_be_visible()
    assert header.bounding_box()["height"] <= 70  # the menu opens over the page, not in the bar
    menu.get_by_role("link", name="Văn bản").click()
    expect(page.locator("h1")).to_contain_text("Văn bản")
