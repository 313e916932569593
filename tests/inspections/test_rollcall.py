"""The roll-call's rules in Python on the shared fixture (static/js/rollcall.js has the same
cases in test_rollcall_js.py), and the checklist key that ties an item to them."""
import json
from pathlib import Path

import pytest

from inspect_app.checklists.loader import load_file
from inspect_app.inspections import rollcall

FIXTURE = json.loads((Path(__file__).parent.parent / "fixtures" / "rollcall.json")
                     .read_text(encoding="utf-8"))


def results() -> dict:
    """What Python gives for every case of the fixture, in the fixture's shape."""
    cases = []
    for case in FIXTURE["cases"]:
        rows = case["rows"]
        figures = rollcall.tally(rows)
        cases.append({
            "tally": figures, "counter": rollcall.counter(figures),
            "counter_of_12": rollcall.counter(figures, 12),
            "sentence": rollcall.sentence(figures, rows),
            "suggestions": {k: rollcall.suggestion(k, rows) for k in rollcall.KINDS},
            "checks": [{"kind": c["kind"], "value": c["value"],
                        "reason": rollcall.contradiction(c["kind"], c["value"], rows)}
                       for c in case["checks"]]})
    definitions = {(d["slug"], d["version"]): d["definition"] for d in FIXTURE["definitions"]}
    found = rollcall.contradictions(FIXTURE["record"], definitions)
    return {"cases": cases, "contradictions": found, "refusal": rollcall.refusal(found)}


def expected() -> dict:
    keys = ("tally", "counter", "counter_of_12", "sentence", "suggestions", "checks")
    return {"cases": [{k: c[k] for k in keys} for c in FIXTURE["cases"]],
            "contradictions": FIXTURE["contradictions"], "refusal": FIXTURE["refusal"]}


def test_python_gives_every_case_of_the_shared_fixture():
    assert results() == expected()


def test_ten_of_ten_present_and_one_met_on_site_reads_10_10_plus_1():
    case = FIXTURE["cases"][0]
    assert rollcall.counter(rollcall.tally(case["rows"])) == "10/10 + 1"


def test_late_people_count_as_present_and_people_met_on_site_apart():
    rows = [{"full_name": "A", "status": "late", "staff_member_id": 1},
            {"full_name": "B", "status": "present", "staff_member_id": None}]
    assert rollcall.tally(rows) == {"expected": 1, "present": 1, "late": 1, "absent_excused": 0,
                                    "absent_unexcused": 0, "met_on_site": 1}


ITEM = """slug: thu
title: Thử
legal_sources:
  CT26: {title: Chỉ thị 26, short: Chỉ thị số 26/CT-TTg, kind: directive,
         in_force_from: 2016-09-05, verified: true}
sections:
  - id: a
    title: A
    items:
      - {id: X-01, text: Số người vắng, type: %s, roll_call: %s, severity: minor,
         basis: {source: CT26, article: Mục 1}, finding: Có người vắng, remedy: Chấn chỉnh}
"""


@pytest.mark.parametrize(("kind", "roll_call", "reason"), [
    ("count", "absent_unexcused", None),
    ("text", "absent_unexcused_names", None),
    ("count", "vang", "roll_call 'vang' is not one of all_present, absent, absent_unexcused"),
    ("yes_no", "late", "roll_call late needs a count item, not yes_no"),
])
def test_the_loader_keeps_roll_call_and_refuses_a_wrong_one(tmp_path, kind, roll_call, reason):
    path = tmp_path / "thu.yaml"
    path.write_text(ITEM % (kind, roll_call), encoding="utf-8")
    result = load_file(path)
    if reason is None:
        assert result.ok and result.definition["sections"][0]["items"][0]["roll_call"] == roll_call
    else:
        assert len(result.problems) == 1 and result.problems[0].item_id == "X-01"
        assert reason in result.problems[0].reason


def test_the_discipline_checklist_counts_its_attendance_items_from_the_roll_call():
    result = load_file(Path(__file__).parents[2] / "checklists" / "ky-luat-ky-cuong.yaml")
    kinds = {i["id"]: i.get("roll_call") for s in result.definition["sections"]
             for i in s["items"]}
    assert {k: kinds[k] for k in ("KL-01", "KL-02", "KL-03", "KL-17")} == {
        "KL-01": "all_present", "KL-02": "absent_unexcused", "KL-03": "late_or_left_early",
        "KL-17": "absent_unexcused_names"}
