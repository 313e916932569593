"""deploy/: Debian's nginx accepts the site with a certificate of the test's own and serves the app
through it (gunicorn started with deploy/gunicorn.conf.py); the body limit and the proxy headers
match the app's configuration; the systemd units pass `systemd-analyze verify` and run real
commands."""
import http.client
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from inspect_app import ROOT, config
from inspect_app.photos.operations import DEFAULT_MAX_BYTES

DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx" / "inspect-app.conf"
UNITS = sorted((DEPLOY / "systemd").glob("inspect-app-*"))
VENV_BIN = Path(sys.executable).parent
needs_nginx = pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx")
                                 .exists(), reason="Debian's nginx-light (make system-test-deps)")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
UNITS_OF = {"k": 1024, "m": 1024 * 1024, "g": 1024 ** 3, "": 1}


def _directive(name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", SITE.read_text(), re.M)


def test_body_limit_is_the_apps_and_above_the_photo_limit(tmp_path):
    [value] = _directive("client_max_body_size")
    number, unit = re.fullmatch(r"(\d+)([kmg]?)", value.strip().lower()).groups()
    app_limit = config.load(str(tmp_path))["MAX_CONTENT_LENGTH"]
    assert int(number) * UNITS_OF[unit] == app_limit
    assert DEFAULT_MAX_BYTES <= app_limit  # a photo too large gets the app's own reason


def test_proxy_headers_name_one_proxy():
    env = (DEPLOY / "env.example").read_text()
    assert re.search(r"^TRUSTED_PROXY_COUNT=1$", env, re.M)
    # nginx replaces whatever X-Forwarded-For the phone sent: one entry, its own view
    assert _directive("proxy_set_header X-Forwarded-For") == ["$remote_addr"]
    assert _directive("proxy_set_header X-Forwarded-Proto") == ["$scheme"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def nginx_conf(folder: Path, https_port: int, http_port: int, upstreams: list[int]) -> Path:
    """The deploy site, as is but for its certificate, its ports and its app hosts, in an
    nginx.conf of the test's own."""
    cert, key = _certificate(folder)
    site = SITE.read_text()
    site = site.replace("/etc/ssl/inspect-app/fullchain.pem", str(cert))
    site = site.replace("/etc/ssl/inspect-app/privkey.pem", str(key))
    site = re.sub(r"^\s*listen \[::\].*\n", "", site, flags=re.M)
    site = site.replace("listen 443 ", f"listen 127.0.0.1:{https_port} ")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;\n"
                      for p in upstreams)
    site = re.sub(r"^\s*server 127\.0\.0\.1:8000 .*\n", servers, site, flags=re.M)
    conf = folder / "nginx.conf"
    conf.write_text(f"user root;\npid {folder}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
                    f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{site}\n}}\n")
    return conf


@needs_nginx
def test_nginx_accepts_the_site(tmp_path):
    conf = nginx_conf(tmp_path, _free_port(), _free_port(), [8000])
    result = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp_path), "-e", "stderr"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def wait_for(url: str, context=None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2, context=context).close()  # noqa: S310
            return
        except urllib.error.HTTPError as err:
            if err.code not in (502, 503, 504):  # the app answered, not nginx for it
                return
            err.close()
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(url)
        time.sleep(0.2)


def fetch(request, context) -> tuple[int, dict, bytes]:
    """Status, headers and body, whatever the status; the connection closed."""
    try:
        with urllib.request.urlopen(request, context=context, timeout=30) as resp:  # noqa: S310
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.headers, err.read()


def gunicorn(port: int, env: dict) -> subprocess.Popen:
    """One app host as deploy/systemd/inspect-app-web.service starts it (one worker)."""
    return subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", str(DEPLOY / "gunicorn.conf.py"),
         "inspect_app:create_app()"],
        cwd=ROOT, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1",
                       "GUNICORN_LOGLEVEL": "warning"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@needs_nginx
def test_the_app_through_nginx(tmp_path):
    import os

    env = {**os.environ, "INSPECT_ENV": "development", "SECRET_KEY": "deploy-test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "STORAGE_DIR": str(tmp_path),
           "TRUSTED_PROXY_COUNT": "1"}
    app_port, https, plain_port = _free_port(), _free_port(), _free_port()
    conf = nginx_conf(tmp_path, https, plain_port, [app_port])
    web = gunicorn(app_port, env)
    proxy = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp_path), "-e", "stderr",
                              "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    tls = ssl.create_default_context()
    tls.check_hostname, tls.verify_mode = False, ssl.CERT_NONE
    base = f"https://127.0.0.1:{https}"
    try:
        wait_for(base + "/sw.js", tls)
        status, headers, _ = fetch(base + "/sw.js", tls)
        assert (status, headers["Cache-Control"]) == (200, "no-cache")
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        status, headers, _ = fetch(base + "/api/sync/pull", tls)
        assert (status, headers["Content-Type"]) == (401, "application/json")
        plain = http.client.HTTPConnection("127.0.0.1", plain_port)  # goes to HTTPS
        plain.request("GET", "/app")
        moved = plain.getresponse()
        assert (moved.status, moved.headers["Location"]) == (301, "https://127.0.0.1/app")
        plain.close()
        too_big = urllib.request.Request(base + "/api/photos/" + "0" * 64, method="PUT",
                                         data=b"\0" * (25 * 1024 * 1024 + 1),
                                         headers={"Content-Type": "image/jpeg"})
        status, _, body = fetch(too_big, tls)
        assert (status, body.decode()) == (413, '{"error": "Tệp tải lên quá lớn."}')
    finally:
        stop(proxy)
        stop(web)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze")
def test_systemd_units_verify(tmp_path):
    for unit in UNITS:  # as installed, but with this checkout and its virtual environment
        text = unit.read_text().replace("/opt/inspect-app/.venv/bin/", f"{VENV_BIN}/")
        (tmp_path / unit.name).write_text(text.replace("/opt/inspect-app", str(ROOT)))
    result = subprocess.run(["systemd-analyze", "verify", *sorted(map(str, tmp_path.iterdir()))],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_units_run_commands_the_app_has(app):
    runner = app.test_cli_runner()
    timers = {u.stem for u in UNITS if u.suffix == ".timer"}
    commands = []
    for unit in UNITS:
        for line in re.findall(r"^ExecStart=(.*)$", unit.read_text(), re.M):
            if "/flask --app inspect_app " in line:
                commands.append(line.split("--app inspect_app ")[1].split())
        if unit.suffix == ".service" and "Type=oneshot" in unit.read_text():
            assert unit.stem in timers, f"{unit.name} has no timer"
    assert ["worker"] in commands and ["remediation", "remind"] in commands
    for command in commands:
        result = runner.invoke(args=[*command, "--help"])
        assert result.exit_code == 0, (command, result.output)
