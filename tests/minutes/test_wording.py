"""The minutes' wording (minutes/wording.py) against the fixture its JavaScript twin also reads
(tests/fixtures/wording/cases.json, test_wording_js.py): what an official would sign."""
import json
from datetime import date
from pathlib import Path

import pytest

from inspect_app.documents.dates import long_date
from inspect_app.documents.text import in_sentence
from inspect_app.minutes import wording as W

CASES = json.loads((Path(__file__).parents[1] / "fixtures" / "wording" / "cases.json")
                   .read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["answers"], ids=lambda c: repr(c["value"]))
def test_answers_print_labels_and_words(case):
    assert W.answer(case["value"], case["spec"]) == case["text"]


@pytest.mark.parametrize("case", CASES["items"], ids=lambda c: c["item"]["id"])
def test_failed_items_read_as_findings_and_actions(case):
    item, spec = case["item"], case["spec"]
    assert W.finding(item, spec) == case["finding"]
    assert W.remedy(item, spec) == case["remedy"]
    assert W.reference(item) == case["reference"]


@pytest.mark.parametrize("case", CASES["results"], ids=lambda c: c["item"]["id"])
def test_items_that_passed_print_their_result(case):
    assert W.result(case["item"], case["spec"]) == case["text"]


def test_no_finding_is_a_double_negative_or_a_key():
    for case in CASES["items"]:
        text = case["finding"] + case["remedy"]
        assert "Kết quả: Không" not in text and "chua-dat" not in text and "khong-co" not in text
        assert not case["finding"].startswith("Không")


def test_choice_keys_never_print():
    assert W.answer("chua-dat", CASES["items"][10]["spec"]) == "Chưa đạt"


@pytest.mark.parametrize("case", CASES["units"], ids=lambda c: c["name"])
def test_unit_types_are_lower_case_mid_sentence(case):
    assert in_sentence(case["name"]) == case["in_sentence"]
    assert W.unit_in_sentence(case["name"]) == case["unit_in_sentence"]


@pytest.mark.parametrize("case", CASES["places"], ids=lambda c: c["name"])
def test_place_is_the_area_without_its_type(case):
    assert W.place_of(case["name"]) == case["place"]


def test_fixture_dates_follow_the_documents_rule():
    for case in CASES["dates"]:
        assert long_date(date.fromisoformat(case["date"])) == case["long"]
    assert {"ngày 05 tháng 3 năm 2026", "ngày 01 tháng 02 năm 2026",
            "ngày 10 tháng 12 năm 2026"} <= {c["long"] for c in CASES["dates"]}


@pytest.mark.parametrize("case", CASES["records"], ids=lambda c: c["record"]["unit"]["name"])
def test_record_level_wording(case):
    record, definitions = case["record"], case["definitions"]
    assert W.subject(record) == case["subject"]
    assert W.shortcomings(record, definitions) == case["shortcomings"]
    assert W.strengths(record) == case["strengths"]
    assert W.minutes_date(record).isoformat() == case["minutes_date"]
    assert W.due_date(record, 15).isoformat() == case["due_15"]
    assert W.due_date(record, 30).isoformat() == case["due_30"]
    assert W.report_by(record) == case["report_by"]
    assert W.by_date(W.report_by(record)) == case["by"]


def test_assessment_names_areas_and_the_most_serious_faults():
    case = CASES["records"][0]
    text = case["shortcomings"]
    assert "kỷ luật, kỷ cương hành chính (3 nội dung)" in text
    assert "có cán bộ, công chức làm việc riêng" in text  # major, named
    assert "đi muộn" not in text  # minor, left to the list of findings
    assert not text.startswith("Còn ")
