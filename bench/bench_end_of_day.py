"""The end-of-day burst: N devices push full inspections (80 answers, 30 photos of ~300 KB)
through nginx to 1 and to 3 app hosts (gunicorn, deploy/gunicorn.conf.py, one worker each) on
PostgreSQL and the object store (moto over HTTP, on the same machine; `--storage local`
for one folder instead); prints inspections per minute, photos per second, p95 push latency,
the app hosts' CPU per photo, and the projection for a province's and the country's last day
of a round.

Issuing the minutes is not included (bench_minutes.py measures it).

Run: .venv/bin/python bench/bench_end_of_day.py --database-url postgresql+psycopg://postgres@127.0.0.1/bench_eod
     [--devices 4] [--inspections 2] [--storage object-store|local] [--hosts 1,3] [--batch 6]
     (the database must exist and be empty)
"""
import argparse
import hashlib
import http.cookiejar
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_push import (
    ITEMS,
    PASSWORD,
    PHOTOS,
    _answer,
    _create,
    _op,
    _value,
    photo_bytes,
    prepare_database,
    server_cpu_seconds,
)

from tests import multipart
from tests.nginx_stack import (
    free_port,
    gunicorn,
    nginx_conf,
    start_nginx,
    stop,
    tls_context,
    wait_for,
)
from tests.objectstore import running_object_store

COMMUNES = 3321
PROVINCE = 100  # communes of a province after the 2025 mergers, about
GOAL_MINUTES = 15


class Device:
    def __init__(self, base: str):
        self.base, self.csrf = base, None
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.HTTPSHandler(context=tls_context()))

    def request(self, method, path, data=None, content_type=None):
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Referer", self.base + "/")  # Flask-WTF checks it on HTTPS
        if content_type:
            req.add_header("Content-Type", content_type)
        if self.csrf:
            req.add_header("X-CSRFToken", self.csrf)
        try:
            with self.opener.open(req, timeout=120) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as err:
            with err:
                return err.code, err.read()

    def sign_in(self) -> None:
        _, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = f"username=bench&password={PASSWORD}&csrf_token={token.decode()}".encode()
        self.request("POST", "/login", form, "application/x-www-form-urlencoded")
        status, body = self.request("GET", "/api/sync/pull")
        assert status == 200, body[:300]
        self.csrf = json.loads(body)["csrf_token"]


def one_inspection(device: Device, ids: dict, images: list[bytes], latencies: list,
                   batch: int) -> None:
    key = str(uuid.uuid4())
    ops = [_create(ids, key)] + [_answer(ids, key, n, _value(n)) for n in range(1, ITEMS + 1)]
    ops += [_op("photo.add", key, uuid=str(uuid.uuid4()), sha256=hashlib.sha256(b).hexdigest(),
                checklist_version_id=ids["version"], item_id="B-01", caption="Ảnh",
                width=1600, height=1200, size_bytes=len(b)) for b in images]
    start = time.perf_counter()
    status, body = device.request("POST", "/api/sync/push",
                                  json.dumps({"device_id": "bench", "ops": ops}).encode(),
                                  "application/json")
    latencies.append(time.perf_counter() - start)
    assert status == 200, body[:300]
    if batch == 1:
        for b in images:
            status, body = device.request("PUT", "/api/photos/" + hashlib.sha256(b).hexdigest(),
                                          b, "image/jpeg")
            assert status in (200, 201), body[:300]
        return
    for i in range(0, len(images), batch):
        form, content_type = multipart.form([(hashlib.sha256(b).hexdigest(), "image/jpeg", b)
                                             for b in images[i:i + batch]])
        status, body = device.request("POST", "/api/photos/batch", form, content_type)
        assert status == 200 and all(r["stored"] for r in json.loads(body)["results"]), body[:300]


def photo_check_ms(image: bytes) -> float:
    """This machine's speed right now: the median CPU time of the upload's check of one photo
    (the reduced-scale decode and the thumbnail, most of a photo's CPU). The shared 2-core VM
    varies by a fifth within an hour; a run's figures are comparable with this beside them."""
    from inspect_app.photos import processing

    times = []
    for _ in range(15):
        start = time.process_time()
        processing.inspect(image, max_bytes=10 << 20, max_pixels=40_000_000,
                           thumbnail_px=processing.THUMBNAIL_PX)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def burst(hosts: int, env: dict, ids: dict, args, tmp: Path) -> dict:
    ports = [free_port() for _ in range(hosts)]
    https = free_port()
    folder = tmp / f"nginx-{hosts}"
    folder.mkdir()
    web = [gunicorn(p, env) for p in ports]  # one sync worker a host
    proxy = start_nginx(nginx_conf(folder, https, free_port(), ports), folder)
    try:
        for p in ports:
            wait_for(f"http://127.0.0.1:{p}/healthz")
        base = f"https://127.0.0.1:{https}"
        devices = [Device(base) for _ in range(args.devices)]
        for d in devices:
            d.sign_in()
        rng = random.Random(hosts)
        # New bytes per inspection: stored photos would be skipped, not measured.
        work = [[photo_bytes(rng) for _ in range(PHOTOS)]
                for _ in range(args.devices * args.inspections)]
        latencies: list[float] = []
        cpu = sum(server_cpu_seconds(w) for w in web)
        start = time.perf_counter()
        threads = [threading.Thread(target=lambda i=i: [
            one_inspection(devices[i], ids, work[i * args.inspections + j], latencies,
                           args.batch)
            for j in range(args.inspections)]) for i in range(args.devices)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        cpu = sum(server_cpu_seconds(w) for w in web) - cpu
    finally:
        stop(proxy)
        for w in web:
            stop(w)
    n = args.devices * args.inspections
    return {"hosts": hosts, "inspections": n, "elapsed": elapsed,
            "per_minute": n / elapsed * 60, "photos_per_s": n * PHOTOS / elapsed,
            "p95": statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else
            latencies[0], "cpu_per_photo_ms": cpu / (n * PHOTOS) * 1000, "cpu": cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="an EMPTY PostgreSQL database")
    parser.add_argument("--devices", type=int, default=4)
    parser.add_argument("--inspections", type=int, default=2, help="per device")
    parser.add_argument("--storage", choices=("object-store", "local"), default="object-store")
    parser.add_argument("--hosts", default="1,3", help="app hosts of each run, e.g. 1,3 or 3")
    parser.add_argument("--batch", type=int, default=6,
                        help="photos a request: 1 = a PUT each, more = POST /api/photos/batch "
                             "(the app sends at most 10 photos and 2 MB: 6 of these)")
    args = parser.parse_args()
    object_store = args.storage == "object-store"
    with tempfile.TemporaryDirectory(prefix="bench-eod-") as tmp, (
            running_object_store(Path(tmp) / "moto.log", keep_alive=True) if object_store
            else nullcontext()) as store:
        env = {**os.environ, "DATABASE_URL": args.database_url,
               "STORAGE_DIR": f"{tmp}/storage", "SECRET_KEY": "bench-secret",
               "INSPECT_ENV": "development", "TRUSTED_PROXY_COUNT": "1", "ISSUE_INLINE": "0",
               **(store.config(store.new_bucket()) if store else {})}
        ids = prepare_database(env)
        where = ("an S3 bucket (moto under gunicorn, keep-alive, same machine)" if store
                 else "one folder on local disk")
        sent = ("a PUT a photo" if args.batch == 1
                else f"{args.batch} photos a POST /api/photos/batch")
        print(f"{args.devices} devices × {args.inspections} inspections, each {ITEMS} answers "
              f"+ {PHOTOS} photos of ~300 KB ({sent}), through nginx (TLS) to {where}; "
              f"1 gunicorn worker a host; {os.cpu_count()} cores shared by everything")
        reference = photo_bytes(random.Random(0))
        for hosts in [int(n) for n in args.hosts.split(",")]:
            before = photo_check_ms(reference)
            r = burst(hosts, env, ids, args, Path(tmp))
            speed = (before + photo_check_ms(reference)) / 2
            # One 2-core host's CPU time for the whole burst, from the measured CPU per photo
            # (the inspection's 81 ops are counted in it).
            core_s = r["cpu"] / r["inspections"]
            country = COMMUNES * core_s / 2 / 60
            print(f"{hosts} app host(s): {r['per_minute']:.1f} inspections/min, "
                  f"{r['photos_per_s']:.1f} photos/s, p95 push {r['p95'] * 1000:.0f} ms, "
                  f"app CPU {r['cpu_per_photo_ms']:.1f} ms a photo ({core_s:.1f} CPU-s an "
                  f"inspection; the machine's speed: {speed:.1f} ms to check one photo)")
            print(f"   projection: a province ({PROVINCE} communes) "
                  f"{PROVINCE / r['per_minute']:.1f} min at this rate; the country "
                  f"({COMMUNES}) {COMMUNES / r['per_minute']:.0f} min at this rate, "
                  f"{country:.1f} min of one 2-core host's CPU (goal ≤ {GOAL_MINUTES})")


if __name__ == "__main__":
    main()
