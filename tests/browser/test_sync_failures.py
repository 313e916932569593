"""Sync when the network or the session fails: nothing is lost, nothing is applied twice."""
import urllib.error
import urllib.request

from playwright.sync_api import expect
from sqlalchemy import func, select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response
from inspect_app.inspections.sync_models import SyncOp
from inspect_app.org.models import User
from inspect_app.photos.models import Photo
from tests.conftest import TEST_PASSWORD

from .conftest import jpeg

AUTH = "Phiên đăng nhập đã hết hạn hoặc tài khoản bị thu hồi — hãy đăng nhập lại khi có mạng"


def _inspection_offline(phone) -> str:
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Đạt")
    phone.answer("KL-02", "Không đạt")
    phone.fill("KL-03", "0")
    phone.attach_photos("KL-02", [
        {"name": "a.jpg", "mimeType": "image/jpeg", "buffer": jpeg((800, 600))}])
    return uuid


def _counts(app, uuid):
    with app.app_context():
        inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == uuid))
        counts = None if inspection is None else (
            db.session.scalar(select(func.count()).select_from(Response).where(
                Response.inspection_id == inspection.id)),
            db.session.scalar(select(func.count()).select_from(Photo).where(
                Photo.inspection_id == inspection.id, Photo.stored)),
            db.session.scalar(select(func.count()).select_from(SyncOp).where(
                SyncOp.inspection_uuid == uuid)),
        )
        db.session.remove()
    return counts


def test_push_cut_after_the_server_applied_it_is_retried_and_applied_once(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    uuid = _inspection_offline(phone)
    ops = phone.outbox()
    assert len(ops) == 5

    pushes = []
    network = {"back": False}

    def cut_first_push(route):
        pushes.append(route.request.post_data_json["ops"])
        if len(pushes) == 1:
            route.fetch()   # the server receives and applies the batch…
            route.abort()   # …and the phone never hears back
        elif network["back"]:
            route.continue_()
        else:
            route.abort("internetdisconnected")

    phone.context.route("**/api/sync/push", cut_first_push)
    synced = phone.syncs_done()
    phone.online()
    # The failure is said, the ops stay queued, and a retry is planned (backoff).
    expect(phone.page.locator("#sync-status")).to_contain_text("thử lại sau")
    assert [op["op_id"] for op in phone.outbox()] == [op["op_id"] for op in ops]
    assert _counts(app, uuid) == (3, 1, 5)  # applied once, already

    network["back"] = True
    phone.wait_synced(synced)  # a retry, after the backoff delay
    # The same ops, replayed as they were made.
    assert len(pushes) >= 2 and all(p == pushes[0] for p in pushes)
    assert phone.outbox() == []
    phone.page.goto("/app#/")
    expect(phone.badge(uuid)).to_have_text("đã đồng bộ")
    assert _counts(app, uuid) == (3, 1, 5)  # and still once


def test_network_lost_before_the_push_keeps_everything_queued(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    uuid = _inspection_offline(phone)
    phone.context.route("**/api/sync/push", lambda route: route.abort("internetdisconnected"))
    phone.online()
    expect(phone.page.locator("#sync-status")).to_contain_text("thử lại sau")
    assert len(phone.outbox()) == 5
    assert _counts(app, uuid) is None
    phone.page.goto("/app#/")
    expect(phone.badge(uuid)).to_contain_text("đang chờ đồng bộ 3 câu trả lời, 1 ảnh")

    phone.context.unroute("**/api/sync/push")
    phone.sync()
    assert phone.outbox() == []
    assert _counts(app, uuid) == (3, 1, 5)


def test_expired_session_says_so_and_keeps_the_data(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    uuid = _inspection_offline(phone)
    with app.app_context():  # the office revokes the account's sessions
        user = db.session.get(User, world.inspector_id)
        user.token_version += 1
        db.session.commit()
        db.session.remove()

    phone.online()
    alert = phone.page.locator("#alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(AUTH)
    assert len(phone.outbox()) == 5
    phone.page.goto("/app#/")
    expect(phone.badge(uuid)).to_contain_text("đang chờ đồng bộ 3 câu trả lời, 1 ảnh")
    assert _counts(app, uuid) is None

    # Signing in again sends everything that waited.
    alert.get_by_role("link", name="Đăng nhập").click()
    phone.page.wait_for_url("**/login?next=/app")
    phone.page.fill("input[name=username]", phone.username)
    phone.page.fill("input[name=password]", TEST_PASSWORD)
    phone.page.click("button[type=submit]")
    phone.page.wait_for_url("**/app")
    phone.wait_ready()
    phone.wait_synced()  # a new page: its first completed sync
    expect(phone.badge(uuid)).to_have_text("đã đồng bộ")
    assert _counts(app, uuid) == (3, 1, 5)


def _without_the_cookie(route):
    """Send the request on as a phone whose session cookie is gone (expired, cleared) would."""
    request = route.request
    headers = {k: v for k, v in request.headers.items() if k.lower() != "cookie"}
    sent = urllib.request.Request(request.url, data=request.post_data_buffer, headers=headers,
                                  method=request.method)
    try:
        with urllib.request.urlopen(sent) as answer:
            status, body, kind = answer.status, answer.read(), answer.headers["Content-Type"]
    except urllib.error.HTTPError as err:
        status, body, kind = err.code, err.read(), err.headers["Content-Type"]
    route.fulfill(status=status, body=body, content_type=kind)


def test_push_without_a_session_asks_to_sign_in_and_keeps_the_outbox(app, devices, world):
    phone = devices("kiemtra1").sign_in()
    uuid = _inspection_offline(phone)
    statuses = []
    phone.page.on("response", lambda r: "/api/sync/push" in r.url and statuses.append(r.status))
    phone.context.route("**/api/sync/push", _without_the_cookie)

    phone.online()
    alert = phone.page.locator("#alert")
    expect(alert).to_contain_text(AUTH)
    assert statuses == [401]
    assert len(phone.outbox()) == 5
    assert _counts(app, uuid) is None
    phone.page.goto("/app#/")
    expect(phone.badge(uuid)).to_contain_text("đang chờ đồng bộ 3 câu trả lời")

    phone.context.unroute("**/api/sync/push")
    phone.sync()
    assert phone.outbox() == []
    assert _counts(app, uuid) == (3, 1, 5)


def test_a_batch_of_photos_over_a_proxys_limit_is_sent_again_a_photo_at_a_time(app, devices,
                                                                               world):
    """A proxy in front of the server refuses the batch as too large (413, as nginx does over its
    client_max_body_size): the phone sends each photo alone, and none is marked refused."""
    phone = devices("kiemtra1").sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.attach_photos("KL-02", [{"name": f"{n}.jpg", "mimeType": "image/jpeg",
                                   "buffer": jpeg((800, 600), colour=(40 * n, 90, 30))}
                                  for n in range(3)])
    batches = []

    def too_large_at_first(route):
        batches.append(route.request.url)
        if len(batches) == 1:
            route.fulfill(status=413, content_type="application/json",
                          body='{"error": "Tệp tải lên quá lớn."}')
        else:
            route.continue_()
    phone.context.route("**/api/photos/batch", too_large_at_first)
    phone.come_online()
    assert len(batches) == 4  # the batch of three, then each photo alone
    assert _counts(app, uuid)[1] == 3
    expect(phone.item("KL-02").locator("figcaption.error")).to_have_count(0)
    assert phone.outbox() == []
