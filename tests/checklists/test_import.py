from sqlalchemy import func, select

from inspect_app.checklists import operations
from inspect_app.checklists.models import ChecklistVersion
from inspect_app.extensions import db
from inspect_app.org import roles
from tests.checklists.test_loader import GOOD, SHIPPED, _write


def _versions():
    return db.session.scalar(select(func.count()).select_from(ChecklistVersion))


def test_import_creates_version_one_and_reimport_unchanged_is_a_no_op(app, tmp_path):
    path = _write(tmp_path, GOOD)
    assert [r.status for r in operations.import_path(path)] == ["created"]
    assert [r.status for r in operations.import_path(path)] == ["unchanged"]
    assert _versions() == 1


def test_changed_file_makes_a_new_version_and_the_old_one_stays(app, tmp_path):
    path = _write(tmp_path, GOOD)
    operations.import_path(path)
    path.write_text(GOOD.replace("Có mặt đúng giờ", "Có mặt đầy đủ, đúng giờ"), encoding="utf-8")
    [result] = operations.import_path(path)
    assert (result.status, result.version) == ("new_version", 2)
    old = operations.get_version("thu", 1)
    assert old.definition["sections"][0]["items"][0]["text"] == "Có mặt đúng giờ"
    assert [v.version for v in operations.current_versions()] == [2]


def test_invalid_file_imports_nothing(app, tmp_path):
    path = _write(tmp_path, GOOD.replace("type: yes_no", "type: maybe"))
    [result] = operations.import_path(path)
    assert result.status == "refused" and result.problems
    assert _versions() == 0


def test_cli_validate_reports_problems_and_exits_non_zero(app, tmp_path):
    bad = _write(tmp_path, GOOD.replace("severity: minor", "severity: huge"))
    result = app.test_cli_runner().invoke(args=["checklists", "validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}: A-01: unknown severity" in result.output


def test_cli_validate_accepts_the_shipped_folder(app):
    result = app.test_cli_runner().invoke(args=["checklists", "validate", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


def test_cli_import_refuses_invalid_file_and_imports_the_rest(app, tmp_path):
    _write(tmp_path, GOOD, "a.yaml")
    _write(tmp_path, GOOD.replace("slug: thu", "slug: hong").replace("type: yes_no", "type: x"), "b.yaml")
    result = app.test_cli_runner().invoke(args=["checklists", "import", str(tmp_path)])
    assert result.exit_code == 1
    assert "refused" in result.output and "created" in result.output
    assert [v.checklist.slug for v in operations.current_versions()] == ["thu"]


def test_checklist_pages_show_items_to_office_and_not_to_unit_heads(app, client, login_as):
    operations.import_path(SHIPPED)
    login_as(roles.INSPECTOR)
    index = client.get("/checklists/").get_data(as_text=True)
    assert "Bộ phận một cửa và hồ sơ trễ hạn" in index
    page = client.get("/checklists/mot-cua/v1").get_data(as_text=True)
    assert "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" in page
    assert "Nghị định số 118/2025/NĐ-CP (được sửa đổi, bổ sung bởi Nghị định số 367/2025/NĐ-CP), Điều 10 khoản 3 điểm a" in page
    assert "xác minh" not in page and "to verify" not in page
    assert client.get("/checklists/mot-cua/v9").status_code == 404
    client.post("/logout")
    login_as(roles.UNIT_HEAD)
    assert client.get("/checklists/").status_code == 403
