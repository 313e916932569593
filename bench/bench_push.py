"""Prints how fast the sync push is under a real server, beside a bare Flask endpoint.

Starts gunicorn (2 sync workers) on 127.0.0.1 with SQLite in a temporary folder, signs in over
HTTP as a device does (session cookie, CSRF token from the pull), and measures:
  (a) one full inspection pushed in one batch: inspection.create + 80 answers;
  (b) small pushes (one answer each) per second, against a trivial JSON route served by the same
      server processes, and the ratio of the two;
  (c) 30 photos of ~300 KB: photo.add ops, then the bytes with PUT /api/photos/<sha256>.
Every loop is bounded by a request count and a time limit.

Run: .venv/bin/python bench/bench_push.py [--seconds 10] [--clients 2]
"""
import argparse
import http.cookiejar
import io
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ITEMS = 80
PHOTOS = 30
FULL_RUNS = 5
PASSWORD = "bench-mat-khau"


def make_bench_app():
    """The app as served, plus two trivial routes: the ceiling a push is compared with, and the
    least a write can cost (one row inserted and committed, as durably as a push commits)."""
    from flask import jsonify
    from sqlalchemy import text

    from inspect_app import create_app
    from inspect_app.extensions import csrf, db
    from inspect_app.org.auth import public

    app = create_app()

    @app.get("/bench/hello")
    @public
    def bench_hello():
        return jsonify(ok=True)

    @app.post("/bench/write")
    @public
    def bench_write():
        db.session.execute(text("INSERT INTO bench_writes (at) VALUES (CURRENT_TIMESTAMP)"))
        db.session.commit()
        return jsonify(ok=True)

    csrf.exempt(bench_write)
    return app


def _definition() -> dict:
    kinds = [{"type": "yes_no"}, {"type": "count", "fail_if": "> 0"},
             {"type": "number", "fail_if": "< 50"}, {"type": "text"},
             {"type": "choice", "choices": [{"key": "full"}, {"key": "partial", "fails": True}]}]
    sections = []
    for s in range(8):
        items = [{"id": f"B-{s * 10 + i + 1:02d}", "text": f"Nội dung kiểm tra {s * 10 + i + 1}",
                  "severity": "minor", **kinds[(s * 10 + i) % len(kinds)]} for i in range(10)]
        sections.append({"id": f"S{s + 1}", "title": f"Phần {s + 1}", "items": items})
    return {"slug": "bench", "title": "Bảng kiểm đo tốc độ", "sections": sections}


def prepare_database(env: dict) -> dict:
    """Migrate and create the reference data a team needs on the day; returns ids for the ops."""
    os.environ.update(env)
    from flask_migrate import upgrade
    from sqlalchemy import text

    from inspect_app import create_app
    from inspect_app.checklists.models import Checklist, ChecklistVersion
    from inspect_app.extensions import db
    from inspect_app.followup.models import Round
    from inspect_app.org import passwords
    from inspect_app.org.models import OrgUnit, StaffMember, Team, TeamMember, User

    app = create_app()
    with app.app_context():
        upgrade()
        unit = OrgUnit(name="Xã Đo Tốc Độ", kind="commune")
        staff = [StaffMember(unit=unit, full_name=f"Cán bộ {n}") for n in range(12)]
        user = User(username="bench", full_name="Người đo", role="inspector",
                    password_hash=passwords.hash_password(PASSWORD))
        team = Team(name="Đoàn đo", members=[TeamMember(user=user, team_role="lead")])
        checklist = Checklist(slug="bench", title="Bảng kiểm đo tốc độ")
        version = ChecklistVersion(checklist=checklist, version=1, content_hash="0" * 64,
                                   definition=_definition())
        rnd = Round(name="Đợt đo", status="active", team=team, units=[unit],
                    period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
        db.session.add_all([unit, *staff, user, team, checklist, version, rnd])
        db.session.execute(text("CREATE TABLE bench_writes (at TIMESTAMP)"))
        db.session.commit()
        ids = {"unit": unit.id, "team": team.id, "round": rnd.id, "version": version.id}
        db.engine.dispose()
    return ids


class Device:
    """An HTTP client holding a session cookie and the CSRF token, like the offline app."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def request(self, method, path, body=None, content_type="application/json", headers=None):
        data = json.dumps(body).encode() if content_type == "application/json" and body is not None \
            else body
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", content_type)
        if self.csrf:
            req.add_header("X-CSRFToken", self.csrf)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.read()

    def sign_in(self) -> None:
        status, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = f"username=bench&password={PASSWORD}&csrf_token={token.decode()}".encode()
        status, _ = self.request("POST", "/login", form, "application/x-www-form-urlencoded")
        status, body = self.request("GET", "/api/sync/pull")
        assert status == 200, body[:300]
        self.csrf = json.loads(body)["csrf_token"]

    def push(self, ops) -> list[str]:
        status, body = self.request("POST", "/api/sync/push", {"device_id": "bench", "ops": ops})
        assert status == 200, body[:300]
        return [r["status"] for r in json.loads(body)["results"]]


def _op(op_type, inspection, **data):
    return {"op_id": str(uuid.uuid4()), "type": op_type, "inspection": inspection,
            "at": "2026-11-22T02:00:00Z", "data": data}


def _answer(ids, inspection, n, value):
    return _op("response.set", inspection, checklist_version_id=ids["version"],
               item_id=f"B-{n:02d}", value=value, note=None,
               answered_at=f"2026-11-22T02:{n % 60:02d}:00Z")


def _value(n: int):
    return ["yes", 0, 75.5, "Ghi nhận tại chỗ", "full"][(n - 1) % 5]


def _create(ids, inspection):
    return _op("inspection.create", inspection, unit_id=ids["unit"], round_id=ids["round"],
               team_id=ids["team"], kind="planned", started_at="2026-11-22T01:00:00Z",
               checklist_version_ids=[ids["version"]], location="Trụ sở UBND")


def full_inspection(device, ids) -> list[float]:
    """Seconds to push create + 80 answers in one batch, several times."""
    runs = []
    for _ in range(FULL_RUNS):
        key = str(uuid.uuid4())
        ops = [_create(ids, key)] + [_answer(ids, key, n, _value(n)) for n in range(1, ITEMS + 1)]
        start = time.perf_counter()
        results = device.push(ops)
        runs.append(time.perf_counter() - start)
        assert results == ["applied"] * len(ops), results
    return runs


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by the gunicorn workers, from /proc."""
    total = 0.0
    for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


@dataclass
class Rate:
    per_second: float
    errors: int
    server_cpu_ms: float  # the workers' CPU time per request, whatever the clients cost


def rate(fn, clients: int, seconds: float, max_requests: int, server) -> Rate:
    """Requests per second with `clients` threads, bounded by time and count; errors; and the
    server's CPU time per request."""
    lock = threading.Lock()
    done, errors = [0], [0]
    deadline = time.perf_counter() + seconds

    def worker(n):
        while time.perf_counter() < deadline:
            with lock:
                if done[0] + errors[0] >= max_requests:
                    return
            ok = fn(n)
            with lock:
                done[0 if ok else 1] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    cpu = server_cpu_seconds(server)
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    served = max(done[0] + errors[0], 1)
    return Rate(done[0] / elapsed, errors[0], (server_cpu_seconds(server) - cpu) / served * 1000)


def photo_bytes(rng: random.Random) -> bytes:
    """A 1600×1200 JPEG of about 300 KB, as the device sends after shrinking."""
    from PIL import Image, ImageFilter

    noise = Image.effect_noise((1600, 1200), 60).filter(ImageFilter.GaussianBlur(1.2))
    im = Image.merge("RGB", [noise.point(lambda v, k=k: (v + k) % 256) for k in
                             (rng.randrange(256), rng.randrange(256), rng.randrange(256))])
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=55)
    return buf.getvalue()


def photos(device, ids, base) -> tuple[float, float, int] | None:
    """Seconds for 30 photo.add ops in one push, and for their 30 uploads; None if no endpoint."""
    import hashlib

    status, _ = device.request("HEAD", "/api/photos/" + "0" * 64)
    if status in (405, 501) or (status == 404 and not _route_exists(base)):
        return None
    rng = random.Random(7)
    images = [photo_bytes(rng) for _ in range(PHOTOS)]
    key = str(uuid.uuid4())
    device.push([_create(ids, key)])
    ops = [_op("photo.add", key, uuid=str(uuid.uuid4()), sha256=hashlib.sha256(b).hexdigest(),
               checklist_version_id=ids["version"], item_id="B-01", caption="Ảnh đo",
               width=1600, height=1200, size_bytes=len(b)) for b in images]
    start = time.perf_counter()
    assert device.push(ops) == ["applied"] * PHOTOS
    ops_time = time.perf_counter() - start
    start = time.perf_counter()
    for b in images:
        status, body = device.request("PUT", "/api/photos/" + hashlib.sha256(b).hexdigest(), b,
                                      "image/jpeg")
        assert status in (200, 201), body[:300]
    return ops_time, time.perf_counter() - start, sum(map(len, images)) // PHOTOS


def _route_exists(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/api/openapi.json", timeout=10) as resp:
            return "/api/photos/{sha256}" in json.loads(resp.read())["paths"]
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(env: dict, port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        sys.exit("gunicorn is needed: .venv/bin/pip install -e '.[test]'")
    proc = subprocess.Popen(
        [str(gunicorn), "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         "--chdir", str(ROOT), "--pythonpath", str(ROOT / "bench"), "bench_push:make_bench_app()"],
        env={**os.environ, **env})
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    sys.exit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="time limit per rate loop")
    parser.add_argument("--requests", type=int, default=3000, help="request limit per rate loop")
    parser.add_argument("--clients", type=int, default=2, help="concurrent client threads")
    parser.add_argument("--database-url", help="an EMPTY database to use instead of a temporary "
                        "SQLite file, e.g. postgresql+psycopg://postgres@127.0.0.1/bench_push")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-push-") as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        args.database = url.split(":", 1)[0].split("+", 1)[0]
        env = {"DATABASE_URL": url, "STORAGE_DIR": f"{tmp}/storage",
               "SECRET_KEY": "bench-secret", "INSPECT_ENV": "development", "INSPECT_HTTPS": "0"}
        ids = prepare_database(env)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = serve(env, port)
        try:
            report(base, ids, args, server)
        finally:
            server.terminate()
            server.wait(timeout=10)


def report(base: str, ids: dict, args, server) -> None:
    device = Device(base)
    device.sign_in()
    print(f"gunicorn, 2 sync workers, {args.database}; {args.clients} client threads, "
          f"≤ {args.seconds:.0f} s and ≤ {args.requests} requests per loop")

    runs = full_inspection(device, ids)
    print(f"(a) one inspection, create + {ITEMS} answers in one push: median "
          f"{statistics.median(runs) * 1000:.0f} ms (min {min(runs) * 1000:.0f}, "
          f"max {max(runs) * 1000:.0f}, {FULL_RUNS} runs)")

    key = str(uuid.uuid4())
    device.push([_create(ids, key)])
    devices = [device] + [Device(base) for _ in range(args.clients - 1)]
    for d in devices[1:]:
        d.sign_in()

    def small_push(n):
        i = random.randrange(1, ITEMS + 1)
        return devices[n].push([_answer(ids, key, i, _value(i))]) == ["applied"]

    def hello(n):
        status, _ = Device(base).request("GET", "/bench/hello")
        return status == 200

    def write(n):
        status, _ = Device(base).request("POST", "/bench/write", b"", "text/plain")
        return status == 200

    bare = rate(hello, args.clients, args.seconds, args.requests, server)
    writes = rate(write, args.clients, args.seconds, args.requests, server)
    pushes = rate(small_push, args.clients, args.seconds, args.requests, server)
    for name, r in (("bare Flask route", bare), ("one row committed", writes),
                    ("one-answer push", pushes)):
        print(f"{'(b)' if r is bare else '   '} {name + ':':19}{r.per_second:6.0f} req/s "
              f"({r.errors} errors), server CPU {r.server_cpu_ms:.2f} ms a request")
    print(f"    ratio push / bare: {pushes.per_second / bare.per_second:.2f}   "
          f"push / one row committed: {pushes.per_second / writes.per_second:.2f}   "
          f"(one row committed / bare: {writes.per_second / bare.per_second:.2f}, the most any "
          "durable write reaches here)")

    result = photos(device, ids, base)
    if result is None:
        print("(c) photos skipped: no PUT /api/photos/<sha256> on this server")
    else:
        ops_time, upload_time, size = result
        print(f"(c) {PHOTOS} photos of ~{size // 1000} KB: photo.add ops in one push "
              f"{ops_time * 1000:.0f} ms; uploads one by one {upload_time:.2f} s "
              f"({upload_time / PHOTOS * 1000:.0f} ms each)")


if __name__ == "__main__":
    main()
