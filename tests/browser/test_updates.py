"""A new version of the app waits for the inspector: nothing reloads under an open inspection."""
import pytest
from playwright.sync_api import expect

CACHES = "caches.keys().then((keys) => keys.filter((k) => k.startsWith('shell-')))"


@pytest.fixture
def new_release(server):
    """Publish a new version of the shell (one changed CSS file); put the old one back after."""
    path = server.static_dir / "css" / "offline.css"
    before = path.read_text()

    def publish():
        path.write_text(before + "\n/* release 2 */\n")

    yield publish
    path.write_text(before)


def test_new_version_waits_until_the_inspector_reloads(devices, world, new_release):
    phone = devices("kiemtra1").sign_in()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Đạt")
    old_caches = phone.page.evaluate(CACHES)
    phone.page.evaluate("window.stillTheSamePage = true")

    new_release()
    phone.page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    banner = phone.page.locator("#update")
    expect(banner).to_be_visible()
    expect(banner).to_have_text("Có phiên bản mới — Tải lại")

    # The new version waits: same page, old worker in control, and the inspection goes on.
    assert phone.page.evaluate("navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)")
    phone.answer("KL-02", "Không đạt")
    assert phone.page.evaluate("window.stillTheSamePage") is True
    assert phone.page.evaluate(CACHES) != old_caches  # precached beside the old one, not over it

    banner.get_by_role("button", name="Tải lại").click()
    phone.page.wait_for_function("() => window.stillTheSamePage === undefined")
    phone.wait_ready()
    # Back on the same screen, with both answers, under the new version only.
    expect(phone.page.locator("h1")).to_contain_text("Giờ giấc và thẻ công chức")
    for item_id, label in (("KL-01", "Đạt"), ("KL-02", "Không đạt")):
        expect(phone.item(item_id).get_by_role("button", name=label, exact=True)).to_have_attribute(
            "aria-pressed", "true")
    new_caches = phone.page.evaluate(CACHES)
    assert len(new_caches) == 1 and new_caches != old_caches
    expect(banner).to_be_hidden()
