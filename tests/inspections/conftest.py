"""Fixtures for sync tests: a small checklist of every answer type, a team on an active round,
and helpers to push ops the way a device does."""
import uuid
from datetime import date

import pytest

from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.org import roles

# The normalised shape of a checklist version's definition, as checklists/loader.py writes it
# (less the fields sync does not read: legal sources, basis, weight, guidance).
DEFINITION = {
    "slug": "thu-nghiem",
    "title": "Bảng kiểm thử nghiệm",
    "deadline_days": {"minor": 30, "major": 15, "critical": 7},
    "sections": [
        {"id": "A", "title": "Kỷ luật", "items": [
            {"id": "T-01", "text": "Cán bộ đeo thẻ công chức", "type": "yes_no",
             "severity": "minor"},
            {"id": "T-02", "text": "Có cán bộ uống rượu bia trong giờ làm việc", "type": "yes_no",
             "compliant": "no", "severity": "major"},
            {"id": "T-03", "text": "Số hồ sơ trễ hạn", "type": "count", "fail_if": "> 0",
             "severity": "major"},
        ]},
        {"id": "B", "title": "Niêm yết", "items": [
            {"id": "T-04", "text": "Tỷ lệ hồ sơ trực tuyến (%)", "type": "number",
             "fail_if": "< 50", "severity": "minor"},
            {"id": "T-05", "text": "Ghi nhận khác", "type": "text"},
            {"id": "T-06", "text": "Bảng niêm yết thủ tục", "type": "choice", "choices": [
                {"key": "full", "label": "Đầy đủ, cập nhật", "fails": False},
                {"key": "outdated", "label": "Có nhưng chưa cập nhật", "fails": True},
                {"key": "missing", "label": "Không có", "fails": True}], "severity": "critical"},
        ]},
    ],
}


def new_id() -> str:
    return str(uuid.uuid4())


@pytest.fixture
def version(app):
    """A checklist with one version holding DEFINITION."""
    checklist = Checklist(slug="thu-nghiem", title="Bảng kiểm thử nghiệm")
    v = ChecklistVersion(version=1, content_hash="a" * 64, definition=DEFINITION)
    checklist.versions.append(v)
    db.session.add(checklist)
    db.session.commit()
    return v


class Field:
    """A unit with staff, a team (lead + inspector) and an active round at that unit."""

    def __init__(self, unit, staff, lead, inspector, team, round_, version):
        self.unit, self.staff, self.lead, self.inspector = unit, staff, lead, inspector
        self.team, self.round, self.version = team, round_, version


@pytest.fixture
def field(make_unit, make_staff, make_user, make_team, version):
    unit = make_unit("Xã Tân Lập")
    staff = [make_staff(unit), make_staff(unit)]
    lead = make_user(roles.LEAD)
    inspector = make_user(roles.INSPECTOR)
    team = make_team(lead=lead, members=[inspector])
    rnd = Round(name="Đợt kiểm tra tháng 11", kind="planned", status="active", team=team,
                period_start=date(2026, 11, 1), period_end=date(2026, 11, 30), units=[unit],
                checklists=[version.checklist])
    db.session.add(rnd)
    db.session.commit()
    return Field(unit, staff, lead, inspector, team, rnd, version)


def sign_in(client, user):
    """Sign the client in as `user` (as the sign-in page would)."""
    with client.session_transaction() as s:
        s["uid"] = user.id
        s["tv"] = user.token_version


def op(op_type: str, inspection: str | None, op_id: str | None = None, **data) -> dict:
    return {"op_id": op_id or new_id(), "type": op_type, "inspection": inspection,
            "at": "2026-11-22T02:00:00Z", "data": data}


def create_op(field, inspection_uuid: str, **overrides) -> dict:
    data = {"unit_id": field.unit.id, "round_id": field.round.id, "team_id": field.team.id,
            "kind": "planned", "started_at": "2026-11-22T01:05:00Z",
            "checklist_version_ids": [field.version.id], "location": "Trụ sở UBND xã"}
    data.update(overrides)
    return op("inspection.create", inspection_uuid, **data)


def answer_op(field, inspection_uuid, item_id, value, answered_at="2026-11-22T02:00:00Z",
              op_id=None, note=None) -> dict:
    return op("response.set", inspection_uuid, op_id=op_id, checklist_version_id=field.version.id,
              item_id=item_id, value=value, note=note, answered_at=answered_at)


def push(client, *ops, device_id="d-test"):
    """POST the ops; returns the response (status asserted by the caller when it matters)."""
    return client.post("/api/sync/push", json={"device_id": device_id, "ops": list(ops)})


def statuses(resp) -> list[str]:
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return [r["status"] for r in resp.get_json()["results"]]


@pytest.fixture
def inspection(client, field):
    """An inspection created through the API by the field inspector, who stays signed in."""
    key = new_id()
    sign_in(client, field.inspector)
    assert statuses(push(client, create_op(field, key))) == ["applied"]
    return key
