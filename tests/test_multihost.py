"""Three app hosts behind nginx, on one PostgreSQL database, with the issue worker: a device
pushes a full inspection through nginx while one host is killed mid-push and comes back. Every
record arrives once, the minutes are issued once, and their PDF downloads through every host.
Files go to one shared folder, or to the object store with a folder of its own per host (so
nothing can pass between hosts on local disk). PostgreSQL only (TEST_DATABASE_URL): on SQLite
the tests are skipped."""
import hashlib
import http.cookiejar
import json
import re
import threading
import time
import urllib.error
import urllib.request

import pytest
from sqlalchemy import func, select

from inspect_app.audit.models import AuditEvent
from inspect_app.documents.models import RegisteredDocument
from inspect_app.extensions import db
from inspect_app.inspections.models import Attendance, Inspection, Response, ResponseRevision
from inspect_app.inspections.sync_models import SyncOp
from inspect_app.minutes.models import IssueJob, Minutes
from inspect_app.photos.models import Photo

from .concurrency import on_postgres
from .conftest import TEST_PASSWORD
from .minutes.site import SEEDS, jpeg, new_id, op, sha, site_fixture  # noqa: F401 (fixture)
from .nginx_stack import behind_nginx, host_envs, issue_worker, needs_nginx, stop, tls_context
from .objectstore import object_store  # noqa: F401 (fixture)

pytestmark = needs_nginx
EXTRA_PHOTOS = 12
RETRIED = (502, 503, 504)


class Device:
    """The offline app's part that matters here: a session, and an outbox that sends the same
    ops again (same op ids) until the server has answered for them."""

    def __init__(self, base: str):
        self.base, self.csrf, self.retries = base, None, 0
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            urllib.request.HTTPSHandler(context=tls_context()))

    def request(self, method, path, data=None, content_type=None, base=None):
        req = urllib.request.Request((base or self.base) + path, data=data, method=method)
        req.add_header("Referer", (base or self.base) + "/")  # Flask-WTF checks it on HTTPS
        if content_type:
            req.add_header("Content-Type", content_type)
        if self.csrf:
            req.add_header("X-CSRFToken", self.csrf)
        for _ in range(40):
            try:
                with self.opener.open(req, timeout=30) as resp:
                    return resp.status, resp.read()
            except urllib.error.HTTPError as err:
                with err:
                    if err.code not in RETRIED:
                        return err.code, err.read()
            except OSError:
                pass
            self.retries += 1
            time.sleep(0.25)
        raise AssertionError(f"{method} {path}: no answer after 40 tries")

    def sign_in(self, username: str) -> None:
        _, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = f"username={username}&password={TEST_PASSWORD}&csrf_token={token.decode()}"
        status, page = self.request("POST", "/login", form.encode(),
                                    "application/x-www-form-urlencoded")
        assert status == 200, page[:300]
        status, body = self.request("GET", "/api/sync/pull")
        assert status == 200, body[:300]
        self.csrf = json.loads(body)["csrf_token"]

    def push(self, ops) -> None:
        status, body = self.request("POST", "/api/sync/push",
                                    json.dumps({"device_id": "phone-1", "ops": ops}).encode(),
                                    "application/json")
        assert status == 200, body[:300]
        assert {r["status"] for r in json.loads(body)["results"]} == {"applied"}, body[:500]

    def upload(self, data: bytes, content_type: str) -> None:
        status, body = self.request("PUT", f"/api/photos/{sha(data)}", data, content_type)
        assert status in (200, 201), body[:300]


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_three_hosts_on_one_folder_one_killed_mid_push(app, site, tmp_path):
    _three_hosts_one_killed_mid_push(app, site, tmp_path,
                                     {"STORAGE_DIR": app.config["STORAGE_DIR"]})


def test_three_hosts_on_the_object_store_one_killed_mid_push(app, site, tmp_path, object_store):
    bucket = object_store.new_bucket()
    minutes = _three_hosts_one_killed_mid_push(
        app, site, tmp_path, object_store.config(bucket),
        own_folders=[tmp_path / f"host-{n}" for n in range(3)])
    keys = list(object_store.storage(bucket, "files").keys())
    images = len(site.photos) + EXTRA_PHOTOS + len(site.signatures)
    assert sum(k.startswith("photos/") for k in keys) == images
    assert f"minutes/{minutes.pdf_sha256[:2]}/{minutes.pdf_sha256}.pdf" in keys
    # Nothing went to a host's own disk: each would have been a copy the others cannot see.
    assert [p for n in range(3) for p in (tmp_path / f"host-{n}").rglob("*") if p.is_file()] == []


def _three_hosts_one_killed_mid_push(app, site, tmp_path, storage_env, own_folders=None):
    """The whole story; returns the issued minutes. `own_folders`, if given, is each host's
    STORAGE_DIR."""
    if not on_postgres(app):
        pytest.skip("several hosts share a PostgreSQL database (TEST_DATABASE_URL)")
    envs = host_envs(app, tmp_path, storage_env, own_folders)
    worker = None
    with behind_nginx(tmp_path, envs) as stack:
        try:
            device = Device(stack.base)
            device.sign_in(site.lead.username)
            key = new_id()
            extra = [jpeg(next(SEEDS)) for _ in range(EXTRA_PHOTOS)]
            ops = site.work(key) + [
                op("photo.add", key, uuid=new_id(), sha256=sha(b), checklist_version_id=None,
                   item_id=None, captured_at="2026-11-22T03:00:00Z", caption=f"Ảnh {n}")
                for n, b in enumerate(extra)]
            sent = threading.Event()

            def phone():  # ops two at a time, then every photo: many requests, one host killed
                for i in range(0, len(ops), 2):
                    device.push(ops[i:i + 2])
                    sent.set()
                for data in site.photos + extra:
                    device.upload(data, "image/jpeg")
            pushing = threading.Thread(target=phone)
            pushing.start()
            assert sent.wait(30)
            stack.kill(1)  # mid-push: whatever it was answering is cut
            time.sleep(0.5)
            stack.restart(1)
            pushing.join(120)
            assert not pushing.is_alive()

            device.push([site.sign(key)])  # hashed on the server's record, as the device's is
            for data in site.signatures:  # the last image: its upload enqueues the issue
                device.upload(data, "image/png")
            db.session.expire_all()
            assert db.session.scalar(select(Minutes.status)) == "signed"
            worker = issue_worker(envs[0])
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                db.session.expire_all()
                if db.session.scalar(select(Minutes.status)) == "issued":
                    break
                time.sleep(0.3)

            db.session.expire_all()
            inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == key))
            here = Inspection.id == inspection.id
            assert _count(SyncOp) == len(ops) + 1  # each op applied once, retries included
            assert _count(Response, Response.inspection_id == inspection.id) == 7
            assert _count(ResponseRevision) == 0  # no answer applied twice
            assert _count(Attendance, Attendance.inspection_id == inspection.id) == 3
            assert _count(Photo, Photo.inspection_id == inspection.id) == 3 + EXTRA_PHOTOS
            assert _count(Photo, Photo.stored.is_(False)) == 0
            assert _count(AuditEvent, AuditEvent.action == "photo.uploaded") == 3 + EXTRA_PHOTOS + 2
            [minutes] = db.session.scalars(select(Minutes)).all()
            assert (minutes.status, minutes.number) == ("issued", "01/BB-ĐKT")
            assert db.session.scalar(select(Inspection.status).where(here)) == "issued"
            assert _count(RegisteredDocument) == 1
            assert _count(AuditEvent, AuditEvent.action == "minutes.issued") == 1
            [job] = db.session.scalars(select(IssueJob)).all()
            assert job.done_at is not None and job.attempts == 1
            for base in [f"http://127.0.0.1:{p}" for p in stack.ports] + [device.base]:
                status, pdf = device.request("GET", f"/minutes/{minutes.public_id}.pdf", base=base)
                assert status == 200 and hashlib.sha256(pdf).hexdigest() == minutes.pdf_sha256, base
            print(f"device retries while a host was down: {device.retries}")
            return minutes
        finally:
            if worker:
                stop(worker)
