import re

from flask import g

from inspect_app.org import roles
from tests.conftest import TEST_PASSWORD


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_login_form_without_csrf_token_is_refused(client, csrf_enabled, make_user):
    user = make_user()
    resp = client.post("/login", data={"username": user.username, "password": TEST_PASSWORD})
    assert resp.status_code == 400
    assert "CSRF" in resp.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_form_with_csrf_token_signs_in(client, csrf_enabled, make_user):
    user = make_user()
    token = _token(client.get("/login").get_data(as_text=True))
    resp = client.post("/login", data={
        "username": user.username, "password": TEST_PASSWORD, "csrf_token": token})
    assert resp.status_code == 302


def test_logout_without_csrf_token_keeps_the_session(client, login_as, csrf_enabled):
    login_as(roles.INSPECTOR)
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200


def test_api_refusal_of_csrf_is_json(client, csrf_enabled, login_as):
    login_as(roles.INSPECTOR)
    resp = client.post("/logout", headers={"Accept": "application/json"})
    assert resp.status_code == 400
    assert "CSRF" in resp.json["error"]


def test_push_without_a_session_is_401_not_a_csrf_400(client, csrf_enabled):
    resp = client.post("/api/sync/push", json={"ops": []})
    assert resp.status_code == 401
    assert resp.json["error"] == "Bạn cần đăng nhập."


def test_push_with_a_signed_out_session_is_401(client, login_as, csrf_enabled):
    login_as(roles.INSPECTOR)
    g.pop("csrf_token", None)  # the test's app context cached the token from before signing in
    token = client.get("/api/sync/pull").json["csrf_token"]
    assert client.post("/logout", headers={"X-CSRFToken": token}).status_code == 302
    resp = client.post("/api/sync/push", json={"ops": []}, headers={"X-CSRFToken": token})
    assert resp.status_code == 401


def test_form_post_without_a_session_still_needs_its_csrf_token(client, csrf_enabled):
    assert client.post("/login", data={"username": "a", "password": "b"}).status_code == 400
