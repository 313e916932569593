import unicodedata
from pathlib import Path

import pytest

from inspect_app import ROOT
from inspect_app.checklists import scoring
from inspect_app.checklists.loader import iter_items, load_file, load_path

SHIPPED = ROOT / "checklists"

GOOD = """
slug: thu
title: Phiếu thử
legal_sources:
  CT26: {title: "Chỉ thị số 26/CT-TTg ngày 05/9/2016", kind: directive, in_force_from: 2016-09-05, verified: true}
sections:
  - id: s1
    title: Mục 1
    items:
      - {id: A-01, text: Có mặt đúng giờ, type: yes_no, severity: minor, weight: 1, basis: {source: CT26}, finding: Có người đến muộn, remedy: Chấn chỉnh giờ làm việc}
"""


def _write(tmp_path: Path, text: str, name="c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _walk(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from _walk(v)


def test_shipped_checklists_are_valid_and_hold_at_least_60_items():
    results = load_path(SHIPPED)
    assert len(results) >= 4
    assert [str(p) for r in results for p in r.problems] == []
    assert sum(1 for r in results for _ in iter_items(r.definition)) >= 60


def test_shipped_checklists_are_stored_in_nfc():
    for path in SHIPPED.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text, path


def test_every_shipped_item_fails_only_on_a_non_compliant_answer():
    for r in load_path(SHIPPED):
        for _, item in iter_items(r.definition):
            assert not scoring.is_failed(item, "na")
            if item["type"] == "yes_no":
                assert scoring.is_failed(item, "no") != scoring.is_failed(item, "yes"), item["id"]
            if item["type"] in ("count", "number") and item.get("fail_if"):
                assert scoring.is_failed(item, 1000) or scoring.is_failed(item, 0), item["id"]
            if item["type"] == "choice":
                assert any(c["fails"] for c in item["choices"]), item["id"]
                assert not all(c["fails"] for c in item["choices"]), item["id"]


def test_decomposed_text_is_normalised_to_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", GOOD)
    result = load_file(_write(tmp_path, decomposed))
    assert result.ok
    assert all(unicodedata.is_normalized("NFC", s) for s in _walk(result.definition))


def test_yaml_syntax_error_names_the_line(tmp_path):
    result = load_file(_write(tmp_path, "slug: x\ntitle: [unclosed\n"))
    assert not result.ok
    assert "line" in result.problems[0].reason


@pytest.mark.parametrize("change,item_id,reason", [
    (("type: yes_no", "type: maybe"), "A-01", "unknown answer type"),
    (("severity: minor, ", ""), "A-01", "missing severity"),
    (("severity: minor", "severity: huge"), "A-01", "unknown severity"),
    ((", basis: {source: CT26}", ""), "A-01", "missing basis"),
    (("source: CT26}", "source: XX}"), "A-01", "unknown legal source"),
    (("weight: 1", "weight: -2"), "A-01", "weight must be a positive number"),
    (("type: yes_no", "type: count, fail_if: many"), "A-01", "fail_if"),
    (("type: yes_no", "type: choice"), "A-01", "needs choices"),
])
def test_each_kind_of_error_is_reported_with_file_item_and_reason(tmp_path, change, item_id, reason):
    path = _write(tmp_path, GOOD.replace(*change))
    result = load_file(path)
    assert not result.ok and result.definition is None
    problem = next(p for p in result.problems if reason in p.reason)
    assert problem.file == str(path) and problem.item_id == item_id
    assert str(problem).startswith(f"{path}: {item_id}: ")


def test_duplicate_item_ids_are_reported(tmp_path):
    dup = GOOD + "      - {id: A-01, text: Lần hai, type: yes_no, severity: minor, weight: 1, basis: {source: CT26}}\n"
    result = load_file(_write(tmp_path, dup))
    assert any(p.item_id == "A-01" and "duplicate" in p.reason for p in result.problems)


def test_all_errors_of_a_file_are_reported_at_once(tmp_path):
    bad = GOOD.replace("type: yes_no", "type: maybe").replace("severity: minor", "severity: huge")
    reasons = [p.reason for p in load_file(_write(tmp_path, bad)).problems]
    assert any("answer type" in r for r in reasons) and any("severity" in r for r in reasons)


def test_comments_and_spacing_do_not_change_the_content_hash(tmp_path):
    from inspect_app.checklists.loader import content_hash

    a = load_file(_write(tmp_path, GOOD, "a.yaml")).definition
    b = load_file(_write(tmp_path, "# a comment\n" + GOOD.replace("title: Phiếu thử", "title:   Phiếu thử"), "b.yaml")).definition
    assert content_hash(a) == content_hash(b)
