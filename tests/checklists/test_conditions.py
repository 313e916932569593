"""The expression language in Python: every case of tests/fixtures/conditions.json (which the
JavaScript module must also pass, see test_conditions_js.py), and what `validate` reports."""
import json
from pathlib import Path

import pytest

from inspect_app import ROOT
from inspect_app.checklists import scoring
from inspect_app.checklists.conditions import AnswersEnv, ExpressionError, evaluate, parse
from inspect_app.checklists.loader import load_file
from inspect_app.checklists.visibility import computed_values, visibility, visible_items

FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "conditions.json").read_text("utf-8"))
CHECKLIST_CASES = [(c["name"], n, c["definition"], case) for c in FIXTURE["checklists"]
                   for n, case in enumerate(c["cases"])]


def score_dict(score: scoring.Score) -> dict:
    return {"passed": score.passed, "applicable": score.applicable, "percent": score.percent,
            "failed": list(score.failed), "unanswered": list(score.unanswered)}


@pytest.mark.parametrize("case", FIXTURE["expressions"], ids=lambda c: c["expr"])
def test_every_shared_expression_gives_its_expected_value(case):
    got = evaluate(parse(case["expr"]), AnswersEnv(FIXTURE["answers"]))
    assert got == case["value"] and type(got) is type(case["value"])


@pytest.mark.parametrize("case", FIXTURE["errors"], ids=lambda c: c["expr"])
def test_every_malformed_expression_is_refused_at_its_position(case):
    with pytest.raises(ExpressionError) as err:
        parse(case["expr"])
    assert err.value.position == case["position"], str(err.value)
    assert f"at position {case['position']}" in str(err.value)


@pytest.mark.parametrize("name,n,definition,case", CHECKLIST_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CHECKLIST_CASES])
def test_visibility_computed_values_and_score_follow_the_shared_cases(name, n, definition, case):
    shown = visibility(definition, case["answers"])
    assert sorted(shown.items) == case["visible"]
    assert sorted(visible_items(definition, case["answers"])) == case["visible"]
    assert {g: [sorted(r) for r in rows] for g, rows in shown.rows.items()} == case["rows"]
    assert computed_values(definition, case["answers"]) == case["computed"]
    assert score_dict(scoring.score(definition, case["answers"])) == case["score"]


def test_the_fixture_checklist_passes_validate(tmp_path):
    import yaml

    [checklist] = [c for c in FIXTURE["checklists"] if c["name"] == "tre-han"]
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(checklist["definition"], allow_unicode=True), "utf-8")
    result = load_file(path)
    assert result.problems == []
    assert result.definition == checklist["definition"] | {
        "sections": [s | {"items": [_loaded(i) for i in s["items"]]}
                     for s in checklist["definition"]["sections"]]}


def _loaded(item: dict) -> dict:
    """The fixture's items as the loader writes them (no fail_if key on yes_no and text)."""
    if item["type"] in ("text", "yes_no", "choice"):
        return {k: v for k, v in item.items() if k != "fail_if"}
    return item


BASE = """
slug: thu
title: Phiếu thử
legal_sources:
  CT26: {title: "Chỉ thị 26/CT-TTg", kind: directive, verified: true}
sections:
  - id: s1
    title: Mục 1
    items:
      - {id: A, text: Số người vắng, type: count, severity: minor, basis: {source: CT26}}
      - {id: B, text: Có sổ theo dõi, type: yes_no, severity: minor, basis: {source: CT26}}
      - {id: C, text: Ghi nhận, type: text, severity: minor, basis: {source: CT26}}
      - {id: D, text: Mức độ, type: choice, severity: minor, basis: {source: CT26},
         choices: [{key: tot, label: Tốt}, {key: kem, label: Kém, fails: true}]}
      - {id: X, text: Thử, type: count, severity: minor, basis: {source: CT26}, %s}
  - id: mau
    title: Hồ sơ mẫu
    repeat: {min: 0, max: 5}
    items:
      - {id: R1, text: Số ngày trễ, type: count, severity: minor, basis: {source: CT26}}
      - {id: R2, text: Có phiếu xin lỗi, type: yes_no, severity: minor, basis: {source: CT26}}
"""


def _problems(tmp_path, extra: str) -> list:
    path = tmp_path / "c.yaml"
    path.write_text(BASE % extra, encoding="utf-8")
    result = load_file(path)
    return [(p.file == str(path), p.item_id, p.reason) for p in result.problems]


@pytest.mark.parametrize("extra,reason", [
    ("relevant: '${A} > 0 and ${Z} = 1'", "relevant: unknown item ${Z}"),
    ("relevant: '${B} > 2'", "relevant: compares yes_no item ${B} with a number"),
    ("relevant: '${B} = \"có\"'", "yes_no item ${B} is answered yes, no or na, never 'có'"),
    ("relevant: '${D} = \"tb\"'", "choice item ${D} has no choice 'tb' (keys: tot, kem)"),
    ("relevant: '${C} * 2 > 1'", "relevant: arithmetic needs number, but text item ${C} is text"),
    ("relevant: '${A} + 1'", "relevant must be a condition (true or false), not number"),
    ("relevant: '${A} > 0 and'", "syntax error: expected a value, found the end at position 13"),
    ("relevant: '${R1} > 0'", "${R1} is answered once per instance of mau"),
    ("relevant: 'count(${mau}) > 0 and ${mau} = 1'", "${mau} is a repeat group"),
    ("relevant: 'sum(${A}) > 0'", "sum() takes an item of a repeat group"),
    ("relevant: 'count(${A}) > 0'", "count() takes a repeat group"),
    ("relevant: 'count_if(${mau}, ${R1}) > 0'", "count_if() needs a condition, but count item"),
    ("relevant: 'if(${A} > 0, 1, \"x\") = 1'", "if() gives number or text"),
    ("relevant: '${X} > 0'", "cycle: relevant/calculate depends on itself through X → X"),
    ("constraint: '${A} + ${B} > 0'", "constraint: arithmetic needs number, but yes_no item ${B}"),
    ("required: maybe", "required must be true or false"),
    ("relevant: 3", "relevant must be an expression (text), not 3"),
])
def test_validate_names_the_item_and_the_reason(tmp_path, extra, reason):
    problems = _problems(tmp_path, extra)
    assert any(ok and item == "X" and reason in why for ok, item, why in problems), problems


def test_a_cycle_through_other_items_is_reported_once(tmp_path):
    text = BASE % "relevant: '${A} > 0'"
    text = text.replace("type: count, severity: minor, basis: {source: CT26}}\n      - {id: B",
                        "type: count, severity: minor, basis: {source: CT26},"
                        " relevant: '${Y} > 0'}\n      - {id: B", 1)
    text += ("      - {id: Y, text: Tính, type: computed, calculate: '${X} + 1',"
             " severity: minor, basis: {source: CT26}}\n")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    reasons = [p.reason for p in load_file(path).problems if "cycle" in p.reason]
    assert reasons == ["cycle: relevant/calculate depends on itself through A → Y → X → A"]


def test_fields_of_a_repeat_see_their_own_instance_and_counting_helpers_see_all(tmp_path):
    extra = "relevant: 'count_if(${mau}, ${R2} = \"no\" and ${R1} > ${A}) > 0'"
    assert _problems(tmp_path, extra) == []
    text = (BASE % "relevant: 'sum(${R1}) >= 1'").replace(
        "xin lỗi, type: yes_no, severity: minor, basis: {source: CT26}}",
        "xin lỗi, type: yes_no, severity: minor, basis: {source: CT26}, relevant: '${R1} > 0'}")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_file(path).problems == []


@pytest.mark.parametrize("repeat", ["{min: 3, max: 1}", "{min: -1}", "yes", "{max: 0}"])
def test_malformed_repeat_is_reported_on_the_section(tmp_path, repeat):
    path = tmp_path / "c.yaml"
    path.write_text((BASE % "fail_if: '> 0'").replace("{min: 0, max: 5}", repeat), "utf-8")
    assert any(p.item_id == "mau" and "repeat must read like" in p.reason
               for p in load_file(path).problems)


def test_a_computed_item_needs_a_calculation(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text((BASE % "fail_if: '> 0'").replace(
        "{id: X, text: Thử, type: count", "{id: X, text: Thử, type: computed"), "utf-8")
    assert any(p.item_id == "X" and "needs calculate" in p.reason
               for p in load_file(path).problems)


def test_files_without_expressions_keep_their_shape():
    path = Path(ROOT / "checklists" / "van-hoa-cong-so.yaml")
    definition = load_file(path).definition
    keys = {k for s in definition["sections"] for i in s["items"] for k in i}
    assert not keys & {"relevant", "calculate", "constraint", "required"}


def _shipped(slug: str) -> dict:
    return load_file(ROOT / "checklists" / f"{slug}.yaml").definition


def test_apology_items_are_asked_only_when_some_dossier_was_late():
    definition = _shipped("mot-cua")
    assert not {"MC-11", "MC-12", "MC-19"} & visible_items(definition, {"MC-10": 0})
    assert {"MC-11", "MC-12", "MC-19"} <= visible_items(definition, {"MC-10": 4})
    assert computed_values(definition, {"MC-10": 4, "MC-11": 1}) == {"MC-19": 75, "MC-13": None}
    # Answers typed before MC-10 went back to 0 no longer count as findings.
    stale = scoring.score(definition, {"MC-10": 0, "MC-11": 3, "MC-12": "no"})
    assert stale.failed == () and stale.applicable == 3
    # Apology coverage under 100 % fails, and counts in the score like any item.
    late = scoring.score(definition, {"MC-10": 4, "MC-11": 1, "MC-12": "yes"})
    assert "MC-19" in late.failed and "MC-11" in late.failed and "MC-12" not in late.failed


def test_absentees_are_named_only_when_someone_is_absent():
    definition = _shipped("ky-luat-ky-cuong")
    assert "KL-17" not in visible_items(definition, {"KL-02": 0})
    assert "KL-17" in visible_items(definition, {"KL-02": 2})


# Answers as stored (by item id, a repeat group's fields per instance): the device's shown.js
# must give what shown_items gives (test_conditions_js.py runs it in Chromium).
STORED = {
    "definition": {"sections": [
        {"id": "A", "items": [{"id": "N", "type": "computed", "fail_if": "> 0",
                               "calculate": "count_if(${mau}, ${XL} = 'no')"}]},
        {"id": "mau", "repeat": {"min": 0, "max": 5}, "items": [
            {"id": "XL", "type": "yes_no"},
            {"id": "NGAY", "type": "text", "relevant": "${XL} = 'yes'"}]}]},
    "stored": {"mau": ["a1", "b2", "BAD!"], "XL#a1": "yes", "NGAY#a1": "2026-11-20",
               "XL#b2": "no", "NGAY#b2": "typed, then hidden", "XL#zz": "no"},
}


def test_stored_answers_of_a_repeat_group_are_regrouped_for_the_score():
    from inspect_app.checklists.visibility import answers_from, shown_items

    definition, stored = STORED["definition"], STORED["stored"]
    assert answers_from(definition, stored)["mau"] == [
        {"XL": "yes", "NGAY": "2026-11-20"}, {"XL": "no", "NGAY": "typed, then hidden"}]
    _, shown, computed = shown_items(definition, stored)
    assert shown == {"N", "XL#a1", "NGAY#a1", "XL#b2"}
    assert computed == {"N": 1}
    result = scoring.score(definition, answers_from(definition, stored))
    assert set(result.failed) == {"N", "XL"}
