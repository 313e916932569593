"""Every screen passes axe-core with no serious or critical violation, and every tap target on a
360x640 phone is at least 44x44 CSS px: the offline app, screen by screen as a team lead works
through an inspection, and the office pages, found by following links as each role."""
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from .a11y import axe_violations, small_targets
from .conftest import jpeg

SMALL_PHONE = {"width": 360, "height": 640}
PHONE_390 = {"width": 390, "height": 844}
DEMO_PASSWORD = "demo"
# Files, not screens: exports, PDFs and the app (walked on its own below).
NOT_A_SCREEN = re.compile(r"^/(static|api|app)\b|\.(csv|xlsx|pdf|zip)\b|/export|/pdf\b|/download")
MOST_PAGES = 40  # per role; kinds of page, not every record


def _screen_kind(path: str) -> str:
    """/rounds/3/edit and /rounds/7/edit are one kind of screen; so are two documents' pages."""
    return "/".join("N" if re.search(r"\d", part) else part for part in urlparse(path).path.split("/"))


def _walk_office(page, start: str, check) -> tuple[list[str], list[str]]:
    """Follow same-site links from `start`, checking one page of each kind."""
    todo, kinds, problems = [start], {}, []
    while todo and len(kinds) < MOST_PAGES:
        path = todo.pop(0)
        kind = _screen_kind(path)
        if kind in kinds or NOT_A_SCREEN.search(path):
            continue
        kinds[kind] = path
        response = page.goto(path)
        if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
            continue
        problems += check(page, path)
        todo += [href.split("#")[0] for href in page.eval_on_selector_all(
            "a[href^='/']", "links => links.map((a) => a.getAttribute('href'))")]
    return list(kinds), problems


@pytest.mark.parametrize("check", [axe_violations], ids=["axe"])
@pytest.mark.parametrize("username", ["admin", "lead", "unithead", "viewer"])
def test_office_pages_pass(devices, demo, username, check):
    person = devices(username, viewport=SMALL_PHONE)
    person.log_in("/", password=DEMO_PASSWORD)
    kinds, problems = _walk_office(person.page, "/", check)
    assert len(kinds) >= 5, kinds  # the walk reached the role's pages
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("check", [axe_violations], ids=["axe"])
def test_pages_before_signing_in_pass(devices, demo, check):
    visitor = devices("nobody", viewport=SMALL_PHONE)
    problems = []
    for path in ("/login", "/verify"):
        visitor.page.goto(path)
        problems += check(visitor.page, path)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("check,viewport", [
    (axe_violations, SMALL_PHONE), (small_targets, SMALL_PHONE), (small_targets, PHONE_390)],
    ids=["axe", "taps-360", "taps-390"])
def test_offline_app_screens_pass(devices, world, check, viewport):
    lead = devices("truongdoan", viewport=viewport).sign_in()
    page, problems = lead.page, []

    def screen(label: str) -> None:
        problems.extend(check(page, label))

    screen("list")
    page.click("#start-new")
    page.fill("#unit-search", "lập")
    page.click("#unit-results button:text-is('Xã Tân Lập')")
    screen("start")
    uuid = lead.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    screen("inspection")
    lead.open_section(uuid, "Giờ giấc và thẻ công chức")
    lead.answer("KL-01", "Không đạt")
    lead.attach_photos("KL-01", [{"name": "the.jpg", "mimeType": "image/jpeg",
                                  "buffer": jpeg((800, 600))}])
    lead.answer("KL-02", "Không đạt")
    lead.fill("KL-03", "1")
    lead.item("KL-01").locator("details.basis summary").click()
    screen("section")
    page.goto(f"/app#/i/{uuid}/attendance")
    expect(page.locator("li.person")).to_have_count(3)
    screen("attendance")
    page.goto(f"/app#/i/{uuid}/remediation")
    expect(page.locator("#view")).to_contain_text("Cập nhật bảng niêm yết")
    screen("remediation")
    page.goto(f"/app#/i/{uuid}")
    page.get_by_role("button", name="Kết thúc kiểm tra", exact=True).click()
    screen("finish")
    page.get_by_role("button", name="Xác nhận kết thúc kiểm tra").click()
    page.click("#open-minutes")
    expect(page.locator("#unit-opinion")).to_be_visible()
    screen("minutes")
    page.locator(".rep-name").fill("Nguyễn Văn An")
    page.click("#preview-minutes")
    expect(page.locator(".minutes-doc")).to_contain_text("BIÊN BẢN KIỂM TRA")
    screen("preview")
    page.click("#sign-minutes")
    expect(page.locator(".sign-block[data-role=lead]")).to_be_visible()
    screen("signing")
    assert problems == [], "\n".join(problems)
