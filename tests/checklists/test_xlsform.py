"""`flask checklists import-xlsform`: a form built here with openpyxl becomes a valid checklist
file; unsupported or malformed rows are refused with their row numbers and nothing is written."""
import openpyxl
import pytest

from inspect_app.checklists import operations
from inspect_app.checklists.loader import load_file
from inspect_app.checklists.visibility import visible_items
from inspect_app.checklists.xlsform_expr import Untranslatable, translate

SURVEY_HEADER = ["type", "name", "label", "label::Vietnamese (vi)", "hint::Vietnamese (vi)",
                 "relevant", "calculation", "constraint", "constraint_message", "required",
                 "repeat_count", "severity", "weight", "fail_if"]
SURVEY = [  # row 2 onwards
    ["note", "gioi_thieu", "", "Phiếu thử chuyển từ XLSForm"],
    ["begin group", "mot_cua", "", "Bộ phận một cửa"],
    ["select_one yn", "co_truc", "Staffed", "Bộ phận một cửa có công chức trực",
     "Xem tại quầy", "", "", "", "", "yes", "", "major", 2],
    ["integer", "so_tre", "", "Số hồ sơ trễ hạn", "", "", "", ". >= 0", "", "", "", "major", 3,
     "> 0"],
    ["integer", "khong_xin_loi", "", "Số hồ sơ trễ hạn không có phiếu xin lỗi", "",
     "${so_tre} > 0", "", ". <= ${so_tre}", "Không thể nhiều hơn số hồ sơ trễ hạn", "", "",
     "critical", 4, "> 0"],
    ["calculate", "ty_le", "", "Tỷ lệ hồ sơ trễ hạn có phiếu xin lỗi", "", "",
     "if(${so_tre} > 0, (${so_tre} - ${khong_xin_loi}) div ${so_tre} * 100, 100)"],
    ["begin_repeat", "ho_so_mau", "", "Hồ sơ trễ hạn được chọn", "", "${so_tre} > 0"],
    ["text", "ma_ho_so", "", "Mã hồ sơ", "", "", "", "", "", "yes"],
    ["select_one yn", "xin_loi", "", "Có phiếu xin lỗi và hẹn lại"],
    ["text", "ngay_xin_loi", "", "Ngày gửi phiếu xin lỗi", "Ngày/tháng/năm",
     "selected(${xin_loi}, 'yes')"],
    ["end_repeat"],
    ["decimal", "truc_tuyen", "", "Tỷ lệ hồ sơ nộp trực tuyến (%)", "", "", "", "", "", "", "",
     "minor", 1, "< 30"],
    ["calculate", "so_mau", "", "Số hồ sơ đã chọn", "", "", "count(${ho_so_mau})"],
    ["end group"],
    ["select_one muc_do", "danh_gia", "", "Đánh giá chung"],
    [],
    ["text", "ghi_chu", "Notes", "Ghi nhận khác"],
]
CHOICES = [["list_name", "name", "label", "label::Vietnamese (vi)", "fails"],
           ["yn", "yes", "Yes", "Có"], ["yn", "no", "No", "Không"],
           ["yn", "na", "N/A", "Không áp dụng"],
           ["muc_do", "tot", "Good", "Tốt"], ["muc_do", "kem", "Poor", "Kém", "yes"]]
SETTINGS = [["form_title", "form_id"], ["Kiểm tra một cửa (XLSForm)", "mot-cua-xlsform"]]


def workbook(tmp_path, survey=SURVEY, choices=CHOICES, settings=SETTINGS, name="form.xlsx"):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in (("survey", [SURVEY_HEADER, *survey] if survey is not None else None),
                        ("choices", choices), ("settings", settings)):
        if rows is not None:
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def run(app, *args):
    return app.test_cli_runner().invoke(args=["checklists", "import-xlsform", *map(str, args)])


def test_a_vietnamese_form_with_groups_repeat_and_conditions_converts_validates_and_imports(
        app, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run(app, workbook(tmp_path), "--out", out)
    assert result.exit_code == 0, result.output
    path = out / "mot-cua-xlsform.yaml"
    assert "đã ghi 11 câu hỏi" in result.output
    validate = app.test_cli_runner().invoke(args=["checklists", "validate", str(path)])
    assert validate.exit_code == 0, validate.output

    definition = load_file(path).definition
    assert definition["title"] == "Kiểm tra một cửa (XLSForm)"
    sections = {s["id"]: s for s in definition["sections"]}
    assert list(sections) == ["mot_cua", "ho_so_mau", "mot_cua-2", "chung"]
    assert sections["ho_so_mau"]["repeat"] == {"min": 0, "max": None}
    assert sections["ho_so_mau"]["relevant"] == "${so_tre} > 0"
    assert sections["chung"]["guidance"] == "Phiếu thử chuyển từ XLSForm"
    items = {i["id"]: i for s in definition["sections"] for i in s["items"]}
    assert items["co_truc"] | {} == items["co_truc"] and items["co_truc"]["type"] == "yes_no"
    assert (items["co_truc"]["text"], items["co_truc"]["guidance"]) == (
        "Bộ phận một cửa có công chức trực", "Xem tại quầy")
    assert items["co_truc"]["required"] is True and items["co_truc"]["weight"] == 2
    assert items["khong_xin_loi"]["constraint"] == "${khong_xin_loi} <= ${so_tre}"
    assert items["ty_le"]["type"] == "computed"
    assert items["ty_le"]["calculate"] == (
        "if(${so_tre} > 0, (${so_tre} - ${khong_xin_loi}) / ${so_tre} * 100, 100)")
    assert items["ngay_xin_loi"]["relevant"] == "(${xin_loi} = 'yes')"
    assert items["danh_gia"]["choices"][1] == {"key": "kem", "label": "Kém", "fails": True}
    assert items["ghi_chu"]["text"] == "Ghi nhận khác"

    answers = {"so_tre": 2, "ho_so_mau": [{"xin_loi": "yes"}, {"xin_loi": "no"}]}
    assert {"khong_xin_loi", "ngay_xin_loi"} <= visible_items(definition, answers)
    assert "khong_xin_loi" not in visible_items(definition, {"so_tre": 0})

    [imported] = operations.import_path(path)
    assert (imported.status, imported.slug) == ("created", "mot-cua-xlsform")


def _refused(app, tmp_path, path, *more):
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    result = run(app, path, "--out", out, *more)
    assert result.exit_code == 1
    assert "không ghi tệp nào" in result.output
    assert [p.name for p in out.iterdir()] == []  # not even a temporary file
    return result.output


def _with(row: int, cells: list) -> list:
    """SURVEY with sheet row `row` (2 is the first after the header) replaced."""
    survey = [list(r) for r in SURVEY]
    survey[row - 2] = cells
    return survey


@pytest.mark.parametrize("survey,expected", [
    (_with(6, ["geopoint", "vi_tri", "", "Vị trí"]),
     "Trang survey, dòng 6: kiểu 'geopoint' chưa được hỗ trợ"),
    (_with(6, ["integer", "x", "", "X", "", "${so_tre} >"]),
     "Trang survey, dòng 6: relevant: thiếu một giá trị, gặp hết biểu thức ở vị trí 12"),
    (_with(6, ["integer", "x", "", "X", "", "string-length(${ma}) > 2"]),
     "Trang survey, dòng 6: relevant: string-length() chưa được hỗ trợ"),
    (_with(15, ["note", "n", "", "Không đóng nhóm"]),
     "Trang survey, dòng 3: begin group 'mot_cua' không có end group tương ứng"),
    (_with(12, ["end group"]),
     "Trang survey, dòng 12: end group không đóng nhóm nào (đang mở: repeat)"),
    (_with(10, ["select_one khong_co", "x", "", "X"]),
     "Trang survey, dòng 10: danh sách lựa chọn 'khong_co' không có trong trang choices"),
    (_with(10, ["begin repeat", "trong", "", "Lặp trong lặp"]),
     "Trang survey, dòng 10: nhóm lặp (repeat) nằm trong nhóm lặp chưa được hỗ trợ"),
    (_with(6, ["integer", "x", "", "X", "", "${khong_co} > 0"]),
     "Trang survey, dòng 6 (x): relevant: không có câu hỏi ${khong_co}"),
    (_with(6, ["integer", "x", "", "X", "", "${co_truc} > 1"]),
     "Trang survey, dòng 6 (x): relevant: so sánh câu hỏi ${co_truc} (kiểu yes_no) với một số"),
    (_with(6, ["integer", "x", "", "X", "", "${so_tre} + 1"]),
     "Trang survey, dòng 6 (x): relevant: relevant phải là một điều kiện (đúng hoặc sai), "
     "không phải number"),
    (_with(6, ["integer", "1 bad", "", "X"]),
     "Trang survey, dòng 6: tên '1 bad' không phải mã hợp lệ"),
])
def test_malformed_rows_are_refused_with_their_row_and_nothing_is_written(
        app, tmp_path, survey, expected):
    output = _refused(app, tmp_path, workbook(tmp_path, survey=survey))
    assert expected in output


def test_every_bad_row_is_reported_at_once(app, tmp_path):
    survey = _with(6, ["geopoint", "a", "", "A"])
    survey[8 - 2] = ["image", "b", "", "B"]
    output = _refused(app, tmp_path, workbook(tmp_path, survey=survey))
    assert "Trang survey, dòng 6: kiểu 'geopoint'" in output
    assert "Trang survey, dòng 8: kiểu 'image'" in output


def test_a_workbook_without_a_survey_sheet_is_refused(app, tmp_path):
    output = _refused(app, tmp_path, workbook(tmp_path, survey=None))
    assert "Tệp không có trang survey" in output


def test_a_file_that_is_not_a_workbook_is_refused(app, tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_text("type,name\n", encoding="utf-8")
    assert "không phải tệp bảng tính .xls hoặc .xlsx" in _refused(app, tmp_path, path)


def test_an_existing_checklist_is_replaced_only_with_force(app, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mot-cua-xlsform.yaml").write_text("# hand-edited\n", encoding="utf-8")
    result = run(app, workbook(tmp_path), "--out", out)
    assert result.exit_code == 1 and "dùng --force" in result.output
    assert (out / "mot-cua-xlsform.yaml").read_text(encoding="utf-8") == "# hand-edited\n"
    result = run(app, workbook(tmp_path), "--out", out, "--force", "--slug", "mot-cua-xlsform")
    assert result.exit_code == 0, result.output
    assert load_file(out / "mot-cua-xlsform.yaml").ok


def test_a_form_id_that_is_no_slug_becomes_one_and_the_report_says_so(app, tmp_path):
    path = workbook(tmp_path, settings=[["form_title", "form_id"], ["Thử", "có dấu cách"]])
    (tmp_path / "out").mkdir()
    result = run(app, path, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Trang settings: form_id 'có dấu cách' được đổi thành mã 'co-dau-cach'" in result.output
    assert run(app, path, "--out", tmp_path / "out", "--slug", "thu").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["co-dau-cach.yaml", "thu.yaml"]


@pytest.mark.parametrize("xlsform,ours", [
    ("${a} > 0 and ${b} = 'yes'", "${a} > 0 and ${b} = 'yes'"),
    ("selected(${a}, 'x') or not(${n} div 2 >= 1)", "(${a} = 'x') or not(${n} / 2 >= 1)"),
    ("count(${rep}) > 0 and true()", "count(${rep}) > 0 and true"),
    ("sum(${d}) != 3", "sum(${d}) != 3"),
])
def test_xlsform_expressions_translate_into_ours(xlsform, ours):
    assert translate(xlsform) == ours


@pytest.mark.parametrize("xlsform,reason", [
    ("${a} mod 2 = 0", "mod chưa được hỗ trợ"), ("today() > 1", "today() chưa được hỗ trợ"),
    (". > 1", "chỉ có nghĩa trong constraint"), ("selected(${a}, ${b})", "selected()"),
])
def test_untranslatable_expressions_say_why(xlsform, reason):
    with pytest.raises(Untranslatable, match=reason.replace("(", r"\(").replace(")", r"\)")):
        translate(xlsform)
