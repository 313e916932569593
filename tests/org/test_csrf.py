import re

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
