from sqlalchemy import select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.org import roles
from tests.conftest import TEST_PASSWORD


def test_login_page_is_vietnamese(client):
    resp = client.get("/login")
    assert resp.status_code == 200
    assert "Đăng nhập" in resp.get_data(as_text=True)


def test_pages_redirect_anonymous_users_to_login(client):
    resp = client.get("/")
    assert resp.status_code == 302
    assert resp.headers["Location"].startswith("/login")


def test_login_with_right_password_opens_home_and_is_audited(client, auth, make_user):
    user = make_user(roles.INSPECTOR, full_name="Trần Thị Bình")
    resp = auth.login(user.username)
    assert resp.status_code == 302
    home = client.get("/")
    assert "Trần Thị Bình" in home.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login")).user_id == user.id


def test_login_with_wrong_password_says_so_in_vietnamese(auth, make_user):
    user = make_user()
    resp = auth.login(user.username, "sai-mat-khau")
    assert resp.status_code == 401
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in resp.get_data(as_text=True)


def test_success_resets_the_failure_count(app, auth, make_user):
    user = make_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        auth.login(user.username, "doan-mo")
    assert auth.login(user.username).status_code == 302
    auth.logout()
    assert auth.login(user.username, "doan-mo").status_code == 401
    assert auth.login(user.username).status_code == 302


def test_demo_password_is_refused_in_production(app, auth, make_user):
    user = make_user(password="demo")
    app.config["INSPECT_ENV"] = "production"
    try:
        resp = auth.login(user.username, "demo")
    finally:
        app.config["INSPECT_ENV"] = "development"
    assert resp.status_code == 403
    assert "Mật khẩu mẫu" in resp.get_data(as_text=True)
    assert auth.login(user.username, "demo").status_code == 302


def test_session_cookie_is_httponly_and_samesite(auth, make_user):
    user = make_user()
    resp = auth.login(user.username)
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_login_ignores_offsite_next(client, auth, make_user):
    user = make_user()
    resp = client.post("/login?next=//evil.example/x",
                       data={"username": user.username, "password": TEST_PASSWORD})
    assert resp.headers["Location"] == "/"


def test_deactivated_user_is_signed_out_on_next_request(client, login_as):
    user = login_as(roles.INSPECTOR)
    assert client.get("/").status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/").status_code == 302


def test_changing_password_signs_out_other_sessions(app, client, login_as):
    user = login_as(roles.INSPECTOR)
    other = app.test_client()
    other.post("/login", data={"username": user.username, "password": TEST_PASSWORD})
    assert other.get("/").status_code == 200
    resp = client.post("/account/password", data={
        "current": TEST_PASSWORD, "new": "mat-khau-moi-2026", "confirm": "mat-khau-moi-2026"})
    assert resp.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_changing_password_with_wrong_current_shows_form_error(client, login_as):
    login_as(roles.VIEWER)
    resp = client.post("/account/password", data={
        "current": "khong-dung", "new": "mat-khau-moi-2026", "confirm": "mat-khau-moi-2026"})
    assert resp.status_code == 400
    assert "Mật khẩu hiện tại không đúng" in resp.get_data(as_text=True)
