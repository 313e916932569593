"""Opaque failures: every refused op says which inspection (unit and day) and which item, what
is wrong, and what the inspector can do, in one Vietnamese sentence pair the device shows as is."""
import re

import pytest

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection

from .conftest import answer_op, new_id, op, push, statuses

WHERE = re.compile(r"^Phiếu kiểm tra Xã Tân Lập ngày 22/11/2026(?:, mục (?P<item>[\w-]+))?: "
                   r"(?P<problem>[^A-ZĐ].+?)\. (?P<todo>[A-ZĐ][^.]+\.?)$")


def _photo(field, inspection, **overrides):
    data = {"uuid": new_id(), "sha256": "a" * 64, "checklist_version_id": field.version.id,
            "item_id": "T-01", "captured_at": "2026-11-22T02:00:00Z"}
    return op("photo.add", inspection, **{**data, **overrides})


CASES = {
    "answer not of its type": lambda f, i: answer_op(f, i, "T-01", "có lẽ"),
    "item not in the checklist": lambda f, i: answer_op(f, i, "T-99", "yes"),
    "count below zero": lambda f, i: answer_op(f, i, "T-03", -2),
    "answer time not a time": lambda f, i: answer_op(f, i, "T-04", 40, answered_at="hôm qua"),
    "checklist version not of the inspection": lambda f, i: op(
        "response.set", i, checklist_version_id=f.version.id + 99, item_id="T-01", value="yes",
        answered_at="2026-11-22T02:00:00Z"),
    "photo on an item the inspection lacks": lambda f, i: _photo(f, i, item_id="T-42"),
    "photo on an item with no checklist": lambda f, i: _photo(f, i, checklist_version_id=None),
    "person not on the unit's roster": lambda f, i: op(
        "attendance.set", i, uuid=new_id(), staff_member_id=987654, status="present"),
    "attendance status unknown": lambda f, i: op(
        "attendance.set", i, uuid=new_id(), full_name="Phạm Thị Dung", status="ngủ gật"),
    "unknown remediation item": lambda f, i: op(
        "remediation.check", i, remediation_id=987654, result="verified"),
}
ITEM_OPS = {"answer not of its type": "T-01", "item not in the checklist": "T-99",
            "count below zero": "T-03", "answer time not a time": "T-04",
            "checklist version not of the inspection": "T-01",
            "photo on an item the inspection lacks": "T-42",
            "photo on an item with no checklist": "T-01"}


@pytest.mark.parametrize("case", CASES)
def test_refusal_says_where_what_and_what_to_do(client, field, inspection, case):
    resp = push(client, CASES[case](field, inspection))
    assert statuses(resp) == ["refused"]
    reason = resp.get_json()["results"][0]["reason"]
    said = WHERE.match(reason)
    assert said, reason
    assert said["item"] == ITEM_OPS.get(case), reason


def test_refusal_after_signing_says_whom_to_ask(client, field, inspection):
    db.session.query(Inspection).filter_by(uuid=inspection).update({"status": "signed"})
    db.session.commit()
    reason = push(client, answer_op(field, inspection, "T-01", "no")).get_json()["results"][0][
        "reason"]
    said = WHERE.match(reason)
    assert said and said["item"] == "T-01", reason
    assert said["todo"] == "Nếu cần bổ sung, hãy báo trưởng đoàn lập biên bản bổ sung"
