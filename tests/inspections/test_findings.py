"""Findings follow the current answer: one per failed item, gone when it stops failing."""
from pathlib import Path

import pytest
from sqlalchemy import select

from inspect_app.checklists.scoring import is_failed
from inspect_app.extensions import db
from inspect_app.inspections.answers import value_problem
from inspect_app.inspections.models import Finding

from .conftest import DEFINITION, answer_op, push

ITEMS = {item["id"]: item for section in DEFINITION["sections"] for item in section["items"]}


@pytest.mark.parametrize("item_id,value,failed", [
    ("T-01", "yes", False), ("T-01", "no", True), ("T-01", "na", False), ("T-01", None, False),
    ("T-02", "no", False), ("T-02", "yes", True),  # compliant answer is "no"
    ("T-03", 0, False), ("T-03", 1, True), ("T-03", "na", False),
    ("T-04", 50, False), ("T-04", 49.9, True),
    ("T-05", "Bất cứ điều gì", False),
    ("T-06", "full", False), ("T-06", "outdated", True), ("T-06", "missing", True),
])
def test_is_failed_follows_the_checklist(item_id, value, failed):
    assert is_failed(ITEMS[item_id], value) is failed


@pytest.mark.parametrize("fail_if,value,failed", [
    (">= 3", 3, True), (">= 3", 2, False), ("<= 1", 1, True), ("== 0", 0, True),
    ("!= 0", 0, False), ("> 2.5", 3, True), ("nonsense", 99, False), (None, 99, False),
])
def test_count_fail_if_comparisons(fail_if, value, failed):
    assert is_failed({"id": "X", "type": "count", "fail_if": fail_if}, value) is failed


def _findings():
    return db.session.scalars(select(Finding).order_by(Finding.item_id)).all()


def test_failed_answer_makes_one_finding(client, field, inspection):
    push(client, answer_op(field, inspection, "T-03", 4, note="4 hồ sơ đất đai"),
         answer_op(field, inspection, "T-01", "yes"))
    [finding] = _findings()
    assert (finding.item_id, finding.checklist_slug, finding.severity) == ("T-03", "thu-nghiem",
                                                                           "major")
    assert finding.description == "Số hồ sơ trễ hạn: 4. Ghi nhận: 4 hồ sơ đất đai."


def test_finding_reads_as_a_fault_never_a_double_negative(client, field, inspection):
    push(client, answer_op(field, inspection, "T-02", "yes"),
         answer_op(field, inspection, "T-06", "outdated"))
    texts = {f.item_id: f.description for f in _findings()}
    assert texts["T-02"] == "Có cán bộ uống rượu bia trong giờ làm việc."
    assert "outdated" not in texts["T-06"] and "Chưa đạt:" not in texts["T-06"]


def test_corrected_answer_removes_its_finding(client, field, inspection):
    push(client, answer_op(field, inspection, "T-01", "no", "2026-11-22T02:00:00Z"))
    assert len(_findings()) == 1
    push(client, answer_op(field, inspection, "T-01", "yes", "2026-11-22T02:10:00Z"))
    assert _findings() == []


def test_second_failed_answer_updates_the_same_finding(client, field, inspection):
    push(client, answer_op(field, inspection, "T-03", 1, "2026-11-22T02:00:00Z"))
    push(client, answer_op(field, inspection, "T-03", 3, "2026-11-22T02:10:00Z", note="ba hồ sơ"))
    [finding] = _findings()
    assert finding.description.endswith("ba hồ sơ.")


def test_earlier_answer_does_not_move_the_finding(client, field, inspection):
    push(client, answer_op(field, inspection, "T-01", "no", "2026-11-22T02:10:00Z"))
    push(client, answer_op(field, inspection, "T-01", "yes", "2026-11-22T02:00:00Z"))
    assert [f.item_id for f in _findings()] == ["T-01"]


def test_plain_string_choice_never_fails():
    assert is_failed({"id": "X", "type": "choice", "choices": ["a", "b"]}, "a") is False


SHIPPED = sorted(Path(__file__).resolve().parents[2].glob("checklists/*.yaml"))
TRIES = {"yes_no": ["yes", "no", "na"], "count": [0, 1, 5, 100, 10_000],
         "number": [-1, 0, 1.5, 50, 100, 10_000], "text": ["Ghi nhận tại chỗ"]}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_checklists_can_be_answered_and_failed(path):
    """Every item of every shipped file takes answers of its type; the scored ones pass and fail."""
    loader = pytest.importorskip("inspect_app.checklists.loader")
    result = loader.load_file(path)
    assert result.ok, [str(p) for p in result.problems]
    for _, item in loader.iter_items(result.definition):
        if item["type"] == "computed":
            continue  # takes no answer: its value comes from others (tests/checklists)
        tries = TRIES.get(item["type"]) or [c["key"] for c in item["choices"]]
        assert [v for v in tries if value_problem(item, v)] == [], item["id"]
        outcomes = {is_failed(item, v) for v in tries}
        can_fail = (item["type"] == "yes_no" or item.get("fail_if") is not None
                    or any(c["fails"] for c in item.get("choices", [])))
        assert outcomes == ({False, True} if can_fail else {False}), item["id"]
