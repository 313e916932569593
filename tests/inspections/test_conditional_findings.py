"""Checklists that adapt: findings, refusals and history follow what is shown, not what was typed."""
from sqlalchemy import select

from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.inspections.models import Finding, Inspection, Response, ResponseRevision

from .conftest import answer_op, create_op, new_id, push, sign_in, statuses

LOGIC = {
    "slug": "mot-cua-thu", "title": "Một cửa (thử)", "deadline_days": {"major": 15},
    "sections": [{"id": "A", "title": "Hồ sơ trễ hạn", "items": [
        {"id": "L-01", "text": "Số hồ sơ trễ hạn", "type": "count", "fail_if": "> 0",
         "severity": "major"},
        {"id": "L-02", "text": "Số hồ sơ trễ hạn không có Phiếu xin lỗi", "type": "count",
         "relevant": "${L-01} > 0", "fail_if": "> 0", "severity": "critical"},
        {"id": "L-03", "text": "Tỷ lệ hồ sơ trễ hạn có Phiếu xin lỗi", "type": "computed",
         "relevant": "${L-01} > 0", "calculate": "(${L-01} - ${L-02}) / ${L-01} * 100",
         "fail_if": "< 100", "severity": "major"},
    ]}],
}


def _inspection(client, field, definition=LOGIC, content_hash="e" * 64):
    checklist = Checklist(slug=definition["slug"], title=definition["title"])
    version = ChecklistVersion(version=1, content_hash=content_hash, definition=definition)
    checklist.versions.append(version)
    db.session.add(checklist)
    db.session.commit()
    key = new_id()
    sign_in(client, field.inspector)
    assert statuses(push(client, create_op(field, key, checklist_version_ids=[version.id]))) == [
        "applied"]
    return key, version.id


def _answer_op(key, version_id, item_id, value, at):
    return {"op_id": new_id(), "type": "response.set", "inspection": key, "at": at,
            "data": {"checklist_version_id": version_id, "item_id": item_id, "value": value,
                     "answered_at": at}}


def _answer(client, key, version_id, item_id, value, at):
    return push(client, _answer_op(key, version_id, item_id, value, at))


def _findings(key):
    db.session.expire_all()
    return {f.item_id: f.description for f in db.session.scalars(
        select(Finding).join(Inspection).where(Inspection.uuid == key))}


def test_findings_follow_conditions_and_computed_items(client, field):
    key, vid = _inspection(client, field)
    assert statuses(_answer(client, key, vid, "L-01", 4, "2026-11-22T02:00:00Z")) == ["applied"]
    assert statuses(_answer(client, key, vid, "L-02", 1, "2026-11-22T02:01:00Z")) == ["applied"]
    found = _findings(key)
    assert set(found) == {"L-01", "L-02", "L-03"}
    assert "giá trị tính được 75" in found["L-03"]

    # All late dossiers had their apology after all: coverage 100 %, its finding goes.
    assert statuses(_answer(client, key, vid, "L-02", 0, "2026-11-22T02:02:00Z")) == ["applied"]
    assert set(_findings(key)) == {"L-01"}

    # No dossier was late: L-02 and L-03 are hidden; L-02's earlier answers stay in history.
    _answer(client, key, vid, "L-02", 2, "2026-11-22T02:03:00Z")
    assert set(_findings(key)) == {"L-01", "L-02", "L-03"}
    _answer(client, key, vid, "L-01", 0, "2026-11-22T02:04:00Z")
    assert _findings(key) == {}
    row = db.session.scalars(select(Response).join(Inspection).where(
        Inspection.uuid == key, Response.item_id == "L-02")).one()
    assert row.value == 2
    assert db.session.scalar(select(db.func.count()).select_from(ResponseRevision).where(
        ResponseRevision.response_id == row.id)) >= 2


def test_answers_pushed_together_leave_the_findings_of_their_last_state(client, field):
    # A device coming back online sends a whole morning at once, a refused answer among them.
    key, vid = _inspection(client, field)
    ops = [_answer_op(key, vid, "L-01", 4, "2026-11-22T02:00:00Z"),
           _answer_op(key, vid, "L-02", 1, "2026-11-22T02:01:00Z"),
           _answer_op(key, vid, "L-03", 50, "2026-11-22T02:02:00Z"),  # computed: refused
           _answer_op(key, vid, "L-02", 0, "2026-11-22T02:03:00Z")]
    assert statuses(push(client, *ops)) == ["applied", "applied", "refused", "applied"]
    assert set(_findings(key)) == {"L-01"}

    # Shown, failed, then hidden again within one push: no finding is left behind.
    ops = [_answer_op(key, vid, "L-02", 3, "2026-11-22T02:04:00Z"),
           _answer_op(key, vid, "L-01", 0, "2026-11-22T02:05:00Z")]
    assert statuses(push(client, *ops)) == ["applied", "applied"]
    assert _findings(key) == {}


def test_answer_to_a_computed_item_is_refused(client, field):
    key, vid = _inspection(client, field)
    resp = _answer(client, key, vid, "L-03", 50, "2026-11-22T02:00:00Z")
    assert statuses(resp) == ["refused"]
    assert "mục L-03: mục này do ứng dụng tự tính" in resp.get_json()["results"][0]["reason"]


def test_plain_checklists_keep_one_finding_per_failed_answer(client, field, inspection):
    assert statuses(push(client, answer_op(field, inspection, "T-03", 2))) == ["applied"]
    assert set(_findings(inspection)) == {"T-03"}


SAMPLED = {
    "slug": "ho-so-mau", "title": "Hồ sơ mẫu", "deadline_days": {"major": 15},
    "sections": [
        {"id": "A", "title": "Tổng hợp", "items": [
            {"id": "S-01", "text": "Số hồ sơ mẫu thiếu Phiếu xin lỗi", "type": "computed",
             "calculate": "count_if(${mau}, ${HS-XL} = 'no')", "fail_if": "> 0",
             "severity": "major"}]},
        {"id": "mau", "title": "Hồ sơ lấy mẫu", "repeat": {"min": 0, "max": 3, "label": "Hồ sơ"},
         "items": [
             {"id": "HS-MA", "text": "Mã hồ sơ", "type": "text"},
             {"id": "HS-XL", "text": "Có Phiếu xin lỗi", "type": "yes_no", "severity": "major"}]},
    ],
}


def test_repeat_group_answers_per_instance_and_findings_count_them(client, field):
    key, vid = _inspection(client, field, SAMPLED, "f" * 64)
    ok = [_answer(client, key, vid, "mau", ["a1", "b2"], "2026-11-22T02:00:00Z"),
          _answer(client, key, vid, "HS-MA#a1", "H01", "2026-11-22T02:01:00Z"),
          _answer(client, key, vid, "HS-XL#a1", "yes", "2026-11-22T02:02:00Z"),
          _answer(client, key, vid, "HS-MA#b2", "H02", "2026-11-22T02:03:00Z"),
          _answer(client, key, vid, "HS-XL#b2", "no", "2026-11-22T02:04:00Z")]
    assert [statuses(r) for r in ok] == [["applied"]] * 5
    found = _findings(key)
    assert set(found) == {"S-01", "HS-XL"}
    assert "1/2 hồ sơ chưa đạt" in found["HS-XL"]

    # The second dossier taken out of the sample: its answers stay, its failure goes.
    _answer(client, key, vid, "mau", ["a1"], "2026-11-22T02:05:00Z")
    assert _findings(key) == {}


def test_repeat_group_answers_that_do_not_fit_are_refused(client, field):
    key, vid = _inspection(client, field, SAMPLED, "f" * 64)
    for item_id, value, why in (
            ("HS-XL", "yes", "trả lời riêng cho từng lần"),
            ("HS-XL#A!", "yes", "không có mục này"),
            ("mau", ["a1", "a1"], "có mã bị lặp"),
            ("mau", ["a1", "b2", "c3", "d4"], "nhiều hơn 3 lần"),
            ("mau", "a1", "phải là danh sách")):
        resp = _answer(client, key, vid, item_id, value, "2026-11-22T02:00:00Z")
        assert statuses(resp) == ["refused"], item_id
        assert why in resp.get_json()["results"][0]["reason"], item_id
