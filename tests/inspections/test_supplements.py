"""An edit refused because the minutes were signed can reach the team lead as a supplement."""
import pytest
from sqlalchemy import select

from inspect_app.extensions import db
from inspect_app.inspections.models import Supplement

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

PHOTO = "ab" * 32


@pytest.fixture
def signed(client, site, worked):
    """The worked inspection with its minutes signed by the lead; the inspector signed in."""
    assert statuses(push(client, site.sign(worked))) == ["applied"]
    sign_in(client, site.inspector)
    return worked


def _supplement(site, key, op_id=None, **overrides):
    data = {"uuid": new_id(), "checklist_version_id": site.version.id, "item_id": "KL-01",
            "value": "no", "note": "Một cán bộ không đeo thẻ lúc 10:15", "photos": [PHOTO],
            "reason": "biên bản đã ký, phiếu không nhận thay đổi nữa",
            "recorded_at": "2026-11-22T05:00:00Z"}
    data.update(overrides)
    return op("supplement.add", key, op_id=op_id, **data)


def _rows():
    db.session.expire_all()
    return db.session.scalars(select(Supplement).order_by(Supplement.id)).all()


def test_a_late_edit_refused_after_signing_reaches_the_lead_as_a_supplement(client, site, signed):
    [refused] = push(client, site.answer(signed, "KL-01", "no"))
    assert refused["status"] == "refused" and "biên bản đã ký" in refused["reason"]
    sent = _supplement(site, signed)
    assert statuses(push(client, sent)) == ["applied"]
    [row] = _rows()
    assert (row.item_id, row.value, row.note, row.photo_sha256s, row.user_id) == (
        "KL-01", "no", "Một cán bộ không đeo thẻ lúc 10:15", [PHOTO], site.inspector.id)
    sign_in(client, site.lead)
    [inspection] = [i for i in pull(client)["inspections"] if i["uuid"] == signed]
    [pulled] = inspection["supplements"]
    assert (pulled["by"], pulled["value"], pulled["photos"], pulled["taken"]) == (
        "Lê Thị Thu Hà", "no", [PHOTO], False)


def test_replayed_supplement_is_a_duplicate(client, site, signed):
    sent = _supplement(site, signed)
    assert statuses(push(client, sent)) == ["applied"]
    assert statuses(push(client, sent)) == ["duplicate"]
    [again] = push(client, _supplement(site, signed, uuid=sent["data"]["uuid"]))
    assert again["status"] == "refused" and "đã có trên máy chủ" in again["reason"]
    assert len(_rows()) == 1


def test_supplement_needs_signed_minutes(client, site, worked):
    sign_in(client, site.inspector)
    [result] = push(client, _supplement(site, worked))
    assert result["status"] == "refused" and "biên bản chưa ký" in result["reason"]


def test_someone_off_the_team_cannot_send_a_supplement(client, site, signed, make_user):
    from inspect_app.org import roles
    sign_in(client, make_user(roles.INSPECTOR))
    [result] = push(client, _supplement(site, signed))
    assert result["status"] == "refused" and "không thuộc đoàn kiểm tra" in result["reason"]
    assert _rows() == []


def test_a_viewer_cannot_push_a_supplement(client, site, signed, make_user):
    from inspect_app.org import roles
    sign_in(client, make_user(roles.VIEWER))
    resp = client.post("/api/sync/push", json={"ops": [_supplement(site, signed)]})
    assert resp.status_code == 403 and resp.get_json()["error"]


@pytest.mark.parametrize("change, problem", [
    ({"uuid": "không-phải-uuid"}, "“uuid”"),
    ({"value": "có lẽ"}, "không hợp lệ"),
    ({"photos": ["ABC"]}, "“photos”"),
    ({"photos": "ảnh"}, "“photos”"),
    ({"item_id": "KL-99"}, "không có mục này"),
    ({"item_id": None, "checklist_version_id": None}, "“value”"),
    ({"value": None, "note": None, "photos": []}, "không có nội dung"),
    ({"note": "x" * 20_001}, "“note”"),
])
def test_bad_supplements_are_refused_saying_what_is_wrong(client, site, signed, change, problem):
    [result] = push(client, _supplement(site, signed, **change))
    assert result["status"] == "refused" and problem in result["reason"], result
    assert _rows() == []


def test_amended_minutes_take_in_the_supplements(client, site, signed):
    push(client, _supplement(site, signed))
    sign_in(client, site.lead)
    db.session.expire_all()
    from inspect_app.minutes.models import Minutes
    first = db.session.scalar(select(Minutes.uuid))
    new = new_id()
    assert statuses(push(client, op("minutes.amend", signed, minutes=new, amends=first,
                                    reason="Bổ sung mục KL-01"))) == ["applied"]
    assert statuses(push(client, site.sign(signed, minutes=new, amends=first,
                                           reason="Bổ sung mục KL-01"))) == ["applied"]
    [row] = _rows()
    assert row.minutes.uuid == new
