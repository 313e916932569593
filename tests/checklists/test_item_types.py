"""The answer types a converted form brings (date, time, datetime, multiple, a decimal number):
the loader's checks of a definition, which answers fail, and the expressions that read them."""
import pytest

from inspect_app import ROOT
from inspect_app.checklists import scoring
from inspect_app.checklists.loader import load_file
from inspect_app.checklists.visibility import visible_items

FIXTURE = ROOT / "tests" / "fixtures" / "checklists" / "kieu-tra-loi.yaml"
HEAD = """
slug: thu
title: Phiếu thử
sections:
  - id: s1
    title: Mục 1
    items:
"""


def _load(tmp_path, items: str):
    path = tmp_path / "c.yaml"
    path.write_text(HEAD + items, encoding="utf-8")
    return load_file(path)


def _reasons(result) -> list[str]:
    return [f"{p.item_id}: {p.reason}" for p in result.problems]


@pytest.fixture(scope="module")
def items():
    result = load_file(FIXTURE)
    assert result.problems == [] and result.warnings == []
    return {i["id"]: i for s in result.definition["sections"] for i in s["items"]}


def test_the_fixture_checklist_loads_every_new_type(items):
    assert {i["type"] for i in items.values()} >= {"date", "time", "multiple", "number"}
    assert items["NY-NOI"]["choices"][2] == {"key": "khong", "label": "Không niêm yết ở đâu",
                                             "fails": True}


def test_a_multiple_item_without_choices_is_refused(tmp_path):
    result = _load(tmp_path, "      - {id: M, text: Nơi, type: multiple, severity: minor}\n")
    assert _reasons(result) == ["M: a multiple item needs choices"]


def test_a_multiple_item_with_a_duplicate_key_is_refused(tmp_path):
    result = _load(tmp_path, "      - {id: M, text: Nơi, type: multiple, severity: minor, "
                             "choices: [{key: a, label: A}, {key: a, label: B}]}\n")
    assert _reasons(result) == ["M: duplicate choice key 'a'"]


def test_an_unknown_type_names_the_new_ones(tmp_path):
    result = _load(tmp_path, "      - {id: X, text: Giờ, type: decimal, severity: minor}\n")
    [reason] = _reasons(result)
    assert "date, time, datetime" in reason and "multiple" in reason


def test_a_multiple_item_fails_when_any_chosen_choice_fails(items):
    item = items["NY-NOI"]
    assert scoring.can_fail(item)
    assert not scoring.is_failed(item, ["bang", "web"])
    assert scoring.is_failed(item, ["web", "khong"])
    assert not scoring.is_failed(item, None)


def test_dates_and_times_are_data_that_never_fail(items):
    for item_id in ("NY-NGAY", "NY-GIO"):
        assert not scoring.can_fail(items[item_id])
        assert not scoring.is_failed(items[item_id], "2026-03-02")


def test_a_decimal_answer_is_scored_against_a_decimal_threshold(items):
    item = items["NY-DIEN-TICH"]
    assert scoring.is_failed(item, 1.25) and not scoring.is_failed(item, 1.5)


def test_conditions_read_dates_and_chosen_choices():
    definition = load_file(FIXTURE).definition
    assert "NY-LYDO" in visible_items(definition, {"NY-NOI": ["web", "khong"]})
    assert "NY-LYDO" not in visible_items(definition, {"NY-NOI": ["web"]})
    assert "NY-CU" in visible_items(definition, {"NY-NGAY": "2025-11-30"})
    assert "NY-CU" not in visible_items(definition, {"NY-NGAY": "2026-01-01"})


@pytest.mark.parametrize("expr,reason", [
    ("selected(${M}, 'zz')", "multiple item ${M} has no choice 'zz' (keys: a, b)"),
    ("selected(${D}, 'a')", "selected() takes a multiple or choice item ${ID}, not date item ${D}"),
    ("selected(${M}, 1)", "selected() takes a choice key in quotes, not a number"),
    ("${M} = 'a'", "compares multiple item ${M} with 'a'"),
    ("${D} < '2026-02-30'", "date item ${D} is compared with '2026-02-30', which is no date "
                            "(không có ngày 30/02/2026)"),
    ("${T} > '25:00'", "time item ${T} is compared with '25:00', which is no time "
                       "(không có giờ 25:00 (từ 00:00 đến 23:59))"),
    ("${D} > 3", "compares date item ${D} with a number"),
])
def test_validate_explains_a_bad_expression_on_the_new_types(tmp_path, expr, reason):
    result = _load(tmp_path, f"""      - {{id: M, text: Nơi, type: multiple, severity: minor,
          choices: [{{key: a, label: A}}, {{key: b, label: B}}]}}
      - {{id: D, text: Ngày, type: date, severity: minor}}
      - {{id: T, text: Giờ, type: time, severity: minor}}
      - {{id: X, text: Ghi chú, type: text, severity: minor, relevant: "{expr}"}}
""")
    assert _reasons(result) == [f"X: relevant: {reason}"]


def test_good_expressions_on_the_new_types_pass(tmp_path):
    result = _load(tmp_path, """      - {id: M, text: Nơi, type: multiple, severity: minor,
          choices: [{key: a, label: A}, {key: b, label: B}]}
      - {id: D, text: Ngày, type: date, severity: minor}
      - {id: DT, text: Lúc, type: datetime, severity: minor}
      - {id: X, text: Ghi chú, type: text, severity: minor,
         relevant: "selected(${M}, 'b') and ${D} >= '2026-01-01' and ${DT} < '2026-12-31T17:00'"}
""")
    assert result.problems == []
