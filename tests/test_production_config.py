"""Production starts only with what several hosts behind one proxy must share."""
import pytest

from inspect_app import create_app
from inspect_app.config import NotConfigured

SHARED = {"SECRET_KEY": "shared-by-every-host", "PUBLIC_BASE_URL": "https://kiemtra.example.vn"}


@pytest.mark.parametrize("missing", sorted(SHARED))
def test_production_refuses_to_start_without_each_shared_setting(monkeypatch, missing):
    monkeypatch.setenv("INSPECT_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    for key, value in SHARED.items():
        if key == missing:
            monkeypatch.delenv(key, raising=False)
        else:
            monkeypatch.setenv(key, value)
    with pytest.raises(NotConfigured, match=missing):
        create_app()


def test_production_never_makes_a_host_of_its_own_key(monkeypatch, tmp_path):
    from inspect_app import config

    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert config._secret_key(str(tmp_path), "production") is None
    assert not (tmp_path / "secret_key").exists()
    # Development still makes one, kept for the next start.
    made = config._secret_key(str(tmp_path), "development")
    assert made and config._secret_key(str(tmp_path), "development") == made


def test_the_old_proxy_list_setting_is_refused_rather_than_ignored(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1")
    with pytest.raises(NotConfigured, match="TRUSTED_PROXY_COUNT"):
        create_app()
