"""The sign-in throttle slows guessing down without locking the owner of a name out."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.org import throttle
from inspect_app.org.models import LoginAttempt
from tests.conftest import TEST_PASSWORD

HERE, THERE, OFFICE = "10.0.0.1", "10.0.0.2", "203.0.113.7"


@pytest.fixture
def sign_in(client):
    """Post the sign-in form from an address (CSRF is off for these clients)."""

    def post(username, password=TEST_PASSWORD, ip=HERE, **headers):
        return client.post("/login", data={"username": username, "password": password},
                           environ_overrides={"REMOTE_ADDR": ip}, headers=headers)

    return post


def _fail(sign_in, username, times, ip=HERE, **headers):
    for _ in range(times):
        assert sign_in(username, "doan-mo", ip, **headers).status_code == 401


def _time_passes(seconds):
    """Every recorded attempt moves `seconds` into the past."""
    for attempt in db.session.scalars(select(LoginAttempt)):  # in Python: SQLite has no interval
        attempt.at -= timedelta(seconds=seconds)
    db.session.commit()


def test_wrong_passwords_slow_the_pair_down_and_say_when_to_try_again(app, sign_in, make_user):
    user = make_user()
    _fail(sign_in, user.username, app.config["LOGIN_MAX_FAILURES"])
    resp = sign_in(user.username)  # even the right password waits
    assert resp.status_code == 429
    assert resp.headers["Retry-After"] == "5"
    text = resp.get_data(as_text=True)
    assert "Đăng nhập sai nhiều lần. Vui lòng thử lại sau 5 giây (lúc " in text


def test_after_the_wait_the_right_password_signs_in(app, sign_in, make_user):
    user = make_user()
    _fail(sign_in, user.username, app.config["LOGIN_MAX_FAILURES"])
    _time_passes(4)
    assert sign_in(user.username).status_code == 429
    _time_passes(1)
    assert sign_in(user.username).status_code == 302


def test_each_further_failure_doubles_the_wait_up_to_the_ceiling(app):
    allowed, ceiling = 5, app.config["LOGIN_MAX_DELAY_SECONDS"]
    assert [throttle.delay(n, allowed, ceiling) for n in range(4, 9)] == [0, 5, 10, 20, 40]
    assert throttle.delay(10_000, allowed, ceiling) == ceiling == 300


def test_attempts_refused_for_being_early_do_not_lengthen_the_wait(app, sign_in, make_user):
    user = make_user()
    _fail(sign_in, user.username, app.config["LOGIN_MAX_FAILURES"])
    for _ in range(20):
        assert sign_in(user.username, "doan-mo").status_code == 429
    _time_passes(5)
    assert sign_in(user.username).status_code == 302


def test_failures_from_one_address_do_not_slow_the_owner_elsewhere(app, sign_in, make_user):
    user = make_user()
    _fail(sign_in, user.username, app.config["LOGIN_MAX_FAILURES"], ip=THERE)
    assert sign_in(user.username, ip=THERE).status_code == 429
    assert sign_in(user.username, ip=HERE).status_code == 302


def test_one_name_guessed_from_many_addresses_lets_a_clean_address_through(app, sign_in,
                                                                           make_user):
    user = make_user()
    guessers = [f"198.51.100.{n}" for n in range(1, 2 * app.config["LOGIN_MAX_FAILURES"] * 4)]
    for ip in guessers:
        _fail(sign_in, user.username, 1, ip=ip)
    assert sign_in(user.username, ip=guessers[0]).status_code == 429
    assert sign_in(user.username, ip=HERE).status_code == 302


def test_many_names_guessed_from_one_address_spare_those_who_signed_in_there(app, sign_in,
                                                                               make_user):
    regular, newcomer = make_user(), make_user()
    assert sign_in(regular.username, ip=OFFICE).status_code == 302
    for n in range(app.config["LOGIN_MAX_FAILURES"] * 4):
        _fail(sign_in, f"khong-co-{n}", 1, ip=OFFICE)
    assert sign_in(newcomer.username, ip=OFFICE).status_code == 429
    assert sign_in(regular.username, ip=OFFICE).status_code == 302
    assert sign_in(newcomer.username, ip=HERE).status_code == 302


def test_a_refused_demo_password_is_not_counted_as_a_guess(app, sign_in, make_user):
    user = make_user(password="demo")
    app.config["INSPECT_ENV"] = "production"
    try:
        for _ in range(app.config["LOGIN_MAX_FAILURES"] + 1):
            assert sign_in(user.username, "demo").status_code == 403
    finally:
        app.config["INSPECT_ENV"] = "development"


# -- the address behind a proxy -------------------------------------------------------------------

def test_behind_the_proxy_failures_count_against_the_phone_not_the_proxy(proxied, make_user):
    user = make_user()

    def sign_in(forwarded, password=TEST_PASSWORD):
        return proxied.post("/login", data={"username": user.username, "password": password},
                            environ_overrides={"REMOTE_ADDR": "127.0.0.1"},
                            headers={"X-Forwarded-For": forwarded})

    for _ in range(proxied.application.config["LOGIN_MAX_FAILURES"]):
        assert sign_in(THERE, "doan-mo").status_code == 401
    assert sign_in(THERE).status_code == 429
    # An address the phone writes itself, left of the one nginx appended, changes nothing.
    assert sign_in(f"{HERE}, {THERE}").status_code == 429
    assert sign_in(HERE).status_code == 302


def test_without_a_proxy_configured_a_forwarded_address_is_ignored(app, sign_in, make_user):
    user = make_user()
    _fail(sign_in, user.username, app.config["LOGIN_MAX_FAILURES"], ip=HERE,
          **{"X-Forwarded-For": THERE})
    # Each try named another address, but they all came from HERE.
    assert sign_in(user.username, ip=HERE, **{"X-Forwarded-For": OFFICE}).status_code == 429
