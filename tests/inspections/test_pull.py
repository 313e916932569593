"""Pulling: what each role may see, and a cursor that sends only what changed."""
import hashlib
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from inspect_app.checklists.models import ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.inspections.models import Inspection
from inspect_app.org import roles
from inspect_app.org.models import OrgUnit, StaffMember
from inspect_app.remediation.models import RemediationItem
from inspect_app.timeutil import utcnow

from ..photos.images import jpeg
from .conftest import DEFINITION, answer_op, new_id, op, push, sign_in, statuses


def _pull(client, cursor=None):
    resp = client.get("/api/sync/pull", query_string={"cursor": cursor} if cursor else None)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()


def _backdate(hours=1):
    """Make everything look written an hour ago, well before any cursor's look-back."""
    then = utcnow() - timedelta(hours=hours)
    for model in (OrgUnit, StaffMember, Round, RemediationItem):
        db.session.execute(update(model).values(updated_at=then))
    db.session.execute(update(Inspection).values(updated_at=then, created_at=then))
    db.session.execute(update(ChecklistVersion).values(imported_at=then))
    db.session.commit()


def test_full_pull_gives_an_inspector_the_day_s_work(client, field, inspection):
    push(client, answer_op(field, inspection, "T-01", "no"),
         op("attendance.set", inspection, uuid=new_id(), staff_member_id=field.staff[0].id,
            status="present"))
    body = _pull(client)
    assert body["full"] is True and body["csrf_token"] and body["cursor"]
    assert body["user"]["teams"] == [{"id": field.team.id, "name": field.team.name,
                                      "team_role": "member", "decision_ref": None,
                                      "office": None, "members": [
        {"user_id": m.user_id, "full_name": m.user.full_name, "position": m.user.position,
         "team_role": m.team_role} for m in sorted(field.team.members, key=lambda m: m.id)]}]
    assert [u["name"] for u in body["units"]] == ["Xã Tân Lập"]
    assert {s["id"] for s in body["staff"]} == {s.id for s in field.staff}
    assert [(c["slug"], c["version"], c["definition"]) for c in body["checklists"]] == [
        ("thu-nghiem", 1, DEFINITION)]
    assert [(r["id"], r["unit_ids"], r["checklist_slugs"]) for r in body["rounds"]] == [
        (field.round.id, [field.unit.id], ["thu-nghiem"])]
    [insp] = body["inspections"]
    assert insp["uuid"] == inspection
    assert [(r["item_id"], r["value"], r["answered_by"]) for r in insp["responses"]] == [
        ("T-01", "no", field.inspector.full_name)]
    assert [a["staff_member_id"] for a in insp["attendance"]] == [field.staff[0].id]
    assert body["removed"] == {"rounds": [], "inspections": [], "remediation": []}


def test_unit_head_gets_no_rounds(client, field, make_user):
    sign_in(client, make_user(roles.UNIT_HEAD, unit=field.unit))
    resp = client.get("/api/sync/pull")
    assert resp.status_code == 403
    assert "rounds" not in resp.get_json()


def test_rounds_of_other_teams_and_drafts_stay_hidden(client, field, make_team, make_user):
    other = Round(name="Đợt của đoàn khác", status="active", team=make_team(),
                  period_start=date(2026, 11, 1), period_end=date(2026, 11, 30))
    draft = Round(name="Đợt dự thảo", status="draft", team=field.team,
                  period_start=date(2026, 12, 1), period_end=date(2026, 12, 30))
    db.session.add_all([other, draft])
    db.session.commit()
    sign_in(client, field.inspector)
    assert [r["id"] for r in _pull(client)["rounds"]] == [field.round.id]
    sign_in(client, make_user(roles.ADMIN))
    assert [r["id"] for r in _pull(client)["rounds"]] == [field.round.id, other.id]


def test_viewer_gets_reference_data_but_no_team_work(client, field, inspection, make_user):
    sign_in(client, make_user(roles.VIEWER))
    body = _pull(client)
    assert body["units"] and body["checklists"]
    assert body["rounds"] == [] and body["inspections"] == []


def test_inspections_of_other_teams_stay_hidden(client, field, inspection, make_user, make_team):
    outsider = make_user(roles.INSPECTOR)
    make_team(members=[outsider])
    sign_in(client, outsider)
    assert _pull(client)["inspections"] == []


def test_pull_cursor_sends_only_changes(client, field, inspection):
    _backdate()
    first = _pull(client)
    assert first["full"] is True
    field.unit.name = "Xã Tân Lập (mới)"
    db.session.commit()
    push(client, answer_op(field, inspection, "T-01", "yes"))
    second = _pull(client, first["cursor"])
    assert second["full"] is False
    assert [u["name"] for u in second["units"]] == ["Xã Tân Lập (mới)"]
    assert second["staff"] == [] and second["rounds"] == [] and second["checklists"] == []
    assert [i["uuid"] for i in second["inspections"]] == [inspection]
    _backdate()
    third = _pull(client, second["cursor"])
    assert (third["units"], third["inspections"]) == ([], [])


def test_change_made_just_before_the_cursor_is_sent_again(client, field, inspection):
    # A transaction open during the previous pull commits rows stamped before its cursor.
    first = _pull(client)
    again = _pull(client, first["cursor"])
    assert [i["uuid"] for i in again["inspections"]] == [inspection]


def test_closed_round_leaves_the_device_but_completed_work_stays_to_be_signed(
        client, field, inspection):
    _backdate()
    cursor = _pull(client)["cursor"]
    push(client, op("inspection.update", inspection, status="completed"))
    field.round.status = "closed"
    db.session.commit()
    body = _pull(client, cursor)
    assert [i["status"] for i in body["inspections"]] == ["completed"]
    assert body["rounds"] == [] and body["removed"]["rounds"] == [field.round.id]
    assert [i["uuid"] for i in _pull(client)["inspections"]] == [inspection]


@pytest.mark.parametrize("cursor", ["garbage", "eyJ0IjoiMjAyNi0wMS0wMSJ9.forged"])
def test_unreadable_cursor_gets_a_full_pull(client, field, inspection, cursor):
    assert _pull(client, cursor)["full"] is True


def test_cursor_of_another_user_gets_a_full_pull(client, field, inspection):
    cursor = _pull(client)["cursor"]
    sign_in(client, field.lead)
    assert _pull(client, cursor)["full"] is True


def test_joining_a_team_gets_a_full_pull(client, field, inspection, make_team):
    cursor = _pull(client)["cursor"]
    make_team(members=[field.inspector])
    assert _pull(client, cursor)["full"] is True


def test_new_checklist_version_replaces_the_old_but_open_work_keeps_its_own(
        client, field, inspection):
    _backdate()
    cursor = _pull(client)["cursor"]
    newer = ChecklistVersion(checklist=field.version.checklist, version=2, content_hash="b" * 64,
                             definition={**DEFINITION, "title": "Bảng kiểm sửa đổi"})
    db.session.add(newer)
    db.session.commit()
    assert [c["version"] for c in _pull(client, cursor)["checklists"]] == [2]
    assert [c["version"] for c in _pull(client)["checklists"]] == [1, 2]


def test_verified_remediation_is_not_pulled(client, field, inspection):
    insp = db.session.scalar(select(Inspection))
    items = [RemediationItem(uuid=new_id(), inspection=insp, unit=field.unit, action=a,
                             deadline=date(2020, 1, 1), state=s)
             for a, s in (("Còn mở", "open"), ("Đã xong", "verified"))]
    db.session.add_all(items)
    db.session.commit()
    [item] = _pull(client)["remediation"]
    assert (item["action"], item["display_state"], item["finding"]) == ("Còn mở", "overdue", None)


def test_pull_answer_is_never_cached(client, field):
    sign_in(client, field.inspector)
    assert client.get("/api/sync/pull").headers["Cache-Control"] == "no-store"


def test_new_inspection_from_another_device_arrives(client, field, inspection):
    sign_in(client, field.lead)
    key = new_id()
    from .conftest import create_op
    assert statuses(push(client, create_op(field, key))) == ["applied"]
    assert {i["uuid"] for i in _pull(client)["inspections"]} == {inspection, key}


def test_photo_bytes_arriving_later_reach_the_other_devices_of_the_team(client, field, inspection):
    """A teammate's device learns that a photo is now safe on the server (`stored` turns true)."""
    data = jpeg(seed=7)
    sha = hashlib.sha256(data).hexdigest()
    push(client, op("photo.add", inspection, uuid=new_id(), sha256=sha, checklist_version_id=
                    field.version.id, item_id="T-01", captured_at="2026-11-22T02:00:00Z"))
    _backdate()
    cursor = _pull(client)["cursor"]
    resp = client.put(f"/api/photos/{sha}", data=data, content_type="image/jpeg")
    assert resp.status_code == 201, resp.get_data(as_text=True)
    sent = _pull(client, cursor)["inspections"]
    assert [p["stored"] for i in sent if i["uuid"] == inspection for p in i["photos"]] == [True]
