"""Behind the proxy, the audit trail names the phone, never the proxy or an address it made up."""
from flask import Flask, request
from sqlalchemy import select

from inspect_app import client_address

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from tests.conftest import TEST_PASSWORD

PHONE = "10.20.30.40"


def _sign_in(client, user, **headers):
    return client.post("/login", data={"username": user.username, "password": TEST_PASSWORD},
                       environ_overrides={"REMOTE_ADDR": "127.0.0.1"}, headers=headers)


def _logged_addresses() -> list[str]:
    db.session.commit()  # a fresh snapshot: SQLite's read transaction predates the sign-in
    return list(db.session.scalars(select(AuditEvent.ip).where(AuditEvent.action == "login")))


def test_the_audit_trail_names_the_phone_behind_the_proxy(proxied, make_user):
    user = make_user()
    assert _sign_in(proxied, user, **{"X-Forwarded-For": f"6.6.6.6, {PHONE}"}).status_code == 302
    assert _logged_addresses() == [PHONE]


def test_a_host_without_a_proxy_logs_its_peer_whatever_the_headers_say(client, make_user):
    user = make_user()
    assert _sign_in(client, user, **{"X-Forwarded-For": PHONE}).status_code == 302
    assert _logged_addresses() == ["127.0.0.1"]


def test_the_scheme_and_address_the_phone_used_are_what_the_app_sees():
    app = Flask("probe")
    app.config["TRUSTED_PROXY_COUNT"] = 1
    client_address.init_app(app)

    @app.get("/")
    def probe():
        return {"scheme": request.scheme, "client": client_address.of_request()}

    seen = app.test_client().get("/", environ_overrides={"REMOTE_ADDR": "127.0.0.1"}, headers={
        "X-Forwarded-For": PHONE, "X-Forwarded-Proto": "https"}).get_json()
    assert seen == {"scheme": "https", "client": PHONE}
