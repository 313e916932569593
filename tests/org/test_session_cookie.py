"""A sign-in lasts 30 days from the last use; its cookie is not signed and sent with every
response."""
import time

import pytest
from itsdangerous import TimestampSigner

from inspect_app.org import roles

DAY = 24 * 3600


@pytest.fixture
def signed_days_ago(monkeypatch):
    """Cookies signed from now on carry a timestamp that many days old."""

    def shift(days):
        monkeypatch.setattr(TimestampSigner, "get_timestamp",
                            lambda self: int(time.time() - days * DAY))

    return shift


def _cookie_age_days(app, response) -> float:
    """How long ago the session cookie this response sets was signed."""
    name = app.config["SESSION_COOKIE_NAME"] + "="
    value = next(h[len(name):].split(";", 1)[0] for h in response.headers.getlist("Set-Cookie")
                 if h.startswith(name))
    serializer = app.session_interface.get_signing_serializer(app)
    _, signed_at = serializer.loads(value, return_timestamp=True)
    return (time.time() - signed_at.timestamp()) / DAY


def test_a_session_in_use_is_not_signed_again_on_every_response(client, login_as):
    login_as(roles.INSPECTOR)
    client.get("/api/sync/pull")  # the first pull stores the CSRF token in the session
    again = client.get("/api/sync/pull")
    assert again.status_code == 200
    assert "Set-Cookie" not in again.headers


def test_a_session_used_a_day_after_sign_in_lasts_thirty_days_from_now(
        app, client, auth, make_user, signed_days_ago, monkeypatch):
    signed_days_ago(29)
    signed_in = auth.login(make_user(roles.INSPECTOR).username)
    monkeypatch.undo()
    assert _cookie_age_days(app, signed_in) > 28
    resp = client.get("/api/sync/pull")
    assert resp.status_code == 200  # still signed in
    assert _cookie_age_days(app, resp) < 0.01


def test_a_session_unused_for_thirty_days_has_ended(client, login_as, signed_days_ago, monkeypatch):
    signed_days_ago(31)
    login_as(roles.INSPECTOR)
    monkeypatch.undo()
    resp = client.get("/api/sync/pull")
    assert resp.status_code == 401
    assert "đăng nhập" in resp.get_json()["error"]
