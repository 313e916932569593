"""Running the device's JavaScript modules in Debian's Chromium, to hold them to their Python twins.

The modules are served by the app (a server thread of this process, on 127.0.0.1: a secure
context, so crypto.subtle works); Chromium runs in a thread of its own, because the browser
tests' Playwright may still be running in this one. An error thrown in the page fails the test.
"""
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def served(app):
    """The app's address while the module's tests run."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def evaluate(base_url: str, *calls: tuple[str, object]):
    """Each (script, argument) evaluated in one fresh page of the app: a function of the
    argument, as Playwright's page.evaluate takes it. The result of one call, or a list."""
    from playwright.sync_api import sync_playwright

    out: dict = {}

    def run():
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
                try:
                    page = browser.new_page()
                    page.on("pageerror", lambda err: out.setdefault("page_errors", []).append(err))
                    page.goto(base_url + "/login")
                    out["values"] = [page.evaluate(script, arg) for script, arg in calls]
                finally:
                    browser.close()
        except Exception as err:  # noqa: BLE001  (raised again in the test's thread)
            out["error"] = err

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(120)
    if "error" in out:
        raise out["error"]
    assert not out.get("page_errors"), out["page_errors"]
    return out["values"][0] if len(calls) == 1 else out["values"]
