"""A photo's location is recorded only when the inspector ticks "ghi vị trí"."""
from playwright.sync_api import expect

from .conftest import jpeg

HANOI = {"latitude": 21.0285, "longitude": 105.8542}


def test_location_is_recorded_only_when_asked(devices, world):
    phone = devices("kiemtra1", geolocation=HANOI, permissions=["geolocation"]).sign_in()
    phone.offline()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    photo = {"name": "a.jpg", "mimeType": "image/jpeg", "buffer": jpeg((640, 480))}

    phone.attach_photos("KL-01", [photo])                     # not ticked: no location
    phone.item("KL-01").locator("input.locate").check()       # "ghi vị trí"
    phone.attach_photos("KL-01", [photo])
    phone.page.reload()                                       # the choice is remembered
    phone.wait_ready()
    expect(phone.item("KL-02").locator("input.locate")).to_be_checked()
    phone.item("KL-02").locator("details.more summary").click()
    phone.item("KL-02").locator("input.locate").uncheck()
    phone.attach_photos("KL-02", [photo])

    added = [op["data"] for op in phone.outbox() if op["type"] == "photo.add"]
    assert [(d["item_id"], d["latitude"], d["longitude"]) for d in added] == [
        ("KL-01", None, None), ("KL-01", HANOI["latitude"], HANOI["longitude"]),
        ("KL-02", None, None)]
    # Same bytes, same hash: the evidence is named by its content, not by where it was taken.
    assert len({d["sha256"] for d in added}) == 1
    assert all(d["captured_at"] and d["width"] == 640 and d["height"] == 480 for d in added)
