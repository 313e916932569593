"""static/js/rollcall.js, run in Debian's Chromium, gives every case of tests/fixtures/rollcall.json
as inspect_app/inspections/rollcall.py does (test_rollcall.py checks Python)."""
import pytest

from ..jsrun import evaluate
from .test_rollcall import FIXTURE, expected

pytestmark = pytest.mark.browser
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


def test_javascript_gives_every_case_of_the_shared_fixture(served):
    from inspect_app.inspections.rollcall import KINDS

    got = evaluate(served, (RUN, FIXTURE))
    assert got.pop("kinds") == KINDS
    assert got == expected()
