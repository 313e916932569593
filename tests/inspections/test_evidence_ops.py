"""Attendance, photo metadata and remediation checks pushed from the field."""
from datetime import date

from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Attendance, Finding, Inspection
from inspect_app.org import roles
from inspect_app.photos import operations as photo_ops
from inspect_app.photos.models import Photo
from inspect_app.remediation.models import RemediationItem

from .conftest import new_id, op, push, sign_in, statuses

SHA = "ab" * 32


def _attendance(inspection, **data):
    data.setdefault("uuid", new_id())
    return op("attendance.set", inspection, **data)


def test_attendance_of_a_roster_member_is_recorded(client, field, inspection):
    person = field.staff[0]
    resp = push(client, _attendance(inspection, staff_member_id=person.id, status="late",
                                    note="Đến lúc 7h45"))
    assert statuses(resp) == ["applied"]
    row = db.session.scalar(select(Attendance))
    assert (row.full_name, row.position, row.status) == (person.full_name, person.position, "late")


def test_someone_met_on_site_needs_a_name(client, field, inspection):
    assert statuses(push(client, _attendance(inspection, staff_member_id=None,
                                             status="present"))) == ["refused"]
    assert statuses(push(client, _attendance(inspection, full_name="Lê Văn Bảo vệ",
                                             status="present"))) == ["applied"]


def test_roster_member_recorded_on_two_devices_stays_one_row(client, field, inspection):
    person = field.staff[1]
    push(client, _attendance(inspection, staff_member_id=person.id, status="present"),
         _attendance(inspection, staff_member_id=person.id, status="absent_excused"))
    rows = db.session.scalars(select(Attendance)).all()
    assert [(r.staff_member_id, r.status) for r in rows] == [(person.id, "absent_excused")]


def test_staff_of_another_unit_is_refused(client, field, inspection, make_unit, make_staff):
    stranger = make_staff(make_unit())
    assert statuses(push(client, _attendance(inspection, staff_member_id=stranger.id,
                                             status="present"))) == ["refused"]


def test_attendance_with_unknown_status_is_refused(client, field, inspection):
    assert statuses(push(client, _attendance(inspection, staff_member_id=field.staff[0].id,
                                             status="sick"))) == ["refused"]


def _photo(inspection, **data):
    data = {"uuid": new_id(), "sha256": SHA, "checklist_version_id": None, "item_id": None,
            "caption": "Bảng niêm yết", "captured_at": "2026-11-22T02:30:00Z",
            "latitude": 21.03, "longitude": 105.85, "width": 1600, "height": 1200,
            "size_bytes": 300_000, **data}
    return op("photo.add", inspection, **data)


def test_photo_metadata_may_come_before_its_bytes(client, field, inspection):
    add = _photo(inspection, checklist_version_id=field.version.id, item_id="T-06")
    assert statuses(push(client, add)) == ["applied"]
    photo = db.session.scalar(select(Photo))
    assert (photo.item_id, photo.stored, photo.latitude) == ("T-06", False, 21.03)


def test_photo_metadata_after_its_bytes_is_stored(client, field, inspection):
    photo_ops.save_files(SHA, b"jpeg bytes", b"thumbnail bytes")
    push(client, _photo(inspection))
    assert db.session.scalar(select(Photo.stored)) is True


def test_photo_of_an_unknown_item_is_refused(client, field, inspection):
    resp = push(client, _photo(inspection, checklist_version_id=field.version.id, item_id="Z-1"))
    assert statuses(resp) == ["refused"]


def test_photo_with_impossible_position_is_refused(client, field, inspection):
    assert statuses(push(client, _photo(inspection, latitude=123))) == ["refused"]


def test_removed_photo_leaves_the_inspection(client, field, inspection):
    add = _photo(inspection)
    remove = op("photo.remove", inspection, uuid=add["data"]["uuid"])
    assert statuses(push(client, add, remove)) == ["applied", "applied"]
    assert db.session.scalar(select(Photo)) is None
    assert statuses(push(client, op("photo.remove", inspection, uuid=new_id()))) == ["applied"]


def _remediation_item(field, state="reported"):
    insp = db.session.scalar(select(Inspection))
    finding = Finding(uuid=new_id(), inspection=insp, description="Chưa niêm yết",
                      checklist_slug="thu-nghiem", item_id="T-06")
    item = RemediationItem(uuid=new_id(), finding=finding, inspection=insp, unit=field.unit,
                           action="Niêm yết đầy đủ thủ tục", deadline=date(2026, 12, 1),
                           state=state)
    db.session.add(item)
    db.session.commit()
    return item


def test_fix_confirmed_on_site_by_the_lead_verifies_the_item(client, field, inspection):
    item = _remediation_item(field)
    sign_in(client, field.lead)
    resp = push(client, op("remediation.check", inspection, remediation_id=item.id,
                           result="verified", note="Đã niêm yết", photo_sha256=SHA))
    assert statuses(resp) == ["applied"]
    db.session.refresh(item)
    assert (item.state, item.verified_by_id) == ("verified", field.lead.id)
    assert [e.kind for e in item.events] == ["verified"]
    assert db.session.scalar(select(Photo.remediation_item_id)) == item.id


def test_reported_fix_not_found_on_site_reopens_the_item(client, field, inspection):
    item = _remediation_item(field)
    sign_in(client, field.lead)
    push(client, op("remediation.check", inspection, remediation_id=item.id, result="still_open",
                    note="Bảng vẫn cũ"))
    db.session.refresh(item)
    assert (item.state, item.reopen_reason) == ("reopened", "Bảng vẫn cũ")


def test_verified_item_cannot_be_reopened_from_a_device(client, field, inspection):
    item = _remediation_item(field, state="verified")
    sign_in(client, field.lead)
    assert statuses(push(client, op("remediation.check", inspection, remediation_id=item.id,
                                    result="still_open"),
                         op("remediation.check", inspection, remediation_id=item.id,
                            result="verified"))) == ["refused", "applied"]


def _reason(resp) -> str:
    [result] = resp.get_json()["results"]
    assert result["status"] == "refused"
    return result["reason"]


def test_inspector_of_another_team_cannot_verify_an_unreported_item(
        client, field, inspection, make_user, make_team):
    item = _remediation_item(field, state="open")
    stranger = make_user(roles.INSPECTOR)
    make_team(lead=make_user(roles.LEAD), members=[stranger])
    sign_in(client, stranger)
    for inspection_uuid in (None, inspection):
        resp = push(client, op("remediation.check", inspection_uuid, remediation_id=item.id,
                               result="verified"))
        assert _reason(resp)
    db.session.refresh(item)
    assert (item.state, item.events) == ("open", [])


def test_inspector_on_the_team_cannot_verify_as_the_office_page_does_not_let_him(
        client, field, inspection):
    item = _remediation_item(field)
    resp = push(client, op("remediation.check", inspection, remediation_id=item.id,
                           result="verified"))
    assert "Chỉ trưởng đoàn hoặc quản trị" in _reason(resp)
    resp = push(client, op("remediation.check", inspection, remediation_id=item.id,
                           result="still_open"))
    assert "Chỉ trưởng đoàn hoặc quản trị" in _reason(resp)
    db.session.refresh(item)
    assert item.state == "reported"


def test_open_item_found_still_open_is_recorded_as_checked_by_any_member(
        client, field, inspection):
    item = _remediation_item(field, state="open")
    assert statuses(push(client, op("remediation.check", inspection, remediation_id=item.id,
                                    result="still_open", note="Chưa thay bảng"))) == ["applied"]
    db.session.refresh(item)
    assert (item.state, [e.kind for e in item.events]) == ("open", ["checked"])


def test_lead_cannot_verify_an_item_the_unit_never_reported(client, field, inspection):
    item = _remediation_item(field, state="open")
    sign_in(client, field.lead)
    resp = push(client, op("remediation.check", inspection, remediation_id=item.id,
                           result="verified"))
    assert "Chỉ xác minh được yêu cầu đơn vị đã báo cáo" in _reason(resp)


def test_item_of_another_unit_is_not_checked_in_this_inspection(
        client, field, inspection, make_unit):
    item = _remediation_item(field)
    item.unit = make_unit("Phường Minh Khai")
    db.session.commit()
    sign_in(client, field.lead)
    resp = push(client, op("remediation.check", inspection, remediation_id=item.id,
                           result="verified"))
    assert "thuộc Phường Minh Khai, không phải đơn vị đang được kiểm tra" in _reason(resp)
    db.session.refresh(item)
    assert item.state == "reported"


def test_marked_up_photo_names_its_original_on_the_same_inspection(client, field, inspection):
    original = _photo(inspection)
    marked = _photo(inspection, sha256="cd" * 32, markup_of=SHA)
    assert statuses(push(client, original, marked)) == ["applied", "applied"]
    assert statuses(push(client, marked)) == ["duplicate"]
    rows = {p.sha256: p.markup_of_sha256 for p in db.session.scalars(select(Photo))}
    assert rows == {SHA: None, "cd" * 32: SHA}
    pulled = client.get("/api/sync/pull").get_json()
    [pulled_inspection] = [i for i in pulled["inspections"] if i["uuid"] == inspection]
    assert {p["sha256"]: p["markup_of"] for p in pulled_inspection["photos"]} == rows


def test_mark_up_of_a_photo_not_on_the_inspection_is_refused(client, field, inspection):
    resp = push(client, _photo(inspection, sha256="cd" * 32, markup_of="ef" * 32))
    assert statuses(resp) == ["refused"]
    assert "ảnh gốc của ảnh đã đánh dấu không có trên phiếu này" in resp.get_json()[
        "results"][0]["reason"]
