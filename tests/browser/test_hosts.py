"""A phone in Chromium does a whole inspection offline (answers, photos, minutes signed by the
lead and the unit's representative), then syncs it through nginx to three app hosts on
PostgreSQL and the object store, each host with a folder of its own, while one host is killed
by its first photo and comes back. Everything arrives once, the worker issues the minutes once,
and their PDF downloads through every host. PostgreSQL only (TEST_DATABASE_URL)."""
import hashlib
import threading

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from inspect_app.documents.models import RegisteredDocument
from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response, ResponseRevision
from inspect_app.minutes.models import Minutes
from inspect_app.photos.models import Photo

from ..concurrency import on_postgres
from ..nginx_stack import behind_nginx, host_envs, issue_worker, needs_nginx, stop
from ..objectstore import object_store  # noqa: F401 (fixture)
from .conftest import CHROMIUM, jpeg
from .device import Device
from .test_minutes import _draft, _sign, _work

pytestmark = [pytest.mark.browser, needs_nginx]
COLOURS = [(200, 30, 30), (30, 160, 60), (40, 60, 200), (220, 180, 20)]


@pytest.fixture
def tls_browser(browser):
    """Chromium that accepts the test's own certificate (the service worker needs HTTPS here:
    the page comes through nginx's TLS, as phones reach the site)."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, headless=True,
                                           args=["--ignore-certificate-errors"])
    yield chromium
    chromium.close()


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_phone_syncs_a_signed_inspection_through_three_hosts_one_killed(
        app, world, tls_browser, object_store, tmp_path):
    if not on_postgres(app):
        pytest.skip("several hosts share a PostgreSQL database (TEST_DATABASE_URL)")
    bucket = object_store.new_bucket()
    folders = [tmp_path / f"host-{n}" for n in range(3)]
    envs = host_envs(app, tmp_path, object_store.config(bucket), folders)
    photos = [jpeg((1600, 1200), colour) for colour in COLOURS]
    with behind_nginx(tmp_path, envs) as stack:
        worker = issue_worker(envs[0])
        phone = Device(tls_browser, stack.base, "truongdoan", ignore_https_errors=True)
        try:
            phone.sign_in()
            phone.offline()
            uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
            phone.open_section(uuid, "Giờ giấc và thẻ công chức")
            phone.attach_photos("KL-01", [{"name": f"{n}.jpg", "mimeType": "image/jpeg",
                                           "buffer": b} for n, b in enumerate(photos)])
            _work(phone, uuid)
            _draft(phone, uuid)
            _sign(phone)

            killed = threading.Event()
            comeback = []

            def kill_at_first_photo(request):
                if (request.method == "POST" and "/api/photos/batch" in request.url
                        and not killed.is_set()):
                    killed.set()
                    stack.kill(1)  # whatever it was answering is cut
                    comeback.append(threading.Timer(1.0, stack.restart, [1]))
                    comeback[0].start()
            phone.context.on("request", kill_at_first_photo)
            phone.come_online(timeout=60_000)
            assert killed.is_set()
            comeback[0].join(30)

            # The worker issues the minutes; the phone learns it at its next sync.
            page = phone.page
            for _ in range(60):
                with app.app_context():
                    if db.session.scalar(select(Minutes.status)) == "issued":
                        break
                page.wait_for_timeout(500)
            phone.sync(timeout=60_000)
            page.goto(f"/app#/i/{uuid}")
            expect(page.locator(".minutes-status")).to_have_attribute("data-phase", "issued")
            assert phone.outbox() == []

            with app.app_context():
                inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == uuid))
                [minutes] = db.session.scalars(select(Minutes)).all()
                assert (minutes.status, minutes.number) == ("issued", "01/BB-ĐKT")
                assert _count(RegisteredDocument) == 1
                assert _count(Response, Response.inspection_id == inspection.id) == 5
                assert _count(ResponseRevision) == 0  # no answer applied twice
                assert _count(Photo, Photo.inspection_id == inspection.id) == len(photos)
                assert _count(Photo, Photo.stored.is_(False)) == 0
                stored = db.session.scalars(select(Photo.sha256).where(
                    Photo.inspection_id == inspection.id)).all()
            keys = set(object_store.storage(bucket, "files").keys())
            assert {f"photos/{sha[:2]}/{sha}.jpg" for sha in stored} <= keys
            # Every host serves the PDF another host's worker stored, from the bucket.
            for base in [f"http://127.0.0.1:{p}" for p in stack.ports] + [stack.base]:
                pdf = page.request.get(f"{base}/minutes/{minutes.public_id}.pdf")
                assert pdf.ok and hashlib.sha256(pdf.body()).hexdigest() == minutes.pdf_sha256
            assert [p for f in folders for p in f.rglob("*") if p.is_file()] == []
        except BaseException:
            print(phone.report())  # what the phone showed and logged
            raise
        finally:
            phone.close()
            stop(worker)
