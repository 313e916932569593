"""static/js/answers.js, the device's twin of value_problem, gives every case of
tests/fixtures/answers.json in Chromium: the phone refuses what the server refuses, and says why
in the same words."""
import pytest

from ..jsrun import evaluate
from .test_answer_values import CASES

pytestmark = pytest.mark.browser
RUN = """async (cases) => {
  const { valueProblem } = await import('/static/js/answers.js');
  return cases.map((c) => valueProblem(c.item, c.value));
}"""


def test_the_device_refuses_each_answer_with_the_servers_reason(served):
    got = evaluate(served, (RUN, CASES))
    assert [(c["item"]["type"], c["value"], p) for c, p in zip(CASES, got, strict=True)] == [
        (c["item"]["type"], c["value"], c["problem"]) for c in CASES]
