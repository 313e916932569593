"""static/js/rollcall.js, run in Debian's Chromium, gives every case of tests/fixtures/rollcall.json
as inspect_app/inspections/rollcall.py does (test_rollcall.py checks Python)."""
import threading

import pytest
from werkzeug.serving import make_server

from .test_rollcall import FIXTURE, expected

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
RUN = """async (fixture) => {
  const r = await import('/static/js/rollcall.js');
  const cases = fixture.cases.map(({ rows, checks }) => {
    const figures = r.tally(rows);
    return {
      tally: figures, counter: r.counter(figures), counter_of_12: r.counter(figures, 12),
      sentence: r.sentence(figures, rows),
      suggestions: Object.fromEntries(Object.keys(r.KINDS).map((k) => [k, r.suggestion(k, rows)])),
      checks: checks.map(({ kind, value }) => ({ kind, value, reason: r.contradiction(kind, value, rows) })),
    };
  });
  const found = r.contradictions(fixture.record, fixture.definitions);
  return { cases, contradictions: found, refusal: r.refusal(found), kinds: r.KINDS };
}"""


def test_javascript_gives_every_case_of_the_shared_fixture(app):
    from playwright.sync_api import sync_playwright

    from inspect_app.inspections.rollcall import KINDS

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    out: dict = {}

    def run():
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
                try:
                    page = browser.new_page()
                    page.goto(f"http://127.0.0.1:{server.server_port}/login")
                    out["value"] = page.evaluate(RUN, FIXTURE)
                finally:
                    browser.close()
        except Exception as err:  # noqa: BLE001  (raised again in the test's thread)
            out["error"] = err

    worker = threading.Thread(target=run)  # Playwright's sync API may be running in this one
    worker.start()
    worker.join(120)
    server.shutdown()
    thread.join()
    if "error" in out:
        raise out["error"]
    got = out["value"]
    assert got.pop("kinds") == KINDS
    assert got == expected()
