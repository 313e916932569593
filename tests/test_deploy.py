"""deploy/: Debian's nginx accepts the site with a certificate of the test's own and serves the app
through it (gunicorn started with deploy/gunicorn.conf.py); the body limit and the proxy headers
match the app's configuration; the systemd units pass `systemd-analyze verify` and run real
commands."""
import http.client
import os
import re
import shutil
import subprocess
import urllib.request

import pytest

from inspect_app import config
from inspect_app.photos.operations import DEFAULT_MAX_BYTES

from .nginx_stack import (
    DEPLOY,
    NGINX,
    SITE,
    VENV_BIN,
    behind_nginx,
    fetch,
    free_port,
    needs_nginx,
    nginx_conf,
    tls_context,
    wait_for,
)

UNITS = sorted((DEPLOY / "systemd").glob("inspect-app-*"))
UNITS_OF = {"k": 1024, "m": 1024 * 1024, "g": 1024 ** 3, "": 1}


def _directive(name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", SITE.read_text(), re.MULTILINE)


def test_body_limit_is_the_apps_and_above_the_photo_limit(tmp_path):
    [value] = _directive("client_max_body_size")
    number, unit = re.fullmatch(r"(\d+)([kmg]?)", value.strip().lower()).groups()
    app_limit = config.load(str(tmp_path))["MAX_CONTENT_LENGTH"]
    assert int(number) * UNITS_OF[unit] == app_limit
    assert DEFAULT_MAX_BYTES <= app_limit  # a photo too large gets the app's own reason


def test_proxy_headers_name_one_proxy():
    env = (DEPLOY / "env.example").read_text()
    assert re.search(r"^TRUSTED_PROXY_COUNT=1$", env, re.MULTILINE)
    # nginx replaces whatever X-Forwarded-For the phone sent: one entry, its own view
    assert _directive("proxy_set_header X-Forwarded-For") == ["$remote_addr"]
    assert _directive("proxy_set_header X-Forwarded-Proto") == ["$scheme"]


@needs_nginx
def test_nginx_accepts_the_site(tmp_path):
    conf = nginx_conf(tmp_path, free_port(), free_port(), [8000])
    result = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", "stderr"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@needs_nginx
def test_the_app_through_nginx(tmp_path):
    env = {**os.environ, "INSPECT_ENV": "development", "SECRET_KEY": "deploy-test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "STORAGE_DIR": str(tmp_path),
           "TRUSTED_PROXY_COUNT": "1"}
    with behind_nginx(tmp_path, [env]) as stack:
        tls = tls_context()
        base = stack.base
        wait_for(base + "/sw.js", tls)
        status, headers, _ = fetch(base + "/sw.js", tls)
        assert (status, headers["Cache-Control"]) == (200, "no-cache")
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        status, headers, _ = fetch(base + "/api/sync/pull", tls)
        assert (status, headers["Content-Type"]) == (401, "application/json")
        plain = http.client.HTTPConnection("127.0.0.1", stack.plain_port)  # goes to HTTPS
        plain.request("GET", "/app")
        moved = plain.getresponse()
        assert (moved.status, moved.headers["Location"]) == (301, "https://127.0.0.1/app")
        plain.close()
        too_big = urllib.request.Request(base + "/api/photos/" + "0" * 64, method="PUT",
                                         data=b"\0" * (25 * 1024 * 1024 + 1),
                                         headers={"Content-Type": "image/jpeg"})
        status, _, body = fetch(too_big, tls)
        assert (status, body.decode()) == (413, '{"error": "Tệp tải lên quá lớn."}')


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze")
def test_systemd_units_verify(tmp_path):
    for unit in UNITS:  # as installed, but with this checkout and its virtual environment
        text = unit.read_text().replace("/opt/inspect-app/.venv/bin/", f"{VENV_BIN}/")
        (tmp_path / unit.name).write_text(text.replace("/opt/inspect-app", str(DEPLOY.parent)))
    result = subprocess.run(["systemd-analyze", "verify", *sorted(map(str, tmp_path.iterdir()))],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_units_run_commands_the_app_has(app):
    runner = app.test_cli_runner()
    timers = {u.stem for u in UNITS if u.suffix == ".timer"}
    commands = []
    for unit in UNITS:
        for line in re.findall(r"^ExecStart=(.*)$", unit.read_text(), re.MULTILINE):
            if "/flask --app inspect_app " in line:
                commands.append(line.split("--app inspect_app ")[1].split())
        if unit.suffix == ".service" and "Type=oneshot" in unit.read_text():
            assert unit.stem in timers, f"{unit.name} has no timer"
    assert ["worker"] in commands and ["remediation", "remind"] in commands
    for command in commands:
        result = runner.invoke(args=[*command, "--help"])
        assert result.exit_code == 0, (command, result.output)
