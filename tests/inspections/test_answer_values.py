"""What the server accepts as an answer to each item type: every case of
tests/fixtures/answers.json (which the device's static/js/answers.js must also pass, see
test_answer_values_js.py)."""
import json

import pytest

from inspect_app import ROOT
from inspect_app.inspections.answers import value_problem

CASES = json.loads((ROOT / "tests" / "fixtures" / "answers.json").read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['item']['type']}-{c['value']!r}")
def test_each_answer_is_accepted_or_refused_with_its_reason(case):
    assert value_problem(case["item"], case["value"]) == case["problem"]


def test_the_cases_cover_every_new_type_both_ways():
    for kind in ("date", "time", "datetime", "multiple", "number"):
        outcomes = {c["problem"] is None for c in CASES if c["item"]["type"] == kind}
        assert outcomes == {True, False}, kind
