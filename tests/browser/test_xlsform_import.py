"""An admin imports an XLSForm on a phone-sized screen, CSRF on, and reads the lenient report."""
import pytest

from inspect_app.org import roles
from tests.checklists.test_xlsform_rules import xls

pytestmark = pytest.mark.browser


def test_an_admin_uploads_an_xls_form_leniently_and_reads_every_row_left_out(
        devices, make_user, tmp_path):
    admin = make_user(roles.ADMIN)
    phone = devices(admin.username)
    phone.log_in("/checklists/")
    page = phone.page
    page.click("text=Nhập biểu mẫu XLSForm")
    page.set_input_files("input[name=form]", str(xls(tmp_path / "phieu-nhap.xls")))
    page.check("input[value=lenient]")
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("[role=status]")
    text = page.inner_text("main") if page.query_selector("main") else page.inner_text("body")
    assert "Đã nhập bộ phiếu phieu-nhap, phiên bản 1" in text
    assert "Trang survey, dòng 13: bỏ qua dòng: kiểu 'geopoint' chưa được hỗ trợ" in text
    page.screenshot(path=str(tmp_path.parent / "xlsform-import-phone.png"), full_page=True)
