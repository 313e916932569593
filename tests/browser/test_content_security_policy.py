"""The offline app under its strict Content-Security-Policy, also when its worker serves it.

Every browser test also fails on any violation (the `devices` fixture); this one proves the policy
is in force on the page the worker serves offline, where an injected inline script must not run."""
from playwright.sync_api import expect

from .conftest import jpeg


def test_offline_app_works_under_the_policy_served_by_its_worker(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Không đạt")
    phone.attach_photos("KL-01", [
        {"name": "a.jpg", "mimeType": "image/jpeg", "buffer": jpeg((800, 600))}])

    served = phone.page.reload()  # offline: the service worker answers from its cache
    assert served.from_service_worker
    policy = served.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    phone.wait_ready()
    expect(phone.item("KL-01").locator("figure.thumb")).to_have_count(1)
    assert phone.csp_violations() == []

    phone.page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.append(script);
    }""")
    assert phone.page.evaluate("() => window.injected") is None
    assert len(phone.csp_violations()) == 1
    phone.log.clear()  # the refusal this test caused on purpose

    phone.come_online()
    assert phone.outbox() == []
