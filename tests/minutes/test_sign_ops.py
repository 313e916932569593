"""`minutes.sign`: frozen only when the server's record hashes as the device's, by the lead."""
import copy

import pytest
from sqlalchemy import func, select

from inspect_app.audit.models import AuditEvent
from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection
from inspect_app.minutes.canonical import minutes_hash
from inspect_app.minutes.models import Minutes, Signature
from inspect_app.minutes.record import build_record
from inspect_app.org import roles

from .site import (  # noqa: F401  (fixtures)
    new_id,
    op,
    pull,
    push,
    sign_in,
    site_fixture,
    statuses,
    worked_fixture,
)


def _inspection(key) -> Inspection:
    db.session.expire_all()
    return db.session.scalar(select(Inspection).where(Inspection.uuid == key))


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_signed_minutes_freeze_the_record_and_the_inspection(client, site, worked):
    sign = site.sign(worked)
    assert statuses(push(client, sign)) == ["applied"]
    inspection = _inspection(worked)
    minutes = db.session.scalar(select(Minutes))
    assert (inspection.status, minutes.status, minutes.uuid) == (
        "signed", "signed", sign["data"]["minutes"])
    assert minutes.content_hash == sign["data"]["content_hash"] == minutes_hash(minutes.record)
    assert minutes.record["unit_opinion"] == "Đơn vị thống nhất với nội dung biên bản."
    assert minutes.record["assessment"]["causes"] is None  # stored as it was hashed
    assert inspection.ended_at.isoformat() == "2026-11-22T04:40:30"  # as the record says
    assert sorted((s.signer_role, s.refused) for s in minutes.signatures) == [
        ("lead", False), ("unit_rep", False)]
    assert {s.content_hash for s in minutes.signatures} == {minutes.content_hash}
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "minutes.signed")).details["minutes"] == minutes.uuid


def test_hash_mismatch_is_refused_naming_the_first_difference(client, site, worked):
    draft = site.draft()
    minutes = new_id()
    device = build_record(_inspection(worked), draft, minutes)
    device = copy.deepcopy(device)
    items = device["checklists"][1]["sections"][0]["items"]
    items[2]["value"] = 3  # the device still showed an older answer to KL-03
    sign = site.sign(worked, draft, minutes=minutes, content_hash=minutes_hash(device),
                     record=device)
    [result] = push(client, sign)
    assert result["status"] == "refused"
    assert result["reason"] == (
        "Nội dung biên bản UBND xã Tân Lập ngày 22/11/2026 trên máy khác với máy chủ: "
        "câu KL-03 (máy: 3, máy chủ: 2). Hãy đồng bộ, xem lại và ký lại.")
    assert _inspection(worked).status == "in_progress"
    assert (_count(Minutes), _count(Signature)) == (0, 0)


def test_hash_mismatch_without_the_device_record_still_says_what_to_do(client, site, worked):
    [result] = push(client, site.sign(worked, content_hash="0" * 64))
    assert result["status"] == "refused"
    assert "trên máy khác với máy chủ: mã băm máy 000000000000…" in result["reason"]
    assert result["reason"].endswith("Hãy đồng bộ, xem lại và ký lại.")


def test_unit_rep_refusing_to_sign_is_accepted_and_recorded(client, site, worked):
    assert statuses(push(client, site.sign(worked, refused=True))) == ["applied"]
    rep = db.session.scalar(select(Signature).where(Signature.signer_role == "unit_rep"))
    assert (rep.refused, rep.image_sha256, rep.refusal_reason) == (
        True, None, "Không đồng ý kết luận câu KL-02")
    assert _inspection(worked).status == "signed"


def test_refusal_needs_a_reason(client, site, worked):
    sign = site.sign(worked, refused=True)
    sign["data"]["signatures"][1]["refusal_reason"] = "  "
    [result] = push(client, sign)
    assert result["status"] == "refused" and "phải nêu lý do" in result["reason"]


def test_lead_signature_missing_is_refused(client, site, worked):
    [result] = push(client, site.sign(worked, lead=False))
    assert result["status"] == "refused"
    assert "thiếu chữ ký của trưởng đoàn" in result["reason"]
    sign = site.sign(worked)
    lead = sign["data"]["signatures"][0]
    lead.update(refused=True, image_sha256=None, refusal_reason="Không ký")
    [result] = push(client, sign)
    assert result["status"] == "refused" and "chỉ đại diện đơn vị" in result["reason"]
    assert _count(Minutes) == 0


def test_unit_rep_must_sign_or_refuse(client, site, worked):
    sign = site.sign(worked)
    del sign["data"]["signatures"][1]
    [result] = push(client, sign)
    assert result["status"] == "refused" and "đại diện đơn vị" in result["reason"]


def test_non_lead_may_not_sign(client, site, worked):
    sign_in(client, site.inspector)
    [result] = push(client, site.sign(worked))
    assert result["status"] == "refused"
    assert "chỉ trưởng đoàn (hoặc quản trị trong đoàn) được ký biên bản" in result["reason"]


def test_admin_on_the_team_may_sign(client, site, worked):
    sign_in(client, site.admin)
    assert statuses(push(client, site.sign(worked))) == ["applied"]


def test_replayed_sign_is_a_duplicate_and_changes_nothing(client, site, worked):
    sign = site.sign(worked)
    assert statuses(push(client, sign)) == ["applied"]
    counts = [_count(m) for m in (Minutes, Signature, AuditEvent)]
    assert statuses(push(client, sign)) == ["duplicate"]
    assert [_count(m) for m in (Minutes, Signature, AuditEvent)] == counts


def test_ops_on_a_signed_inspection_are_refused(client, site, worked):
    assert statuses(push(client, site.sign(worked))) == ["applied"]
    [result] = push(client, site.answer(worked, "KL-03", 0))
    assert result["status"] == "refused" and "biên bản đã ký" in result["reason"]
    [again] = push(client, site.sign(worked))
    assert again["status"] == "refused"


def test_an_answer_after_the_sign_in_the_same_push_is_refused(client, site, worked):
    # The answer before the sign (unchanged, so the hash still matches) has the inspection read
    # once for the answers after it; the sign must make the next answer read it again.
    results = push(client, site.answer(worked, "KL-01", "yes"), site.sign(worked),
                   site.answer(worked, "KL-04", 1))
    assert statuses(results) == ["applied", "applied", "refused"]
    assert "biên bản đã ký" in results[2]["reason"]


@pytest.mark.parametrize("change, field", [
    (lambda d: d.update(minutes="NOT-A-UUID"), "minutes"),
    (lambda d: d.update(minutes=d["minutes"].upper()), "minutes"),
    (lambda d: d["draft"]["remediation"][0].update(deadline="07/12/2026"), "deadline"),
    (lambda d: d["draft"]["remediation"][0].update(action=""), "action"),
    (lambda d: d["signatures"][0].update(role="chairman"), "role"),
    (lambda d: d["signatures"][0].update(image_sha256="ABC"), "image_sha256"),
    (lambda d: d["signatures"][0].update(full_name=None), "full_name"),
    (lambda d: d.update(content_hash=None), "content_hash"),
    (lambda d: d.update(signatures="all"), "signatures"),
    (lambda d: d["draft"].update(ended_at="20261122T044030"), "ended_at"),
    (lambda d: d["draft"].update(representatives=[{"position": "Chủ tịch"}]), "full_name"),
])
def test_malformed_sign_data_is_refused_naming_the_field(client, site, worked, change, field):
    sign = site.sign(worked)
    change(sign["data"])
    [result] = push(client, sign)
    assert result["status"] == "refused" and f"“{field}”" in result["reason"]


def test_signed_inspection_stays_in_the_pull_with_its_minutes(client, site, worked):
    sign = site.sign(worked)
    push(client, sign)
    [inspection] = pull(client)["inspections"]
    assert inspection["status"] == "signed"
    [minutes] = inspection["minutes"]
    assert minutes["uuid"] == sign["data"]["minutes"] and minutes["status"] == "signed"
    assert minutes["content_hash"] == sign["data"]["content_hash"]
    assert (minutes["number"], minutes["pdf_url"], minutes["amends"]) == (None, None, None)


def test_unit_head_and_viewer_cannot_push_a_sign(client, site, worked, make_user):
    sign_in(client, make_user(roles.VIEWER))
    resp = client.post("/api/sync/push", json={"ops": [site.sign(worked)]})
    assert resp.status_code == 403


def test_amend_needs_signed_minutes(client, site, worked):
    [result] = push(client, op("minutes.amend", worked, minutes=new_id(), amends=new_id(),
                               reason="Sửa"))
    assert result["status"] == "refused" and "chưa có biên bản đã ký" in result["reason"]
