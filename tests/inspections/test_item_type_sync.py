"""Dates, times and multiple choices through sync: a bad one is refused with its reason, a
multiple choice is one value (the later answer wins, a race opens a conflict), and a chosen
choice that fails makes a finding."""
import copy

import pytest
from sqlalchemy import select

from inspect_app.checklists.loader import content_hash
from inspect_app.extensions import db
from inspect_app.inspections.models import AnswerConflict, Finding, Response

from .conftest import DEFINITION, answer_op, op, push, sign_in, statuses

EARLY, LATE = "2026-11-22T02:00:00Z", "2026-11-22T02:05:00Z"
TYPED = {"id": "C", "title": "Kiểu mới", "items": [
    {"id": "T-NGAY", "text": "Ngày cập nhật bảng niêm yết", "type": "date", "severity": "minor"},
    {"id": "T-GIO", "text": "Giờ mở cửa", "type": "time", "severity": "minor"},
    {"id": "T-LUC", "text": "Thời điểm đến", "type": "datetime", "severity": "minor"},
    {"id": "T-NOI", "text": "Nơi niêm yết", "type": "multiple", "severity": "major", "choices": [
        {"key": "bang", "label": "Bảng niêm yết", "fails": False},
        {"key": "web", "label": "Trang thông tin điện tử", "fails": False},
        {"key": "khong", "label": "Không niêm yết", "fails": True}]},
]}


@pytest.fixture
def typed(field):
    """The field's checklist with a section of the new answer types."""
    definition = copy.deepcopy(DEFINITION)
    definition["sections"].append(TYPED)
    field.version.definition = definition
    # Parsed definitions are cached by this hash: a stale one would serve the old checklist.
    field.version.content_hash = content_hash(definition)
    db.session.commit()
    return field


def _reason(resp) -> str:
    assert statuses(resp) == ["refused"]
    return resp.get_json()["results"][0]["reason"]


def _value(item_id):
    db.session.expire_all()
    return db.session.scalar(select(Response.value).where(Response.item_id == item_id))


@pytest.mark.parametrize("item_id,value,said", [
    ("T-NGAY", "2026-02-30", "không có ngày 30/02/2026"),
    ("T-NGAY", "30/01/2026", "phải là ngày dạng YYYY-MM-DD"),
    ("T-GIO", "24:15", "không có giờ 24:15"),
    ("T-LUC", "2026-11-22 08:00", "phải là ngày giờ dạng YYYY-MM-DDTHH:MM"),
    ("T-NOI", ["bang", "cu"], 'không có lựa chọn "cu"'),
    ("T-NOI", "bang", "phải là danh sách mã các lựa chọn"),
])
def test_a_bad_answer_is_refused_with_its_reason(client, typed, inspection, item_id, value, said):
    reason = _reason(push(client, answer_op(typed, inspection, item_id, value)))
    assert f"mục {item_id}:" in reason and said in reason, reason
    assert _value(item_id) is None


def test_good_answers_are_stored_as_sent(client, typed, inspection):
    ops = [answer_op(typed, inspection, "T-NGAY", "2026-02-28"),
           answer_op(typed, inspection, "T-GIO", "07:30"),
           answer_op(typed, inspection, "T-LUC", "2026-11-22T08:05"),
           answer_op(typed, inspection, "T-NOI", ["web", "bang"])]
    assert statuses(push(client, *ops)) == ["applied"] * 4
    assert [_value(i) for i in ("T-NGAY", "T-GIO", "T-LUC", "T-NOI")] == [
        "2026-02-28", "07:30", "2026-11-22T08:05", ["web", "bang"]]


def test_a_multiple_choice_is_one_value_the_later_answer_wins(client, typed, inspection):
    assert statuses(push(client, answer_op(typed, inspection, "T-NOI", ["bang", "web"], LATE),
                         answer_op(typed, inspection, "T-NOI", ["khong"], EARLY))) == [
        "applied"] * 2
    assert _value("T-NOI") == ["bang", "web"]


def test_a_failing_choice_makes_a_finding_and_unticking_it_clears_it(client, typed, inspection):
    push(client, answer_op(typed, inspection, "T-NOI", ["web", "khong"], EARLY))
    assert [f.item_id for f in db.session.scalars(select(Finding))] == ["T-NOI"]
    push(client, answer_op(typed, inspection, "T-NOI", ["web"], LATE))
    db.session.expire_all()
    assert [f.item_id for f in db.session.scalars(select(Finding))] == []


def test_two_devices_ticking_differently_open_a_conflict(client, typed, inspection):
    def answer(value, at):
        return op("response.set", inspection, checklist_version_id=typed.version.id,
                  item_id="T-NOI", value=value, answered_at=at, base=None)

    assert statuses(push(client, answer(["bang"], EARLY))) == ["applied"]
    sign_in(client, typed.lead)
    assert statuses(push(client, answer(["bang", "web"], LATE), device_id="d-lead")) == ["applied"]
    [conflict] = db.session.scalars(select(AnswerConflict)).all()
    assert [a["value"] for a in conflict.answers] == [["bang"], ["bang", "web"]]
    assert _value("T-NOI") == ["bang", "web"]
