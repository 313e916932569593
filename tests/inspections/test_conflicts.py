"""Two devices answering one item differently, neither having seen the other's answer: the item
is in conflict on the server until the team lead chooses, and the minutes wait for that choice."""
import pytest
from sqlalchemy import func, select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.inspections.models import AnswerConflict, Inspection, Response

from ..minutes.site import (  # noqa: F401  (fixtures)
    new_id,
    op,
    pull,
    push,
    sign_in,
    site_fixture,
    statuses,
    worked_fixture,
)

EARLY, LATE = "2026-11-22T03:00:00Z", "2026-11-22T03:05:00Z"


def _answer(site, key, value, at, *, base=None, note=None, op_id=None):
    return op("response.set", key, op_id=op_id, checklist_version_id=site.version.id,
              item_id="KL-03", value=value, note=note, answered_at=at, base=base)


def _settle(site, key, chosen, op_id=None, **extra):
    return op("conflict.settle", key, op_id=op_id, checklist_version_id=site.version.id,
              item_id="KL-03", chosen=chosen, **extra)


def _current():
    db.session.expire_all()
    return db.session.scalar(select(Response).where(Response.item_id == "KL-03"))


def _conflicts():
    db.session.expire_all()
    return db.session.scalars(select(AnswerConflict).order_by(AnswerConflict.id)).all()


def _pulled(client, key):
    [inspection] = [i for i in pull(client)["inspections"] if i["uuid"] == key]
    return inspection


@pytest.fixture
def raced(client, site, worked):
    """KL-03 answered 2 by the lead (worked), then 0 by the inspector on a phone that never saw
    that answer; returns (inspection uuid, the lead's op id, the inspector's op id)."""
    lead_op = _current().op_uuid
    sign_in(client, site.inspector)
    mine = _answer(site, worked, 0, LATE, base=None, note="Đủ người")
    assert statuses(push(client, mine)) == ["applied"]
    return worked, lead_op, mine["op_id"]


def test_answers_that_raced_open_a_conflict_both_devices_pull(client, site, raced):
    key, lead_op, mine = raced
    [conflict] = _conflicts()
    assert conflict.settled_at is None
    assert [(a["op_id"], a["value"], a["note"], a["by"]) for a in conflict.answers] == [
        (lead_op, 2, "Hai công chức vắng", "Trần Văn Khải"), (mine, 0, "Đủ người", "Lê Thị Thu Hà")]
    assert _current().value == 0  # the later answer is current meanwhile, by the merge rule
    for user in (site.inspector, site.lead):
        sign_in(client, user)
        [pulled] = _pulled(client, key)["conflicts"]
        assert (pulled["item_id"], pulled["settled_at"], len(pulled["answers"])) == (
            "KL-03", None, 2)
        assert pulled["answers"][0]["at"] == "2026-11-22T02:10:00.500000Z"


def test_an_answer_given_over_the_one_shown_is_an_edit_not_a_conflict(client, site, worked):
    current = _current().op_uuid
    sign_in(client, site.inspector)
    # Its device clock is behind, yet it saw the current answer: the edit stands.
    assert statuses(push(client, _answer(site, worked, 5, EARLY, base=current))) == ["applied"]
    assert _current().value == 5
    assert _conflicts() == []
    # The pull names the current answer's op, which the next edit gives as its base.
    sign_in(client, site.lead)
    [kl03] = [r for r in _pulled(client, worked)["responses"] if r["item_id"] == "KL-03"]
    assert kl03["op_id"] == _current().op_uuid


def test_the_same_answer_from_two_devices_is_no_conflict(client, site, worked):
    sign_in(client, site.inspector)
    push(client, _answer(site, worked, 2, LATE, note="Hai công chức vắng"))
    assert _conflicts() == []


def test_a_device_that_does_not_send_its_base_is_never_in_conflict(client, site, worked):
    sign_in(client, site.inspector)
    ops = _answer(site, worked, 0, LATE)
    del ops["data"]["base"]  # an older app
    assert statuses(push(client, ops)) == ["applied"]
    assert _conflicts() == [] and _current().value == 0


def test_signing_is_refused_while_a_conflict_is_open_naming_the_item(client, site, raced):
    key, *_ = raced
    sign_in(client, site.lead)
    [result] = push(client, site.sign(key))
    assert result["status"] == "refused"
    assert "còn câu trả lời khác nhau giữa hai máy ở mục KL-03" in result["reason"]
    assert "Trưởng đoàn hãy chọn một câu trả lời" in result["reason"]
    db.session.expire_all()
    assert db.session.scalar(select(Inspection.status).where(Inspection.uuid == key)) != "signed"


def test_only_the_lead_settles(client, site, raced):
    key, lead_op, _mine = raced
    sign_in(client, site.inspector)
    [result] = push(client, _settle(site, key, lead_op))
    assert result["status"] == "refused" and "chỉ trưởng đoàn chọn câu trả lời" in result["reason"]
    assert _conflicts()[0].settled_at is None


def test_lead_settles_with_one_choice_and_every_device_sees_it(client, site, raced):
    key, lead_op, mine = raced
    sign_in(client, site.lead)
    settle = _settle(site, key, mine)
    assert statuses(push(client, settle)) == ["applied"]
    row = _current()
    assert (row.value, row.note, row.answered_by_id, row.op_uuid) == (
        0, "Đủ người", site.inspector.id, settle["op_id"])
    [conflict] = _conflicts()
    assert (conflict.chosen_op_id, conflict.settled_by_id) == (mine, site.lead.id)
    sign_in(client, site.inspector)
    [pulled] = _pulled(client, key)["conflicts"]
    assert (pulled["chosen"], pulled["settled_by"]) == (mine, "Trần Văn Khải")
    # The minutes may now be signed.
    sign_in(client, site.lead)
    assert statuses(push(client, site.sign(key))) == ["applied"]
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "sync.conflict.settle")) == 1


def test_replayed_settlement_changes_nothing(client, site, raced):
    key, lead_op, _mine = raced
    sign_in(client, site.lead)
    settle = _settle(site, key, lead_op)
    assert statuses(push(client, settle)) == ["applied"]
    before = (_current().value, _conflicts()[0].settled_at)
    assert statuses(push(client, settle)) == ["duplicate"]
    # The same choice sent again from another device of the lead is no new change either.
    assert statuses(push(client, _settle(site, key, lead_op))) == ["applied"]
    assert (_current().value, _conflicts()[0].settled_at) == before
    [other] = push(client, _settle(site, key, raced[2]))
    assert other["status"] == "refused" and "không có câu trả lời nào đang chờ" in other["reason"]


def test_answers_arriving_while_open_join_the_conflict_one_per_person(client, site, raced):
    key, lead_op, mine = raced
    sign_in(client, site.inspector)
    again = _answer(site, key, 1, "2026-11-22T03:06:00Z", base=mine)
    push(client, again)
    [conflict] = _conflicts()
    assert [(a["by"], a["value"]) for a in conflict.answers] == [
        ("Trần Văn Khải", 2), ("Lê Thị Thu Hà", 1)]


@pytest.mark.parametrize("change, problem", [
    (lambda d: d.pop("chosen"), "“chosen”"),
    (lambda d: d.update(chosen=7), "“chosen”"),
    (lambda d: d.update(chosen="x" * 37), "“chosen”"),
    (lambda d: d.update(chosen=new_id()), "không nằm trong các câu trả lời khác nhau"),
    (lambda d: d.update(item_id="KL-99"), "không có mục này"),
    (lambda d: d.update(checklist_version_id="một"), "“checklist_version_id”"),
])
def test_bad_settlements_are_refused_saying_what_is_wrong(client, site, raced, change, problem):
    key, lead_op, _mine = raced
    sign_in(client, site.lead)
    settle = _settle(site, key, lead_op)
    change(settle["data"])
    [result] = push(client, settle)
    assert result["status"] == "refused" and problem in result["reason"]
    assert _conflicts()[0].settled_at is None


def test_a_settlement_that_is_not_an_op_object_is_a_400_with_a_json_reason(client, site, raced):
    key, lead_op, _mine = raced
    sign_in(client, site.lead)
    settle = _settle(site, key, lead_op)
    settle["data"] = ["not", "an", "object"]
    resp = client.post("/api/sync/push", json={"device_id": "d-test", "ops": [settle]})
    assert resp.status_code == 400 and "`data`" in resp.get_json()["error"]
