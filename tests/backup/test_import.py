"""Importing a device backup: idempotent with sync, refused whole when damaged or foreign."""
import hashlib
import io

import pytest
from sqlalchemy import func, select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response
from inspect_app.org import roles
from inspect_app.photos.models import Photo

from ..inspections.conftest import answer_op, create_op, new_id, op, push, sign_in, statuses
from ..photos.images import jpeg
from .archive import make_backup


def _work(field, photo: bytes):
    """A day's unsynced work: a new inspection, two answers, one photo of an item."""
    key = new_id()
    return key, [
        create_op(field, key),
        answer_op(field, key, "T-01", "no", note="Vắng 2 người không lý do"),
        answer_op(field, key, "T-03", 3),
        op("photo.add", key, uuid=new_id(), sha256=hashlib.sha256(photo).hexdigest(),
           checklist_version_id=field.version.id, item_id="T-01",
           captured_at="2026-11-22T02:10:00Z", caption="Bàn làm việc trống"),
    ]


def _counts():
    return (db.session.scalar(select(func.count(Inspection.id))),
            db.session.scalar(select(func.count(Response.id))),
            db.session.scalar(select(func.count(Photo.id))))


def _import(client, data: bytes, name="sao-luu.zip"):
    return client.post("/admin/backups/import", data={"backup": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.fixture
def admin_client(client, make_user):
    sign_in(client, make_user(roles.ADMIN))
    return client


def test_imported_backup_lands_every_record_and_its_photo(admin_client, field):
    photo = jpeg(seed=3)
    key, ops = _work(field, photo)
    resp = _import(admin_client, make_backup(field.inspector, ops, [photo]))
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert "4 thao tác mới được ghi nhận" in resp.get_data(as_text=True)
    assert _counts() == (1, 2, 1)
    stored = db.session.scalar(select(Photo))
    assert stored.stored and stored.item_id == "T-01"
    inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == key))
    assert inspection.created_by_id == field.inspector.id  # applied as the inspector's work
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "backup.imported"))
    assert event.details["applied"] == 4 and event.username != field.inspector.username


def test_the_same_backup_twice_changes_nothing_the_second_time(admin_client, field):
    photo = jpeg(seed=4)
    _, ops = _work(field, photo)
    backup = make_backup(field.inspector, ops, [photo])
    _import(admin_client, backup)
    before = _counts()
    second = _import(admin_client, backup).get_data(as_text=True)
    assert "0 thao tác mới được ghi nhận" in second and "4 thao tác đã có trên máy chủ" in second
    assert _counts() == before == (1, 2, 1)


def test_device_syncing_after_the_import_gets_duplicates(admin_client, app, field):
    photo = jpeg(seed=5)
    _, ops = _work(field, photo)
    _import(admin_client, make_backup(field.inspector, ops, [photo]))
    with app.test_client() as device:
        sign_in(device, field.inspector)
        assert statuses(push(device, *ops)) == ["duplicate"] * 4
        sha = hashlib.sha256(photo).hexdigest()
        assert device.head(f"/api/photos/{sha}").status_code == 200  # not sent again
    assert _counts() == (1, 2, 1)


def test_import_after_the_device_synced_part_of_it_adds_only_the_rest(admin_client, app, field):
    photo = jpeg(seed=6)
    _, ops = _work(field, photo)
    with app.test_client() as device:
        sign_in(device, field.inspector)
        assert statuses(push(device, *ops[:2])) == ["applied", "applied"]
    page = _import(admin_client, make_backup(field.inspector, ops, [photo])).get_data(as_text=True)
    assert "2 thao tác mới được ghi nhận" in page and "2 thao tác đã có trên máy chủ" in page
    assert _counts() == (1, 2, 1)


def _tamper_ops(files):
    files["ops.json"] = files["ops.json"].replace(b"T-03", b"T-04")
    return files


@pytest.mark.parametrize("name, make, message", [
    ("not a zip", lambda u, ops, img: b"PK\x03\x04 this is not a zip", "không đọc được tệp ZIP"),
    ("cut off", lambda u, ops, img: make_backup(u, ops, img)[:-400], "không đọc được tệp ZIP"),
    ("foreign zip", lambda u, ops, img: make_backup(
        u, ops, img, manifest_extra={"format": "odk-collect"}), "không phải bản sao lưu"),
    ("edited ops", lambda u, ops, img: make_backup(u, ops, img, tamper=_tamper_ops),
     "đã bị thay đổi hoặc hỏng"),
    ("newer format", lambda u, ops, img: make_backup(
        u, ops, img, manifest_extra={"version": 9}), "chưa được hỗ trợ"),
])
def test_damaged_or_foreign_file_is_refused_and_changes_nothing(admin_client, field, name, make,
                                                                 message):
    photo = jpeg(seed=7)
    _, ops = _work(field, photo)
    resp = _import(admin_client, make(field.inspector, ops, [photo]))
    assert resp.status_code == 400
    assert message in resp.get_data(as_text=True)
    assert _counts() == (0, 0, 0)
    assert db.session.scalar(select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "backup.imported")) == 0


def test_backup_of_an_unknown_account_is_refused(admin_client, field, make_user):
    stranger = make_user(roles.INSPECTOR)
    _, ops = _work(field, jpeg(seed=8))
    backup = make_backup(stranger, ops)
    db.session.delete(stranger)
    db.session.commit()
    page = _import(admin_client, backup).get_data(as_text=True)
    assert "không khớp tài khoản nào" in page and _counts() == (0, 0, 0)


def test_refused_ops_are_listed_with_their_reason(admin_client, field):
    key, ops = _work(field, jpeg(seed=9))
    ops.append(answer_op(field, key, "KHONG-CO", "yes"))
    page = _import(admin_client, make_backup(field.inspector, ops)).get_data(as_text=True)
    assert "1 thao tác bị từ chối" in page and "KHONG-CO" in page


@pytest.mark.parametrize("role", [roles.LEAD, roles.INSPECTOR, roles.VIEWER, roles.UNIT_HEAD])
def test_only_the_office_admin_imports_backups(client, field, make_user, make_unit, role):
    user = make_user(role, unit=make_unit("Xã Khác") if role == roles.UNIT_HEAD else None)
    sign_in(client, user)
    _, ops = _work(field, jpeg(seed=10))
    assert _import(client, make_backup(field.inspector, ops)).status_code == 403
    assert _counts() == (0, 0, 0)


def test_command_line_import_reports_and_exits_by_outcome(app, field, tmp_path):
    photo = jpeg(seed=11)
    key, ops = _work(field, photo)
    good = tmp_path / "good.zip"
    good.write_bytes(make_backup(field.inspector, ops, [photo]))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import-backup", str(good)])
    assert result.exit_code == 0, result.output
    assert "4 applied" in result.output and _counts() == (1, 2, 1)
    again = runner.invoke(args=["import-backup", str(good)])
    assert again.exit_code == 0 and "4 already on the server" in again.output
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a backup")
    assert runner.invoke(args=["import-backup", str(bad)]).exit_code == 1
    partly = tmp_path / "partly.zip"
    partly.write_bytes(make_backup(field.inspector, [answer_op(field, key, "KHONG-CO", "yes")]))
    result = runner.invoke(args=["import-backup", str(partly)])
    assert result.exit_code == 3 and "KHONG-CO" in result.output
