"""One phone in a browser test: a Playwright context signed in as one user, driven in the
inspector's words (start an inspection, answer an item, attach a photo, sync)."""
import os
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.conftest import TEST_PASSWORD

PHONE = {"width": 360, "height": 740}
# INSPECT_SCREENSHOTS=1 makes the tests that show a screen in the README save it there.
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SYNC_TIMEOUT = 20_000


class Device:
    def __init__(self, browser, base_url: str, username: str, **options):
        self.base_url = base_url
        self.username = username
        options.setdefault("viewport", PHONE)
        self.context = browser.new_context(base_url=base_url, locale="vi-VN",
                                           timezone_id="Asia/Ho_Chi_Minh", **options)
        self.context.set_default_timeout(15_000)
        self.requests: list[str] = []
        self.log: list[str] = []  # console errors and uncaught exceptions, shown when a test fails
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on("console", lambda m: m.type == "error" and self.log.append(m.text))
        self.context.on("weberror", lambda e: self.log.append(f"{e.error}"))
        self.page = self.context.new_page()

    def close(self) -> None:
        self.context.close()

    def csp_violations(self) -> list[str]:
        """What the page's Content-Security-Policy refused (Chromium logs each as an error)."""
        return [line for line in self.log if "Content Security Policy" in line]

    def report(self) -> str:
        """What the phone showed and logged, for a failed test's output."""
        try:
            screen = self.page.inner_text("body", timeout=2000)
        except Exception as err:  # noqa: BLE001  (a closed page still leaves the log to show)
            screen = f"(no screen: {err})"
        return f"--- {self.username} at {self.page.url}\n{screen}\n--- log:\n" + "\n".join(self.log)

    # -- pages ---------------------------------------------------------------------------------
    def log_in(self, next_url: str = "/", password: str = TEST_PASSWORD) -> None:
        """Sign in on the web page, as the user would (online)."""
        self.page.goto(f"/login?next={next_url}")
        self.page.fill("input[name=username]", self.username)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(f"**{next_url}")

    def sign_in(self) -> "Device":
        """Sign in, land on the app, and wait for its first sync and its service worker."""
        self.log_in("/app")
        self.wait_ready()
        self.wait_synced()
        self.page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        return self

    # Page predicates are functions ("() => …"): Playwright evaluates an expression string with
    # eval, which the app's Content-Security-Policy (no 'unsafe-eval') refuses.
    def wait_ready(self) -> None:
        self.page.wait_for_function("() => document.documentElement.dataset.ready === 'true'")

    def reopen(self) -> None:
        """Close the tab and open the app again in a new one (same phone)."""
        self.page.close()
        self.page = self.context.new_page()
        self.page.goto("/app")
        self.wait_ready()

    def syncs_done(self) -> int:
        return int(self.page.get_attribute("#sync-status", "data-done") or 0)

    def wait_synced(self, after: int | None = None, timeout: int = SYNC_TIMEOUT) -> None:
        """Wait for a completed sync (one more than `after`, when given)."""
        floor = 0 if after is None else after
        self.page.wait_for_function(
            "(floor) => Number(document.getElementById('sync-status').dataset.done || 0) > floor",
            arg=floor, timeout=timeout)

    def sync(self, timeout: int = SYNC_TIMEOUT) -> None:
        """Tap "Đồng bộ" and wait for that sync to complete."""
        before = self.syncs_done()
        self.page.click("#sync-now")
        self.wait_synced(before, timeout)

    def offline(self) -> None:
        self.context.set_offline(True)

    def online(self) -> None:
        self.context.set_offline(False)

    def come_online(self, timeout: int = SYNC_TIMEOUT) -> None:
        """Back in signal: the `online` event starts a sync by itself; wait for it to complete."""
        before = self.syncs_done()
        self.online()
        self.wait_synced(before, timeout)

    # -- the inspector's actions ---------------------------------------------------------------
    def start_inspection(self, unit: str, round_label: str | None, checklists=()) -> str:
        """Start an inspection at `unit`, in the round whose label starts with `round_label`
        (None: a surprise visit); returns its uuid."""
        page = self.page
        page.goto("/app#/")
        page.click("#start-new")
        page.fill("#unit-search", unit.split()[-1].lower())
        page.click(f"#unit-results button:text-is('{unit}')")
        if round_label is None:
            page.get_by_label("Kiểm tra đột xuất ngoài kế hoạch").check()
        else:
            page.locator("label.option", has_text=round_label).locator("input").check()
        for title in checklists:
            page.locator("label.option", has_text=title).locator("input").check()
        page.click("#start")
        page.wait_for_url("**/app#/i/*")
        return page.url.rsplit("/", 1)[-1]

    def open_section(self, uuid: str, title: str) -> None:
        self.page.goto(f"/app#/i/{uuid}")
        self.page.locator("a.section-link", has_text=title).click()
        expect(self.page.locator("h1")).to_contain_text(title)

    def item(self, item_id: str):
        return self.page.locator(f"article.item[data-item='{item_id}']")

    def answer(self, item_id: str, label: str) -> None:
        """One tap on an answer button, then wait until it shows as chosen (stored)."""
        item = self.item(item_id)
        item.get_by_role("button", name=label, exact=True).click()
        expect(self.item(item_id).get_by_role("button", name=label, exact=True)).to_have_attribute(
            "aria-pressed", "true")

    def fill(self, item_id: str, value: str) -> None:
        """Type a count, number or text answer (stored when the field is left)."""
        field = self.item(item_id).locator(".answer-number, .answer-text")
        field.fill(value)
        field.evaluate("e => e.blur()")  # the answer is stored when the field is left
        expect(self.item(item_id)).to_have_class(re.compile(r"\banswered\b"))

    def attach_photos(self, item_id: str, files: list[dict], camera: bool = True) -> None:
        item = self.item(item_id)
        before = item.locator("figure.thumb").count()
        if item.locator("details.more").get_attribute("open") is None:
            item.locator("details.more summary").click()
        if camera:  # the camera gives one photo per shot
            for n, file in enumerate(files, 1):
                self.item(item_id).locator("input.camera").set_input_files(file)
                expect(self.item(item_id).locator("figure.thumb")).to_have_count(
                    before + n, timeout=20_000)
        else:
            item.locator("input.gallery").set_input_files(files)
            expect(self.item(item_id).locator("figure.thumb")).to_have_count(
                before + len(files), timeout=20_000)

    def badge(self, uuid: str):
        return self.page.locator(f"a.inspection-card[data-uuid='{uuid}'] .badges")

    def outbox(self) -> list[dict]:
        """The ops waiting on this phone (queued or refused), as store.js holds them."""
        return self.page.evaluate(
            "async () => (await import('/static/js/store.js')).getAll('outbox')")

    def screenshot(self, name: str, of=None, block: str = "center") -> None:
        """Save the screen (at 390x844, `of` scrolled into view) as docs/screenshots/`name`,
        when INSPECT_SCREENSHOTS is set; the README shows these screens."""
        if not os.environ.get("INSPECT_SCREENSHOTS"):
            return
        self.page.set_viewport_size({"width": 390, "height": 844})
        if of is not None:
            of.evaluate("(e, block) => e.scrollIntoView({block})", block)
        self.page.wait_for_timeout(300)
        self.page.screenshot(path=str(SHOTS / name))
        from PIL import Image  # 128 colours: a third of the size, no visible change

        with Image.open(SHOTS / name) as shot:
            small = shot.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        small.save(SHOTS / name, optimize=True)
        self.page.set_viewport_size(PHONE)
