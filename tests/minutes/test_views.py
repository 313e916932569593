"""The PDF download (team, office, head of the unit; others 404) and the public verify pages."""
import io
import re

import pytest

from inspect_app.org import roles

from .conftest import tamper


def _pdf_url(made):
    return f"/minutes/{made.minutes.public_id}.pdf"


@pytest.mark.parametrize("role", [roles.ADMIN, roles.LEAD, roles.VIEWER])
def test_office_roles_download_any_minutes(client, login_as, make_minutes, role):
    made = make_minutes()
    login_as(role)
    resp = client.get(_pdf_url(made))
    assert resp.status_code == 200
    assert resp.mimetype == "application/pdf" and resp.data == made.pdf


def test_a_team_member_downloads_the_team_minutes(client, make_user, make_team, make_minutes,
                                                  auth):
    member = make_user(roles.INSPECTOR)
    made = make_minutes(team=make_team(lead=make_user(roles.LEAD), members=[member]))
    auth.login(member.username)
    assert client.get(_pdf_url(made)).status_code == 200


def test_an_inspector_of_another_team_gets_404(client, login_as, make_minutes):
    made = make_minutes()
    login_as(roles.INSPECTOR)
    assert client.get(_pdf_url(made)).status_code == 404


def test_the_head_of_the_inspected_unit_downloads_only_their_minutes(
        client, login_as, make_unit, make_minutes):
    unit = make_unit(name="UBND xã Tân Lập")
    made = make_minutes(unit=unit)
    login_as(roles.UNIT_HEAD, unit=unit)
    assert client.get(_pdf_url(made)).status_code == 200
    other = make_minutes()
    assert client.get(_pdf_url(other)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, make_minutes):
    resp = client.get(_pdf_url(make_minutes()))
    assert resp.status_code == 302 and resp.headers["Location"].startswith("/login")


def test_minutes_not_yet_issued_are_not_downloadable(client, login_as, make_minutes):
    made = make_minutes(issue=False)
    login_as(roles.ADMIN)
    assert client.get(_pdf_url(made)).status_code == 404
    assert client.get("/minutes/khong-co.pdf").status_code == 404


def test_public_verify_page_states_the_facts(client, make_minutes):
    made = make_minutes()
    page = client.get(f"/verify/{made.minutes.public_id}").get_data(as_text=True)
    assert "đã được cơ quan kiểm tra ban hành và ký số" in page
    for fact in (made.minutes.number, "UBND xã Tân Lập", "ngày 22 tháng 11 năm 2026",
                 made.minutes.content_hash, made.minutes.pdf_sha256,
                 "Sở Nội vụ (chứng thư thử nghiệm)"):
        assert fact in page, fact


def test_verify_pages_link_amended_and_amending_minutes(client, make_minutes):
    old = make_minutes()
    new = make_minutes(amends=old.minutes)
    old_page = client.get(f"/verify/{old.minutes.public_id}").get_data(as_text=True)
    assert "Đã được sửa đổi bởi" in old_page and f"/verify/{new.minutes.public_id}" in old_page
    new_page = client.get(f"/verify/{new.minutes.public_id}").get_data(as_text=True)
    assert "Sửa đổi, thay thế" in new_page and f"/verify/{old.minutes.public_id}" in new_page
    assert "Bổ sung ý kiến của đơn vị" in new_page


def test_unknown_public_id_is_404(client):
    assert client.get("/verify/khong-co").status_code == 404


def _upload(client, data: bytes, name="bien-ban.pdf", **extra):
    return client.post("/verify", data={"pdf": (io.BytesIO(data), name), **extra},
                       content_type="multipart/form-data")


def test_uploading_the_issued_pdf_says_valid(client, make_minutes):
    made = make_minutes()
    resp = _upload(client, made.pdf)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "Hợp lệ: tệp là bản gốc của biên bản đã ban hành." in page
    assert made.minutes.number in page


def test_uploading_a_changed_pdf_says_invalid_with_reasons(client, make_minutes):
    page = _upload(client, tamper(make_minutes().pdf)).get_data(as_text=True)
    assert "Không hợp lệ" in page
    assert "Không có biên bản đã ban hành nào trùng mã băm" in page


@pytest.mark.parametrize("data,message", [
    (b"\x89PNG\r\n\x1a\n not a pdf", "Tệp tải lên không phải là tệp PDF."),
    (b"", "Tệp tải lên không phải là tệp PDF."),
])
def test_a_wrong_upload_is_a_form_message(client, data, message):
    resp = _upload(client, data, name="anh.png")
    assert resp.status_code == 422
    assert message in resp.get_data(as_text=True)


def test_no_file_is_a_form_message(client):
    resp = client.post("/verify", data={}, content_type="multipart/form-data")
    assert resp.status_code == 422 and "Hãy chọn tệp PDF." in resp.get_data(as_text=True)


def test_an_oversized_upload_is_a_form_message(client, app, monkeypatch):
    # A small limit: a 20 MB body would only test Werkzeug's spooling.
    monkeypatch.setitem(app.config, "VERIFY_MAX_BYTES", 1000)
    resp = _upload(client, b"%PDF-1.7\n" + b"0" * 2000)
    assert resp.status_code == 422
    assert "quá lớn" in resp.get_data(as_text=True)


def test_upload_needs_the_csrf_token(client, csrf_enabled, make_minutes):
    made = make_minutes()
    assert _upload(client, made.pdf).status_code == 400
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/verify").get_data(as_text=True)).group(1)
    resp = _upload(client, made.pdf, csrf_token=token)
    assert resp.status_code == 200 and "Hợp lệ" in resp.get_data(as_text=True)


def test_uploading_a_cut_pdf_names_no_internal_error(client, make_minutes):
    page = _upload(client, make_minutes().pdf[:-200]).get_data(as_text=True)
    assert "Không hợp lệ" in page and "Tệp PDF bị hỏng hoặc không đầy đủ" in page
    assert "PdfReadError" not in page and "EOF marker" not in page
