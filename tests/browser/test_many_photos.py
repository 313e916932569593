"""Sixty photos over a slow link that breaks half-way: all of them reach the server, once, and
none already received is sent again."""
import io
from collections import Counter

from PIL import Image
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.photos.models import Photo

from .proxy import SlowLink

ITEMS = ("KL-01", "KL-02", "KL-03", "KL-04", "KL-05", "KL-06")


# The app's batch upload (static/js/sync.js) carries at most this many photos.
UPLOAD_PHOTOS = 10
# Which photos each batch upload carried (its parts are named by their hashes) and its HTTP
# status, null when the link broke: the browser does not show a FormData of blobs to Playwright.
RECORD_BATCHES = """(() => {
  window.sentPhotos = [];
  const send = window.fetch;
  window.fetch = async (url, init) => {
    if (!String(url).endsWith('/api/photos/batch')) return send(url, init);
    const sent = [...init.body.keys()].map((sha) => [sha, null]);
    window.sentPhotos.push(...sent);
    const response = await send(url, init);
    for (const entry of sent) entry[1] = response.status;
    return response;
  };
})()"""


def _sent(phone) -> list[tuple[str, int | None]]:
    return [tuple(entry) for entry in phone.page.evaluate("window.sentPhotos")]


def _photo(n: int) -> dict:
    """A distinct photo of about 200 KB once the phone has stored it (noise compresses badly)."""
    noise = Image.effect_noise((800, 600), 30 + n).convert("RGB")
    buf = io.BytesIO()
    Image.blend(noise, Image.new("RGB", noise.size, (n * 4, 120, 200)), 0.5).save(buf, "JPEG",
                                                                                   quality=90)
    return {"name": f"anh-{n:02}.jpg", "mimeType": "image/jpeg", "buffer": buf.getvalue()}


def test_sixty_photos_over_a_slow_link_cut_half_way_arrive_once(app, devices, world, server):
    with SlowLink(server.url(), up_bytes_per_second=400_000) as link:
        phone = devices("kiemtra1", base_url=link.url).sign_in()
        phone.page.evaluate(RECORD_BATCHES)  # the app is already open: no reload until the end

        phone.offline()
        uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
        for section, items in (("Giờ giấc và thẻ công chức", ITEMS[:3]),
                               ("Niêm yết và một cửa", ITEMS[3:])):
            phone.open_section(uuid, section)
            for item_id in items:
                first = ITEMS.index(item_id) * 10
                phone.attach_photos(item_id, [_photo(first + n) for n in range(10)], camera=False)
        phone.page.goto("/app#/")
        assert phone.page.evaluate(
            "async () => (await (await import('/static/js/store.js')).getAll('photos')).length") == 60

        # Back in (weak) signal: the upload starts by itself; the link breaks after 20 photos.
        phone.online()
        phone.page.wait_for_function(
            "() => window.sentPhotos.filter(([, status]) => status === 200).length >= 20",
            timeout=120_000)
        link.cut()
        phone.page.wait_for_function(
            "() => document.getElementById('sync-status').dataset.phase === 'retry'", timeout=30_000)
        received_before_cut = {sha for sha, status in _sent(phone) if status == 200}
        assert 20 <= len(received_before_cut) < 60

        link.restore()
        phone.sync(timeout=120_000)  # the 40 or so photos left, over the slow link
        assert phone.outbox() == []
        times = Counter(sha for sha, _ in _sent(phone))

    assert all(times[sha] == 1 for sha in received_before_cut)  # never sent again
    assert sum(times.values()) <= 60 + UPLOAD_PHOTOS  # at most the batch cut half-way twice
    with app.app_context():
        inspection = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).one()
        photos = db.session.scalars(select(Photo).where(Photo.inspection_id == inspection.id)).all()
        assert len(photos) == 60 and all(p.stored for p in photos)
        assert len({p.sha256 for p in photos}) == 60 == len(times)
        assert Counter(p.item_id for p in photos) == {item_id: 10 for item_id in ITEMS}
