"""Fixtures: a unit with an inspection, issued minutes and remediation items; a real SMTP server."""
import itertools
import socket
import subprocess
import threading
import uuid
from datetime import date, datetime

import pytest
from aiosmtpd.controller import Controller

from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Inspection
from inspect_app.minutes import files as minutes_files
from inspect_app.minutes.models import Minutes
from inspect_app.remediation.models import RemediationItem

_seq = itertools.count(1)

SECRET_ROUND = "Kiểm tra đột xuất đợt 4 bí mật"
SECRET_PLAN = "Kế hoạch số 99/KH-SNV"


@pytest.fixture
def make_inspection(app, make_team, make_user):
    """Factory: an inspection of `unit`, in a round with a telling name and plan."""

    def make(unit, **overrides):
        from inspect_app.org import roles

        team = overrides.pop("team", None) or make_team(lead=make_user(roles.LEAD))
        rnd = Round(name=SECRET_ROUND, kind="surprise", status="planned", plan_ref=SECRET_PLAN,
                    period_start=date(2031, 2, 17), period_end=date(2031, 2, 28), team=team,
                    units=[unit])
        inspection = Inspection(uuid=str(uuid.uuid4()), unit=unit, team=team, round=rnd,
                                kind="surprise", status="issued",
                                started_at=datetime(2026, 3, 2, 1, 0), **overrides)
        db.session.add_all([rnd, inspection])
        db.session.commit()
        return inspection

    return make


@pytest.fixture
def make_minutes(app):
    """Factory: issued minutes of an inspection, with a stored (unsigned) PDF."""

    def make(inspection, number=None, issued_at=datetime(2026, 3, 3, 2, 0)):
        n = next(_seq)
        minutes = Minutes(public_id=f"pub{n:08d}", status="issued", inspection=inspection,
                          content_hash="1" * 64, number=number or f"{n}/BB-ĐKT",
                          issued_at=issued_at,
                          record={"body": {"parent": "UBND tỉnh Minh Sơn", "name": "Sở Nội vụ"},
                                  "unit": {"id": inspection.unit_id, "name": "x"}},
                          pdf_sha256=minutes_files.store_pdf(f"%PDF-1.4\n%{n}\n%%EOF\n".encode()))
        db.session.add(minutes)
        db.session.commit()
        return minutes

    return make


@pytest.fixture
def make_item(app, make_inspection, make_minutes):
    """Factory: a remediation item of `unit` (its own inspection and minutes unless given)."""

    def make(unit, inspection=None, deadline=date(2026, 3, 20), state="open", **overrides):
        if inspection is None:
            inspection = make_inspection(unit)
            make_minutes(inspection)
        action = overrides.pop("action", f"Khắc phục nội dung số {next(_seq)}")
        item = RemediationItem(uuid=str(uuid.uuid4()), inspection=inspection, unit=unit,
                               action=action, deadline=deadline, state=state, **overrides)
        db.session.add(item)
        db.session.commit()
        return item

    return make


@pytest.fixture
def unit_head(make_unit, make_user):
    """A commune and its head (with an e-mail address), not signed in."""
    from inspect_app.org import roles

    unit = make_unit("Xã Tân Lập")
    return make_user(roles.UNIT_HEAD, unit=unit, full_name="Nguyễn Văn Hùng",
                     position="Chủ tịch UBND xã Tân Lập", email="hung.tanlap@minhson.example.vn")


@pytest.fixture
def sign_in(client):
    """Sign the test client in as an existing user (session cookie, as the login would)."""

    def do(user):
        with client.session_transaction() as s:
            s["uid"] = user.id
            s["tv"] = user.token_version
        return user

    return do


def pdftotext(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


# --- A real SMTP server on 127.0.0.1 ------------------------------------------------------------

class Inbox:
    """What the SMTP server received: (envelope recipients, raw message bytes)."""

    def __init__(self):
        self.messages: list[tuple[list[str], bytes]] = []
        self.logins: list[str] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(app):
    """A running SMTP server that asks for a password; the app configured to use it."""
    from aiosmtpd.smtp import AuthResult, LoginPassword

    inbox = Inbox()

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
            b"kiemtra", b"mat-khau-smtp")
        if ok:
            inbox.logins.append(auth_data.login.decode())
        return AuthResult(success=ok)

    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticate,
                            auth_require_tls=False)
    controller.start()
    saved = {k: app.config.get(k) for k in ("SMTP_HOST", "SMTP_PORT", "SMTP_USER",
                                           "SMTP_PASSWORD", "SMTP_SENDER", "SMTP_STARTTLS")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_USER="kiemtra",
                      SMTP_PASSWORD="mat-khau-smtp", SMTP_SENDER="nhac-han@snv.minhson.example.vn",
                      SMTP_STARTTLS=False)
    try:
        yield inbox
    finally:
        controller.stop()
        app.config.update(saved)
