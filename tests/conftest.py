"""Fixtures: one app per test session on a real database, emptied after every test.

The database is SQLite in a temporary folder unless TEST_DATABASE_URL (or DATABASE_URL)
names another, e.g. PostgreSQL. The schema is built by the Alembic migrations, not create_all,
so every test run also proves the migrations work.
"""
import itertools
import os
import re
import time

import pytest
from flask_migrate import upgrade
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import close_all_sessions

from inspect_app import create_app
from inspect_app.extensions import db
from inspect_app.org import passwords, roles
from inspect_app.org.models import OrgUnit, StaffMember, Team, TeamMember, User

from .jsrun import served  # noqa: F401  (a fixture: the app served for tests of its JavaScript)
from .objectstore import object_store, relay, s3_app  # noqa: F401  (an S3-compatible server)

TEST_PASSWORD = "mat-khau-thu-nghiem"
# scrypt is slow by design; computed once for the whole run.
_HASHED = {}


def _hashed(password: str) -> str:
    if password not in _HASHED:
        _HASHED[password] = passwords.hash_password(password)
    return _HASHED[password]


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    return url or "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


def _reset_schema(app):
    """Drop whatever an earlier run left, then build the schema with the migrations."""
    with app.app_context():
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                # Also drops functions and triggers the migrations made.
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            else:
                db.metadata.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "SECRET_KEY": "test-secret",
            "STORAGE_DIR": str(tmp_path_factory.mktemp("storage")),
            # Most tests post forms directly; the CSRF tests switch it on (see csrf_enabled).
            "WTF_CSRF_ENABLED": False,
        }
    )
    _reset_schema(app)
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def proxied_app(app):
    """The same app and database as `app`, as a host behind one proxy (nginx) runs it."""
    behind = create_app({**{k: app.config[k] for k in (
        "TESTING", "SQLALCHEMY_DATABASE_URI", "SECRET_KEY", "STORAGE_DIR", "WTF_CSRF_ENABLED")},
        "TRUSTED_PROXY_COUNT": 1})
    yield behind
    with behind.app_context():
        db.engine.dispose()


@pytest.fixture
def proxied(app, proxied_app):
    """A test client of `proxied_app`."""
    return proxied_app.test_client()


@pytest.fixture(autouse=True)
def _empty_database(request):
    """After each test that used the app, empty every table (faster than rebuilding the schema)."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    # Sessions of every app context the test pushed, so no open transaction holds a lock.
    close_all_sessions()
    with app.app_context():
        tables = [t.name for t in db.metadata.sorted_tables]
        for attempt in range(EMPTYING_ATTEMPTS):
            try:
                _empty(tables)
                return
            except OperationalError as err:
                # A live server (browser tests) may still be answering the page's last sync;
                # PostgreSQL may pick the TRUNCATE as a deadlock victim. That request ends soon.
                if attempt + 1 == EMPTYING_ATTEMPTS or "deadlock" not in str(err.orig).lower():
                    raise
                time.sleep(0.2)


EMPTYING_ATTEMPTS = 5


def _empty(tables: list[str]) -> None:
    # DELETE, children first, on both databases: PostgreSQL's TRUNCATE of every table cost
    # ~160 ms a test (new files for each table), DELETE of a test's few rows ~10 ms.
    with db.engine.begin() as conn:
        for name in reversed(tables):
            conn.execute(text(f"DELETE FROM {name}"))
        if db.engine.dialect.name == "postgresql":
            # Ids start at 1 again, as SQLite's do once a table is empty.
            conn.execute(text("SELECT setval(oid, 1, false) FROM pg_class WHERE relkind = 'S'"))


@pytest.fixture
def csrf_enabled(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


_seq = itertools.count(1)


@pytest.fixture
def make_unit(app):
    """Factory: an org unit (a commune by default), committed."""

    def make(name=None, kind="commune", parent=None, **overrides):
        n = next(_seq)
        unit = OrgUnit(name=name or f"Xã Thử {n}", kind=kind, parent=parent, **overrides)
        db.session.add(unit)
        db.session.commit()
        return unit

    return make


@pytest.fixture
def make_staff(app):
    def make(unit, full_name=None, position="Công chức", **overrides):
        n = next(_seq)
        person = StaffMember(unit=unit, full_name=full_name or f"Nguyễn Văn {n}", position=position,
                             **overrides)
        db.session.add(person)
        db.session.commit()
        return person

    return make


@pytest.fixture
def make_user(app):
    """Factory: a user with a role (and a unit for unit heads), password TEST_PASSWORD."""

    def make(role=roles.INSPECTOR, username=None, unit=None, password=TEST_PASSWORD, **overrides):
        n = next(_seq)
        user = User(
            username=username or f"{role}{n}",
            full_name=overrides.pop("full_name", f"Người dùng {n}"),
            role=role,
            unit=unit,
            password_hash=_hashed(password),
            **overrides,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_team(app):
    def make(name=None, lead=None, members=(), **overrides):
        team = Team(name=name or f"Đoàn kiểm tra {next(_seq)}", **overrides)
        if lead is not None:
            team.members.append(TeamMember(user=lead, team_role="lead"))
        for m in members:
            team.members.append(TeamMember(user=m, team_role="member"))
        db.session.add(team)
        db.session.commit()
        return team

    return make


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, username, password=TEST_PASSWORD):
        data = {"username": username, "password": password}
        # Works with CSRF on too: take the token from the form, as a browser would.
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                          self._client.get("/login").get_data(as_text=True))
        if match:
            data["csrf_token"] = match.group(1)
        return self._client.post("/login", data=data)

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def login_as(client, make_user, make_unit):
    """Sign the test client in as a fresh user of the given role; returns that user."""

    def do(role, **overrides):
        if role == roles.UNIT_HEAD and "unit" not in overrides:
            overrides["unit"] = make_unit()
        user = make_user(role, **overrides)
        resp = AuthActions(client).login(user.username)
        assert resp.status_code == 302, resp.get_data(as_text=True)
        return user

    return do
