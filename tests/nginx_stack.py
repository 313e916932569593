"""An app served as in production, in a test: gunicorn started with deploy/gunicorn.conf.py on
loopback ports, behind Debian's nginx running deploy's site with a certificate of the test's own."""
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from inspect_app import ROOT

DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx" / "inspect-app.conf"
VENV_BIN = Path(sys.executable).parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
needs_nginx = pytest.mark.skipif(not Path(NGINX).exists(),
                                 reason="Debian's nginx-light (make system-test-deps)")


def free_port() -> int:
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
    site = re.sub(r"^\s*listen \[::\].*\n", "", site, flags=re.MULTILINE)
    site = site.replace("listen 443 ", f"listen 127.0.0.1:{https_port} ")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    # On 443 a browser's Referer names no port, and Flask-WTF checks it against Host on HTTPS;
    # on the test's port it names one, which $host drops.
    site = site.replace("proxy_set_header Host $host;", "proxy_set_header Host $http_host;")
    servers = "".join(f"    server 127.0.0.1:{p} max_fails=3 fail_timeout=10s;\n"
                      for p in upstreams)
    site = re.sub(r"^\s*server 127\.0\.0\.1:8000 .*\n", servers, site, flags=re.MULTILINE)
    conf = folder / "nginx.conf"
    conf.write_text(f"user root;\npid {folder}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
                    f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{site}\n}}\n")
    return conf


def wait_for(url: str, context=None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2, context=context).close()
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
        with urllib.request.urlopen(request, context=context, timeout=30) as resp:
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




def start_nginx(conf: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([NGINX, "-c", str(conf), "-p", str(folder), "-e", "stderr",
                             "-g", "daemon off;"], stderr=subprocess.DEVNULL)


def tls_context() -> ssl.SSLContext:
    """For the test's own certificate."""
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    return context


def host_envs(app, folder: Path, storage_env: dict, own_folders: list[Path] | None = None,
              hosts: int = 3) -> list[dict]:
    """Each app host's settings: the test app's database and secret, nginx as the one proxy,
    minutes issued by `flask worker`, and `storage_env`; `own_folders`, if given, is each
    host's STORAGE_DIR."""
    env = {**os.environ, "INSPECT_ENV": "development", "SECRET_KEY": app.config["SECRET_KEY"],
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"], "TRUSTED_PROXY_COUNT": "1",
           "ISSUE_INLINE": "0", "PUBLIC_BASE_URL": "https://kiemtra.minhson.gov.vn",
           "MINUTES_SIGNING_DIR": str(folder / "signing"), **storage_env}
    if own_folders:
        return [{**env, "STORAGE_DIR": str(f)} for f in own_folders]
    return [env] * hosts


def issue_worker(env: dict) -> subprocess.Popen:
    """`flask worker` as deploy/systemd/inspect-app-worker.service runs it, polling fast."""
    return subprocess.Popen([str(VENV_BIN / "flask"), "--app", "inspect_app", "worker",
                             "--poll", "0.2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


@dataclass
class Stack:
    """App hosts (one gunicorn each, on its own port and settings) behind one nginx."""

    base: str  # https://127.0.0.1:<port>, nginx
    plain_port: int  # nginx's port 80 (redirects to HTTPS)
    ports: list[int]
    envs: list[dict]
    hosts: list[subprocess.Popen] = field(default_factory=list)

    def kill(self, n: int) -> None:
        """Host n dies at once, whatever it was answering."""
        self.hosts[n].send_signal(signal.SIGKILL)
        self.hosts[n].wait(10)

    def restart(self, n: int) -> None:
        self.hosts[n] = gunicorn(self.ports[n], self.envs[n])
        wait_for(f"http://127.0.0.1:{self.ports[n]}/healthz")


@contextmanager
def behind_nginx(folder: Path, envs: list[dict]) -> Iterator[Stack]:
    """One app host per settings in `envs`, behind the deploy site's nginx, for the block."""
    ports, https, plain = [free_port() for _ in envs], free_port(), free_port()
    stack = Stack(f"https://127.0.0.1:{https}", plain, ports, envs)
    conf = nginx_conf(folder, https, plain, ports)
    stack.hosts = [gunicorn(p, e) for p, e in zip(ports, envs, strict=True)]
    proxy = start_nginx(conf, folder)
    try:
        for p in ports:
            wait_for(f"http://127.0.0.1:{p}/healthz")
        yield stack
    finally:
        for process in [proxy, *stack.hosts]:
            stop(process)
