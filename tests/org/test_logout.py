"""Signing out ends the session on the server, not only in the browser that signed out."""
import re

from flask import g
from sqlalchemy import select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.org import roles


def _session_cookie(app, response) -> dict:
    """The session cookie the sign-in set, as a header another machine would send with it
    (read from Set-Cookie: after a live-server test the client's jar files cookies under
    another domain)."""
    name = app.config["SESSION_COOKIE_NAME"] + "="
    value = next(h[len(name):].split(";", 1)[0] for h in response.headers.getlist("Set-Cookie")
                 if h.startswith(name))
    return {"Cookie": name + value}


def test_a_cookie_copied_before_signing_out_no_longer_pulls(app, client, auth, make_user):
    user = make_user(roles.INSPECTOR)
    stolen = _session_cookie(app, auth.login(user.username))
    thief = app.test_client(use_cookies=False)  # sends only the stolen header
    assert thief.get("/api/sync/pull", headers=stolen).status_code == 200
    assert client.post("/logout").status_code == 302
    assert thief.get("/api/sync/pull", headers=stolen).status_code == 401
    assert thief.get("/", headers=stolen).status_code == 302
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "logout"))
    assert event.user_id == user.id


def test_signing_in_again_after_signing_out_works(client, auth, login_as):
    user = login_as(roles.INSPECTOR)
    auth.logout()
    assert client.get("/").status_code == 302
    assert auth.login(user.username).status_code == 302
    assert client.get("/").status_code == 200


def test_logout_with_the_csrf_token_signs_out(client, login_as, csrf_enabled):
    login_as(roles.INSPECTOR)
    # The test's app context outlives requests: forget the token cached before signing in.
    g.pop("csrf_token", None)
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/").status_code == 302
