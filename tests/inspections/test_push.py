"""Pushing ops: each applied once, in order, each audited; a refused op is undone alone."""
import pytest
from sqlalchemy import func, select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, Response
from inspect_app.inspections.sync_models import SyncOp
from inspect_app.org import roles

from .conftest import answer_op, create_op, new_id, op, push, sign_in, statuses


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_inspection_created_offline_arrives_with_its_answers(client, field):
    key = new_id()
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, key), answer_op(field, key, "T-01", "yes"),
                answer_op(field, key, "T-03", 2))
    assert statuses(resp) == ["applied"] * 3
    insp = db.session.scalar(select(Inspection).where(Inspection.uuid == key))
    assert (insp.unit_id, insp.round_id, insp.status, insp.created_by_id) == (
        field.unit.id, field.round.id, "in_progress", field.inspector.id)
    assert [m.full_name for m in insp.members] == [field.lead.full_name, field.inspector.full_name]
    assert {r.item_id: r.value for r in insp.responses} == {"T-01": "yes", "T-03": 2}


def test_item_answered_twice_in_the_push_that_creates_the_inspection_keeps_both(client, field):
    key = new_id()
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, key),
                answer_op(field, key, "T-01", "yes", "2026-11-22T02:00:00Z"),
                answer_op(field, key, "T-03", 2),
                answer_op(field, key, "T-01", "no", "2026-11-22T02:05:00Z"))
    assert statuses(resp) == ["applied"] * 4
    insp = db.session.scalar(select(Inspection).where(Inspection.uuid == key))
    assert {r.item_id: r.value for r in insp.responses} == {"T-01": "no", "T-03": 2}
    t01 = next(r for r in insp.responses if r.item_id == "T-01")
    assert [r.value for r in t01.history] == ["yes"]


def test_replayed_batch_changes_nothing(client, field):
    key = new_id()
    sign_in(client, field.inspector)
    ops = [create_op(field, key), answer_op(field, key, "T-01", "no")]
    assert statuses(push(client, *ops)) == ["applied", "applied"]
    counts = [_count(m) for m in (Inspection, Response, SyncOp, AuditEvent)]
    assert statuses(push(client, *ops)) == ["duplicate", "duplicate"]
    assert [_count(m) for m in (Inspection, Response, SyncOp, AuditEvent)] == counts


def test_refused_op_does_not_undo_the_others(client, field, inspection):
    resp = push(client, answer_op(field, inspection, "T-01", "yes"),
                answer_op(field, inspection, "T-03", -1),
                answer_op(field, inspection, "T-05", "Bàn tiếp dân sạch sẽ"))
    assert statuses(resp) == ["applied", "refused", "applied"]
    values = dict(db.session.execute(select(Response.item_id, Response.value)).all())
    assert values == {"T-01": "yes", "T-05": "Bàn tiếp dân sạch sẽ"}


def test_push_with_a_refused_op_records_each_applied_op_once(client, field):
    # The first attempt applies the whole push as one transaction; the refusal of its last op
    # sends it round again, op by op: nothing of the first attempt may remain twice.
    key = new_id()
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, key), answer_op(field, key, "T-01", "no"),
                answer_op(field, key, "T-03", 2), answer_op(field, key, "T-99", "yes"))
    assert statuses(resp) == ["applied", "applied", "applied", "refused"]
    assert [_count(m) for m in (Inspection, Response, SyncOp)] == [1, 2, 3]
    actions = db.session.scalars(select(AuditEvent.action).where(
        AuditEvent.action.like("sync.%")).order_by(AuditEvent.id)).all()
    assert actions == ["sync.inspection.create", "sync.response.set", "sync.response.set"]


def test_refused_op_is_not_kept_and_may_be_sent_again(client, field, inspection):
    bad = answer_op(field, inspection, "T-99", "yes")
    assert statuses(push(client, bad)) == ["refused"]
    assert db.session.get(SyncOp, bad["op_id"]) is None
    assert statuses(push(client, bad)) == ["refused"]


def test_same_op_twice_in_one_batch_is_applied_once(client, field, inspection):
    once = answer_op(field, inspection, "T-01", "yes")
    assert statuses(push(client, once, once)) == ["applied", "duplicate"]


def test_refusal_names_the_inspection_the_item_and_what_to_do(client, field, inspection):
    resp = push(client, answer_op(field, inspection, "T-01", "có lẽ"))
    reason = resp.get_json()["results"][0]["reason"]
    assert "Xã Tân Lập ngày 22/11/2026" in reason
    assert "mục T-01" in reason
    assert '"yes", "no" hoặc "na"' in reason
    assert "Hãy trả lời lại" in reason


@pytest.mark.parametrize("item_id,value", [
    ("T-01", "yes"), ("T-01", "no"), ("T-01", "na"), ("T-01", None),
    ("T-03", 0), ("T-03", 12), ("T-04", 37.5), ("T-04", 80),
    ("T-05", "Ghi chú dài " * 100), ("T-06", "full"), ("T-06", "missing"),
])
def test_answer_fitting_its_type_is_applied(client, field, inspection, item_id, value):
    assert statuses(push(client, answer_op(field, inspection, item_id, value))) == ["applied"]


@pytest.mark.parametrize("item_id,value", [
    ("T-01", "có"), ("T-01", True), ("T-01", 1), ("T-03", -1), ("T-03", 1.5), ("T-03", "3"),
    ("T-03", True), ("T-03", "na"), ("T-04", "nhiều"), ("T-04", [1]), ("T-05", 5),
    ("T-05", "x" * 5001),
    ("T-05", "a\x00b"), ("T-05", "\ud800"), ("T-06", "Đầy đủ"), ("T-06", {"key": "full"}),
])
def test_answer_not_fitting_its_type_is_refused(client, field, inspection, item_id, value):
    assert statuses(push(client, answer_op(field, inspection, item_id, value))) == ["refused"]


MALFORMED = [
    pytest.param(b"not json", id="not-json"),
    pytest.param(b'{"ops": [NaN]}', id="nan"),
    pytest.param(b"[]", id="not-an-object"),
    pytest.param(b"{}", id="no-ops"),
    pytest.param(b'{"ops": {}}', id="ops-not-a-list"),
    pytest.param(b'{"ops": [1]}', id="op-not-an-object"),
    pytest.param(b'{"ops": [{"type": "response.set"}]}', id="no-op-id"),
    pytest.param(b'{"ops": [{"op_id": "x"}]}', id="no-type"),
    pytest.param(b'{"ops": [{"op_id": 5, "type": "response.set"}]}', id="op-id-not-text"),
    pytest.param(b'{"ops": [{"op_id": "x", "type": "response.set", "data": []}]}', id="data-list"),
    pytest.param(b'{"ops": [{"op_id": "x", "type": "t", "inspection": 3}]}', id="inspection-int"),
    pytest.param(b'{"device_id": 7, "ops": []}', id="device-id-int"),
    pytest.param(b"\xff\xfe", id="not-utf8"),
    pytest.param(b"[" * 100000, id="deep"),
]


@pytest.mark.parametrize("body", MALFORMED)
def test_malformed_push_gets_400_json(client, field, body):
    sign_in(client, field.inspector)
    resp = client.post("/api/sync/push", data=body, content_type="application/json")
    assert resp.status_code == 400
    assert resp.get_json()["error"]


def test_too_many_ops_in_one_push_gets_400(client, field):
    sign_in(client, field.inspector)
    resp = push(client, *[op("photo.remove", new_id(), uuid=new_id()) for _ in range(501)])
    assert resp.status_code == 400
    assert "500" in resp.get_json()["error"]


def test_unknown_op_type_is_refused_not_rejected(client, field, inspection):
    resp = push(client, op("inspection.delete", inspection), answer_op(field, inspection, "T-01", "yes"))
    assert statuses(resp) == ["refused", "applied"]


def test_op_on_an_unknown_inspection_is_refused(client, field):
    sign_in(client, field.inspector)
    resp = push(client, answer_op(field, new_id(), "T-01", "yes"))
    assert resp.get_json()["results"][0]["reason"].startswith("Chưa có phiếu kiểm tra")


def test_inspector_of_another_team_is_refused(client, field, inspection, make_user, make_team):
    outsider = make_user(roles.INSPECTOR)
    make_team(members=[outsider])
    sign_in(client, outsider)
    resp = push(client, answer_op(field, inspection, "T-01", "no"))
    assert statuses(resp) == ["refused"]
    assert "không thuộc đoàn" in resp.get_json()["results"][0]["reason"]
    assert db.session.scalar(select(Response)) is None


def test_admin_outside_the_team_is_refused_too(client, field, inspection, make_user):
    sign_in(client, make_user(roles.ADMIN))
    assert statuses(push(client, answer_op(field, inspection, "T-01", "no"))) == ["refused"]


def test_inspection_for_a_team_one_is_not_on_is_refused(client, field, make_user, make_team):
    outsider = make_user(roles.INSPECTOR)
    make_team(members=[outsider])
    sign_in(client, outsider)
    assert statuses(push(client, create_op(field, new_id()))) == ["refused"]
    assert db.session.scalar(select(Inspection)) is None


@pytest.mark.parametrize("role", [roles.VIEWER, roles.UNIT_HEAD])
def test_viewers_and_unit_heads_may_not_push(client, field, inspection, make_user, make_unit, role):
    user = make_user(role, unit=make_unit() if role == roles.UNIT_HEAD else None)
    sign_in(client, user)
    resp = push(client, answer_op(field, inspection, "T-01", "no"))
    assert resp.status_code == 403
    assert resp.get_json()["error"]


def test_revoked_user_gets_401(client, field, inspection):
    field.inspector.token_version += 1
    db.session.commit()
    resp = push(client, answer_op(field, inspection, "T-01", "no"))
    assert resp.status_code == 401
    assert resp.get_json()["error"]


def test_disabled_user_gets_401(client, field, inspection):
    field.inspector.active = False
    db.session.commit()
    assert push(client, answer_op(field, inspection, "T-01", "no")).status_code == 401


def test_signed_inspection_takes_no_more_changes(client, field, inspection):
    insp = db.session.scalar(select(Inspection).where(Inspection.uuid == inspection))
    insp.status = "signed"
    db.session.commit()
    resp = push(client, answer_op(field, inspection, "T-01", "no"))
    assert statuses(resp) == ["refused"]
    assert "đã ký" in resp.get_json()["results"][0]["reason"]


@pytest.mark.parametrize("overrides,why", [
    ({"unit_id": 999999}, "không có đơn vị"),
    ({"round_id": 999999}, "không có hoặc không còn mở"),
    ({"checklist_version_ids": [999999]}, "không có phiên bản"),
    ({"checklist_version_ids": []}, "checklist_version_ids"),
    ({"round_id": None, "kind": "planned"}, "phải thuộc một đợt"),
    ({"started_at": "hôm qua"}, "started_at"),
    ({"location": "x" * 301}, "location"),
    ({"members": [{"user_id": 999999, "full_name": "Người lạ"}]}, "“Người lạ” không thuộc đoàn"),
    ({"members": [{"full_name": ""}]}, "full_name"),
])
def test_inspection_with_bad_references_is_refused(client, field, overrides, why):
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, new_id(), **overrides))
    assert statuses(resp) == ["refused"]
    assert why in resp.get_json()["results"][0]["reason"]


def test_round_of_another_unit_is_refused(client, field, make_unit):
    other = make_unit("Xã Khác")
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, new_id(), unit_id=other.id))
    assert "không có đơn vị Xã Khác" in resp.get_json()["results"][0]["reason"]


def test_unplanned_surprise_visit_needs_no_round(client, field):
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, new_id(), round_id=None, kind="surprise"))
    assert statuses(resp) == ["applied"]


def test_inspection_created_twice_under_two_op_ids_is_refused_the_second_time(client, field):
    key = new_id()
    sign_in(client, field.inspector)
    assert statuses(push(client, create_op(field, key), create_op(field, key))) == [
        "applied", "refused"]


def test_inspection_update_completes_it(client, field, inspection):
    resp = push(client, op("inspection.update", inspection, status="completed",
                           ended_at="2026-11-22T04:30:00+07:00", location="Hội trường"))
    assert statuses(resp) == ["applied"]
    insp = db.session.scalar(select(Inspection).where(Inspection.uuid == inspection))
    assert (insp.status, insp.location, insp.ended_at.hour) == ("completed", "Hội trường", 21)


def test_every_applied_op_is_in_the_audit_log(client, field, inspection):
    answer = answer_op(field, inspection, "T-01", "yes")
    push(client, answer)
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["sync.inspection.create", "sync.response.set"]
    assert events[-1].details["op_id"] == answer["op_id"]
    assert (events[-1].username, events[-1].object_type) == (field.inspector.username, "Response")


def test_push_needs_the_csrf_token_from_the_pull(client, field, inspection, csrf_enabled):
    assert push(client, answer_op(field, inspection, "T-01", "yes")).status_code == 400
    token = client.get("/api/sync/pull").get_json()["csrf_token"]
    resp = client.post("/api/sync/push", json={"ops": [answer_op(field, inspection, "T-01", "yes")]},
                       headers={"X-CSRFToken": token})
    assert statuses(resp) == ["applied"]


def test_op_id_reused_with_another_payload_is_refused_not_dropped(client, field, inspection):
    first = answer_op(field, inspection, "T-01", "yes")
    reused = answer_op(field, inspection, "T-05", "Ghi nhận khác", op_id=first["op_id"])
    assert statuses(push(client, first)) == ["applied"]
    resp = push(client, reused)
    assert statuses(resp) == ["refused"]
    reason = resp.get_json()["results"][0]["reason"]
    assert f"mã thao tác {first['op_id']} đã được dùng cho một thao tác khác" in reason
    assert db.session.scalar(select(Response.value).where(Response.item_id == "T-05")) is None


def test_op_id_reused_by_another_user_with_another_payload_is_refused(client, field, inspection):
    first = answer_op(field, inspection, "T-01", "yes")
    assert statuses(push(client, first)) == ["applied"]
    sign_in(client, field.lead)
    reused = answer_op(field, inspection, "T-01", "no", op_id=first["op_id"])
    assert statuses(push(client, reused, device_id="d-other")) == ["refused"]
    assert statuses(push(client, first, device_id="d-other")) == ["duplicate"]
    assert db.session.scalar(select(Response.value).where(Response.item_id == "T-01")) == "yes"


def test_the_inspecting_office_cannot_be_the_inspected_unit(client, field, make_unit):
    office = make_unit("Sở Nội vụ", kind="office")
    field.team.office_unit_id = office.id
    db.session.commit()
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, new_id(), unit_id=office.id, round_id=None,
                                  kind="surprise"))
    assert statuses(resp) == ["refused"]
    assert "Sở Nội vụ là cơ quan kiểm tra, không phải đơn vị được kiểm tra" in resp.get_json()[
        "results"][0]["reason"]
    assert _count(Inspection) == 0


def test_a_historical_unit_cannot_be_inspected(client, field, make_unit):
    gone = make_unit("Xã Cũ", historical=True)
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, new_id(), unit_id=gone.id, round_id=None,
                                  kind="surprise"))
    assert statuses(resp) == ["refused"]


@pytest.mark.parametrize("listed", ["another unit head", "lead under the lead's name",
                                    "inspector as lead"])
def test_members_come_from_the_team_in_their_roles(client, field, make_user, listed):
    head = make_user(roles.UNIT_HEAD, full_name="Chủ tịch xã")
    member = {
        "another unit head": {"user_id": head.id, "full_name": head.full_name},
        "lead under the lead's name": {"user_id": head.id, "full_name": field.lead.full_name},
        "inspector as lead": {"user_id": field.inspector.id,
                              "full_name": field.inspector.full_name},
    }[listed]
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, new_id(), members=[{**member, "team_role": "lead"}]))
    assert statuses(resp) == ["refused"]
    assert _count(Inspection) == 0


def test_a_team_member_listed_under_another_name_is_refused(client, field):
    sign_in(client, field.inspector)
    resp = push(client, create_op(field, new_id(), members=[
        {"user_id": field.lead.id, "full_name": "Người khác", "team_role": "lead"}]))
    assert statuses(resp) == ["refused"]


def test_members_as_the_team_lists_them_are_accepted(client, field):
    sign_in(client, field.inspector)
    key = new_id()
    resp = push(client, create_op(field, key, members=[
        {"user_id": field.lead.id, "full_name": f"  {field.lead.full_name} ",
         "team_role": "lead"},
        {"user_id": field.inspector.id, "full_name": field.inspector.full_name,
         "team_role": "member"}]))
    assert statuses(resp) == ["applied"]
