"""Whether a user name exists must not show in how long a refusal takes."""
import pytest

from inspect_app.org import passwords, roles


@pytest.fixture
def hashed(monkeypatch):
    """Record every password hash checked, still checking it for real."""
    seen = []
    real = passwords.verify

    def spy(password_hash, password):
        seen.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(passwords, "verify", spy)
    return seen


def test_unknown_user_name_costs_a_password_hash_too(auth, hashed):
    assert auth.login("khong-co-ai", "doan-mo").status_code == 401
    assert len(hashed) == 1


def test_disabled_user_costs_a_password_hash_too(auth, make_user, hashed):
    user = make_user(roles.INSPECTOR, active=False)
    assert auth.login(user.username).status_code == 401
    assert len(hashed) == 1


def test_the_dummy_hash_is_as_costly_as_a_real_one():
    dummy, real = passwords.dummy_hash(), passwords.hash_password("x")
    assert dummy.split("$")[0] == real.split("$")[0]  # the same method and parameters


def test_known_user_name_costs_one_password_hash(auth, make_user, hashed):
    user = make_user()
    assert auth.login(user.username, "doan-mo").status_code == 401
    assert len(hashed) == 1
