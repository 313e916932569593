"""Legal sources in force, the basis an item prints on an inspection's day, the office's targets,
and what `checklists validate` refuses, warns of and counts."""
import re

import pytest

from inspect_app.checklists import scoring
from inspect_app.checklists.legal import basis_kind, basis_text, source_on
from inspect_app.checklists.loader import iter_items, load_file, load_path
from inspect_app.checklists.visibility import computed_values, visible_items

from .test_loader import SHIPPED, _write

# A decree replaced on 1/7/2025, its successor amended from 31/12/2025, a directive, and a
# text that ended without a successor.
SOURCES = """
legal_sources:
  ND61:
    title: Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ
    short: Nghị định số 61/2018/NĐ-CP
    kind: decree
    in_force_from: 2018-06-21
    in_force_until: 2025-06-30
    replaced_by: ND118
    verified: true
  ND118:
    title: Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ
    short: Nghị định số 118/2025/NĐ-CP
    kind: decree
    in_force_from: 2025-07-01
    amended_by: [ND367]
    verified: true
  ND367:
    title: Nghị định số 367/2025/NĐ-CP của Chính phủ
    short: Nghị định số 367/2025/NĐ-CP
    kind: decree
    in_force_from: 2025-12-31
    verified: true
  CT26:
    title: Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ
    short: Chỉ thị số 26/CT-TTg
    kind: directive
    in_force_from: 2016-09-05
    verified: true
  CU:
    title: Quyết định cũ đã hết hiệu lực
    kind: decision
    in_force_until: 2020-12-31
    verified: true
office_targets:
  online_share: {label: Tỷ lệ hồ sơ tiếp nhận trực tuyến, default: 30, unit: "%"}
"""
ITEMS = """
sections:
  - id: s1
    title: Mục 1
    items:
      - id: A-01
        text: Có người trực đầy đủ
        type: yes_no
        severity: major
        weight: 2
        basis: %s
        finding: Không có người trực đầy đủ
        remedy: Bố trí người trực đầy đủ
      - {id: A-02, text: Tổng số hồ sơ, type: count, severity: minor, weight: 1}
      - {id: A-03, text: Số hồ sơ trực tuyến, type: count, severity: minor, weight: 1}
      - id: A-04
        text: Tỷ lệ hồ sơ trực tuyến
        type: computed
        relevant: "${A-02} > 0"
        calculate: "${A-03} / ${A-02} * 100"
        unit: "%%"
        fail_if: "%s"
        severity: minor
        weight: 1
        basis: {target: online_share}
        finding: Tỷ lệ hồ sơ trực tuyến thấp hơn chỉ tiêu
        remedy: Hỗ trợ người dân nộp hồ sơ trực tuyến
"""
TODAY = "2026-12-04"


def _file(basis="{source: ND118, article: Điều 10 khoản 3}", fail_if="< target:online_share",
          sources=SOURCES) -> str:
    return "slug: thu\ntitle: Phiếu thử\n" + sources + ITEMS % (basis, fail_if)


def _load(tmp_path, text, today=TODAY):
    path = _write(tmp_path, text)
    return path, load_file(path, today=today)


def _definition(tmp_path, **kw) -> dict:
    _, result = _load(tmp_path, _file(**kw))
    assert result.ok, [str(p) for p in result.problems]
    return result.definition


def _item(definition, item_id="A-01") -> dict:
    return next(item for _, item in iter_items(definition) if item["id"] == item_id)


# ---- refused, with the file, the item and the reason ------------------------------------------

@pytest.mark.parametrize("text,where,reason", [
    (_file(basis="{source: XX}"), "A-01", "basis names unknown legal source 'XX'"),
    (_file(basis="{source: ND61, article: Điều 17 khoản 1}"), "A-01",
     "cites ND61, no longer in force since 2025-06-30 (replaced): cite ND118"),
    (_file(basis="{source: CU}"), "A-01", "cites CU, no longer in force since 2020-12-31"),
    (_file(fail_if="< target:khac"), "A-04",
     "fail_if names target 'khac', which office_targets does not declare"),
    (_file(basis="{source: ND118, article: to verify}"), "A-01",
     "article 'to verify' is a placeholder"),
    (_file(basis="{source: CT26, article: Điều 3}"), "A-01",
     "CT26 is a directive: cite its section (Mục, điểm), not 'Điều 3'"),
    (_file(basis="{practice: cần xác minh}"), "A-01", "basis practice holds a placeholder"),
    (_file(basis="{target: khac}"), "A-01", "office target 'khac', which office_targets does not"),
    (_file(sources=SOURCES.replace("in_force_from: 2025-07-01", "in_force_from: 2025-13-01")),
     "legal source ND118", "in_force_from must be a date written YYYY-MM-DD, not '2025-13-01'"),
    (_file(sources=SOURCES.replace("in_force_from: 2018-06-21", "in_force_from: 21/06/2018")),
     "legal source ND61", "in_force_from must be a date written YYYY-MM-DD, not '21/06/2018'"),
    (_file(sources=SOURCES.replace("in_force_until: 2020-12-31", "in_force_until: 2001-01-01\n"
                                   "    in_force_from: 2010-01-01")),
     "legal source CU", "in_force_until is before in_force_from"),
    (_file(sources=SOURCES.replace("replaced_by: ND118", "replaced_by: ND999")),
     "legal source ND61", "names unknown legal source 'ND999'"),
    (_file(sources=SOURCES.replace("amended_by: [ND367]", "amended_by: [ND368]")),
     "legal source ND118", "names unknown legal source 'ND368'"),
    (_file(sources=SOURCES.replace("kind: directive", "kind: chi-thi")),
     "legal source CT26", "kind 'chi-thi' is not one of"),
])
def test_validation_refuses_with_file_item_and_reason(tmp_path, text, where, reason):
    path, result = _load(tmp_path, text)
    assert not result.ok and result.definition is None
    problem = next((p for p in result.problems if reason in p.reason), None)
    assert problem is not None, [str(p) for p in result.problems]
    assert problem.file == str(path) and problem.item_id == where
    assert str(problem).startswith(f"{path}: {where}: ")


def test_a_source_is_judged_in_force_on_the_day_of_validation(tmp_path):
    """The same file is valid the day before its source was replaced, refused the day after."""
    text = _file(basis="{source: ND61, article: Điều 17 khoản 1}")
    assert _load(tmp_path, text, today="2025-06-30")[1].ok
    assert not _load(tmp_path, text, today="2025-07-01")[1].ok


def test_an_item_that_cannot_fail_needs_no_basis_and_one_that_can_does(tmp_path):
    definition = _definition(tmp_path)
    assert "basis" not in _item(definition, "A-02") and basis_kind(_item(definition, "A-02")) == "none"
    _, result = _load(tmp_path, _file().replace(
        "        basis: {source: ND118, article: Điều 10 khoản 3}\n", ""))
    assert any(p.item_id == "A-01" and "missing basis" in p.reason for p in result.problems)


# ---- basis_text on the inspection's day ---------------------------------------------------------

def test_basis_prints_the_short_citation_and_the_amendment_in_force_that_day(tmp_path):
    definition = _definition(tmp_path)
    item = _item(definition)
    assert basis_text(definition, item, "2025-09-01") == "Nghị định số 118/2025/NĐ-CP, Điều 10 khoản 3"
    assert basis_text(definition, item, "2026-03-02") == (
        "Nghị định số 118/2025/NĐ-CP (được sửa đổi, bổ sung bởi Nghị định số 367/2025/NĐ-CP), "
        "Điều 10 khoản 3")


def test_a_replaced_source_prints_its_successor_without_the_old_article(tmp_path):
    definition = _definition(tmp_path)
    old = {"id": "X", "basis": {"source": "ND61", "article": "Điều 19 khoản 9"}}
    assert basis_text(definition, old, "2025-06-30") == "Nghị định số 61/2018/NĐ-CP, Điều 19 khoản 9"
    assert basis_text(definition, old, "2025-07-01") == "Nghị định số 118/2025/NĐ-CP"
    # An item on the new decree, in minutes of a day before it: the text it replaced.
    assert basis_text(definition, _item(definition), "2024-05-02") == "Nghị định số 61/2018/NĐ-CP"
    assert source_on(definition["legal_sources"], "ND118", "2018-01-01") is None


def test_nothing_prints_rather_than_a_law_not_in_force(tmp_path):
    definition = _definition(tmp_path)
    ended = {"id": "X", "basis": {"source": "CU"}}
    assert basis_text(definition, ended, "2020-12-31") == "Quyết định cũ đã hết hiệu lực"
    assert basis_text(definition, ended, "2021-01-01") is None
    assert basis_text(definition, {"id": "X", "basis": {"source": "KHONG-CO"}}, TODAY) is None


def test_practice_and_target_print_as_such_and_placeholders_never(tmp_path):
    definition = _definition(tmp_path, basis="{practice: Kế hoạch kiểm tra của Sở Nội vụ}")
    assert basis_text(definition, _item(definition), TODAY) == "Kế hoạch kiểm tra của Sở Nội vụ"
    assert basis_text(definition, _item(definition, "A-04"), TODAY) == (
        "Chỉ tiêu của cơ quan kiểm tra: Tỷ lệ hồ sơ tiếp nhận trực tuyến từ 30 % trở lên")
    # A version stored before this change still says "to verify": the document alone prints.
    legacy = {"legal_sources": {"CT26": {"title": "Chỉ thị 26/CT-TTg", "verified": True}}}
    item = {"id": "X", "basis": {"source": "CT26", "article": "to verify"}}
    assert basis_text(legacy, item, TODAY) == "Chỉ thị 26/CT-TTg"


# ---- the office's target ---------------------------------------------------------------------

def test_a_target_threshold_is_resolved_from_the_office_setting(tmp_path):
    definition = _definition(tmp_path)
    item = _item(definition, "A-04")
    assert item["target"] == {"key": "online_share", "value": 30}
    assert scoring.is_failed(item, 29.9) and not scoring.is_failed(item, 30)
    assert scoring.threshold(item) == ("<", 30.0) and scoring.can_fail(item)
    # An office that raises its target: a new version of the file, resolved the same way.
    _, raised = _load(tmp_path, _file().replace("default: 30", "default: 50"))
    assert scoring.is_failed(_item(raised.definition, "A-04"), 40)


def test_a_target_item_is_not_applicable_when_no_dossier_was_received(tmp_path):
    definition = _definition(tmp_path)
    assert "A-04" not in visible_items(definition, {"A-02": 0, "A-03": 0})
    none = scoring.score(definition, {"A-01": "yes", "A-02": 0, "A-03": 0})
    assert "A-04" not in none.failed and none.applicable == 2
    low = scoring.score(definition, {"A-01": "yes", "A-02": 40, "A-03": 8})
    assert computed_values(definition, {"A-02": 40, "A-03": 8}) == {"A-04": 20}
    assert low.failed == ("A-04",) and low.applicable == 3


def test_the_shipped_online_share_is_computed_from_dossier_counts():
    definition = load_file(SHIPPED / "mot-cua.yaml").definition
    assert definition["office_targets"]["online_share"]["default"] == 30
    assert "MC-13" not in visible_items(definition, {"MC-09": 0, "MC-20": 0})
    late = scoring.score(definition, {"MC-09": 100, "MC-20": 20})
    assert "MC-13" in late.failed
    assert "MC-13" not in scoring.score(definition, {"MC-09": 100, "MC-20": 45}).failed


# ---- the shipped checklists ------------------------------------------------------------------

def test_no_shipped_checklist_holds_a_placeholder():
    for path in SHIPPED.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").lower()
        for word in ("to verify", "xác minh", "todo"):
            assert word not in text, (path.name, word)


def test_every_shipped_basis_is_in_force_today_and_every_failing_item_is_worded():
    for result in load_path(SHIPPED):
        definition = result.definition
        sources = definition["legal_sources"]
        for _, item in iter_items(definition):
            basis = item.get("basis") or {}
            if "source" in basis:
                assert source_on(sources, basis["source"], TODAY) == basis["source"], item["id"]
            if scoring.can_fail(item):
                assert basis, item["id"]
                assert item.get("finding") and item.get("remedy"), item["id"]
                holes = re.findall(r"\{[^}]*\}", item["finding"] + item["remedy"])
                assert holes in ([], ["{value}"]), item["id"]
                assert not item["finding"].lower().startswith(("không có không", "chưa đạt:"))
        assert not [w for w in result.warnings if "finding and remedy" in w.reason]


def test_replaced_sources_stay_only_as_history():
    definition = load_file(SHIPPED / "mot-cua.yaml").definition
    sources = definition["legal_sources"]
    assert sources["ND61"]["replaced_by"] == "ND118" and sources["ND61"]["in_force_until"] == "2025-06-30"
    assert sources["TT01-2018"]["replaced_by"] == "TT03-2025"
    cited = {(i.get("basis") or {}).get("source") for _, i in iter_items(definition)}
    assert not cited & {"ND61", "TT01-2018"}
    mc02 = next(i for _, i in iter_items(definition) if i["id"] == "MC-02")
    assert basis_text(definition, mc02, TODAY) == (
        "Nghị định số 118/2025/NĐ-CP (được sửa đổi, bổ sung bởi Nghị định số 367/2025/NĐ-CP), "
        "Điều 10 khoản 3 điểm a")


def test_the_new_items_real_inspections_record_are_there():
    texts = {i["id"]: i["text"] for r in load_path(SHIPPED) for _, i in iter_items(r.definition)}
    for words in ("biển ghi họ tên, chức danh", "Nội quy của Bộ phận Một cửa", "quy tắc ứng xử",
                  "Lịch tiếp công dân của Chủ tịch", "lịch công tác tuần", "Tài sản công",
                  "số điện thoại của lãnh đạo"):
        assert any(words in t for t in texts.values()), words


# ---- checklists validate ---------------------------------------------------------------------

def test_validate_prints_what_each_checklist_stands_on_and_warns_with_a_count(app):
    result = app.test_cli_runner().invoke(args=["checklists", "validate", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    lines = {line.split(":")[0]: line for line in result.output.splitlines()}
    for slug in ("ky-luat-ky-cuong", "mot-cua", "niem-yet-cong-khai", "van-hoa-cong-so"):
        assert re.search(r"\d+ items: \d+ on a verified article, \d+ on a document only, "
                         r"\d+ on practice or the office's target, \d+ record fields\.",
                         lines[slug]), result.output
    assert re.search(r"\d+ warning\(s\), \d+ item\(s\) without a verified article\.", result.output)
    assert "warning: " in result.output and "without a verified article" in result.output


def test_validate_refuses_a_replaced_source_naming_file_item_and_reason(app, tmp_path):
    path = _write(tmp_path, _file(basis="{source: ND61, article: Điều 17 khoản 1}"))
    result = app.test_cli_runner().invoke(args=["checklists", "validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}: A-01: cites ND61, no longer in force since 2025-06-30" in result.output
