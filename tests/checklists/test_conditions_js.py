"""The expression language in JavaScript, run in Debian's Chromium: every case of
tests/fixtures/conditions.json gives what Python gives (test_conditions.py checks Python).

The modules are served by the app (a server thread of this process); Chromium runs in a thread
of its own, because the browser tests' Playwright may still be running in this one.
"""

import pytest

from inspect_app.checklists.visibility import shown_items

from ..jsrun import evaluate
from .test_conditions import CHECKLIST_CASES, FIXTURE, STORED, score_dict  # noqa: F401

pytestmark = pytest.mark.browser
RUN = """async (fixture) => {
  const c = await import('/static/js/conditions.js');
  const v = await import('/static/js/visibility.js');
  const env = c.answersEnv(fixture.answers);
  const values = fixture.expressions.map((x) => c.evaluate(c.parse(x.expr), env));
  const errors = fixture.errors.map((x) => {
    try { c.parse(x.expr); return null; } catch (e) { return [e.name, e.position, e.message]; }
  });
  const sorted = (set) => [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const checklists = fixture.checklists.map(({ definition, cases }) => cases.map(({ answers }) => {
    const shown = v.visibility(definition, answers);
    const rows = Object.fromEntries(Object.entries(shown.rows)
      .map(([g, r]) => [g, r.map(sorted)]));
    return { visible: sorted(shown.items), rows, computed: v.computedValues(definition, answers),
             score: v.score(definition, answers), same: sorted(v.visibleItems(definition, answers)) };
  }));
  return { values, errors, checklists };
}"""


SHOWN = """async ({ definition, stored }) => {
  const { shownOf } = await import('/static/js/shown.js');
  const responses = Object.fromEntries(Object.entries(stored).map(([id, value]) => [`7/${id}`, { value }]));
  const shown = shownOf({ id: 7, definition }, { responses });
  return { sections: [...shown.sections].sort(), visible: [...shown.visible].sort(), computed: shown.computed };
}"""


@pytest.fixture(scope="module")
def results(served):
    """What the JS modules give for the whole fixture, in one page."""
    value, shown = evaluate(served, (RUN, FIXTURE), (SHOWN, STORED))
    return {**value, "shown": shown}


def test_every_shared_expression_gives_the_same_value_in_javascript(results):
    got = results["values"]
    assert len(got) == len(FIXTURE["expressions"])
    for case, value in zip(FIXTURE["expressions"], got, strict=True):
        assert value == case["value"] and type(value) is type(case["value"]) or (
            isinstance(case["value"], int | float) and not isinstance(case["value"], bool)
            and isinstance(value, int | float) and value == case["value"]), case["expr"]


def test_every_malformed_expression_is_refused_at_the_same_position(results):
    for case, error in zip(FIXTURE["errors"], results["errors"], strict=True):
        assert error is not None, case["expr"]
        name, position, message = error
        assert (name, position) == ("Error", case["position"]), (case["expr"], message)
        assert message.endswith(f"at position {case['position']}")


def test_visibility_computed_values_and_score_agree_with_python(results):
    got = [case for cases in results["checklists"] for case in cases]
    assert len(got) == len(CHECKLIST_CASES) >= 5
    for (name, n, _, case), js in zip(CHECKLIST_CASES, got, strict=True):
        where = f"{name} case {n}"
        assert js["visible"] == js["same"] == case["visible"], where
        assert js["rows"] == case["rows"], where
        assert js["computed"] == case["computed"], where
        assert js["score"] == case["score"], where


def test_shown_items_of_stored_answers_agree_with_python(results):
    sections, visible, computed = shown_items(STORED["definition"], STORED["stored"])
    assert results["shown"] == {"sections": sorted(sections), "visible": sorted(visible),
                                "computed": computed}
