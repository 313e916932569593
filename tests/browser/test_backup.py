"""Browser data cleared, or the phone lost, before it synced: the inspector's backup file, imported
by the office, brings the work to the server; importing again or syncing later duplicates nothing.
"""
import io
import zipfile
from pathlib import Path

from playwright.sync_api import expect
from sqlalchemy import func, select

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response
from inspect_app.inspections.sync_models import SyncOp
from inspect_app.org import roles
from inspect_app.photos.models import Photo

from .conftest import jpeg


def _work_offline(phone) -> str:
    """An inspection with answers, a note and two photos, made with no signal."""
    phone.offline()
    phone.page.reload()
    phone.wait_ready()
    uuid = phone.start_inspection("Xã Tân Lập", "Đợt kiểm tra tháng 11")
    phone.open_section(uuid, "Giờ giấc và thẻ công chức")
    phone.answer("KL-01", "Không đạt")
    phone.answer("KL-02", "Đạt")
    phone.fill("KL-03", "1")
    phone.attach_photos("KL-01", [
        {"name": "the.jpg", "mimeType": "image/jpeg", "buffer": jpeg((2000, 1500))},
        {"name": "ban.jpg", "mimeType": "image/jpeg", "buffer": jpeg((1500, 2000), (20, 90, 160))},
    ])
    return uuid


def _export(phone) -> bytes:
    """Tap "Xuất bản sao lưu" on the list screen; the saved file's bytes."""
    phone.page.goto("/app#/")
    with phone.page.expect_download() as download:
        phone.page.locator(".storage-panel button.backup-export").click()
    expect(phone.page.locator(".storage-panel .backup-result")).to_contain_text(
        "Đã lưu tệp sao-luu-kiemtra1-")
    assert download.value.suggested_filename.startswith("sao-luu-kiemtra1-")
    return Path(download.value.path()).read_bytes()


def _import(office, data: bytes, name: str = "sao-luu.zip"):
    """Upload a backup on the office's import page; the page's result or error text."""
    office.page.goto("/admin/backups/import")
    office.page.set_input_files("input[type=file]", {
        "name": name, "mimeType": "application/zip", "buffer": data})
    office.page.get_by_role("button", name="Nhập").click()
    office.page.wait_for_load_state()


def _held(app, uuid):
    with app.app_context():
        inspections = db.session.scalars(select(Inspection).where(Inspection.uuid == uuid)).all()
        assert len(inspections) == 1
        answers = {r.item_id: r.value for r in db.session.scalars(
            select(Response).where(Response.inspection_id == inspections[0].id))}
        photos = db.session.scalar(select(func.count()).select_from(Photo).where(
            Photo.inspection_id == inspections[0].id))
        ops = db.session.scalar(select(func.count()).select_from(SyncOp))
        return answers, photos, ops


def test_backup_of_a_phone_that_never_synced_reaches_the_server_once(app, devices, world,
                                                                        make_user):
    with app.app_context():
        make_user(roles.ADMIN, username="vanphong")
    phone = devices("kiemtra1").sign_in()
    uuid = _work_offline(phone)
    data = _export(phone)

    # What the file holds: the manifest, the outbox, both photos, a readable copy.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert names[0] == "manifest.json" and "ops.json" in names and "inspections.json" in names
    assert len([n for n in names if n.startswith("images/")]) == 2

    office = devices("vanphong")
    office.log_in("/admin/backups/import")

    # A damaged file (one byte changed in a photo) is refused whole, with the reason.
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0xFF
    _import(office, bytes(damaged))
    expect(office.page.locator(".form")).to_contain_text("hỏng")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Inspection).where(
            Inspection.uuid == uuid)) == 0

    # The phone is lost: the office imports its backup.
    _import(office, data)
    result = office.page.locator("#ket-qua")
    expect(result).to_contain_text("Đã nhập bản sao lưu của kiemtra1")
    expect(result).to_contain_text("0 thao tác bị từ chối; 2 ảnh (0 bị từ chối)")
    answers, photos, ops = _held(app, uuid)
    assert answers == {"KL-01": "no", "KL-02": "no", "KL-03": 1}
    assert photos == 2

    # The same file again: every op already there.
    _import(office, data)
    expect(result).to_contain_text("0 thao tác mới được ghi nhận")
    assert _held(app, uuid) == (answers, photos, ops)

    # The phone was not lost after all: it syncs, and nothing is doubled.
    phone.come_online()
    phone.page.goto("/app#/")
    expect(phone.badge(uuid)).to_have_text("đã đồng bộ")
    assert phone.outbox() == []
    assert _held(app, uuid) == (answers, photos, ops)


def test_backup_made_after_part_of_the_work_synced_imports_only_the_rest(app, devices, world,
                                                                           make_user):
    with app.app_context():
        make_user(roles.ADMIN, username="vanphong")
    phone = devices("kiemtra1").sign_in()
    uuid = _work_offline(phone)
    phone.come_online()
    phone.offline()
    phone.open_section(uuid, "Niêm yết và một cửa")
    phone.fill("KL-04", "40")
    data = _export(phone)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [n for n in archive.namelist() if n.startswith("images/")]  # on the server

    office = devices("vanphong")
    office.log_in("/admin/backups/import")
    _import(office, data)
    expect(office.page.locator("#ket-qua")).to_contain_text("1 thao tác mới được ghi nhận")
    answers, photos, _ = _held(app, uuid)
    assert answers == {"KL-01": "no", "KL-02": "no", "KL-03": 1, "KL-04": 40}
    assert photos == 2
