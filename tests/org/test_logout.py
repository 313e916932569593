"""Signing out ends the session on the server, not only in the browser that signed out."""
import re

from flask import g
from sqlalchemy import select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.org import roles


def _copy_of_the_cookie(app, client):
    """Another client holding the session cookie as it is now (a cookie copied off the machine)."""
    thief = app.test_client()
    cookie = client.get_cookie("session")
    thief.set_cookie("session", cookie.value)
    return thief


def test_a_cookie_copied_before_signing_out_no_longer_pulls(app, client, login_as):
    user = login_as(roles.INSPECTOR)
    thief = _copy_of_the_cookie(app, client)
    assert thief.get("/api/sync/pull").status_code == 200
    assert client.post("/logout").status_code == 302
    assert thief.get("/api/sync/pull").status_code == 401
    assert thief.get("/").status_code == 302
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
