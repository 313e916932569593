"""Walk every route with every role: each says who may use it, and everyone else is turned away.

New routes join the walk automatically. A route argument the walk cannot fill fails loudly:
teach `world` below how to make an object for it. The sync API's op types are routes by another
name: each is pushed by every role at another team's inspection of a unit and its remediation
item, and a new op type without an example in OP_EXAMPLES fails the walk.
"""
import hashlib
import io
from datetime import date, datetime

import pytest
from PIL import Image

from inspect_app import create_app
from inspect_app.checklists.models import Checklist, ChecklistVersion
from inspect_app.extensions import db
from inspect_app.followup.models import Round
from inspect_app.inspections import openapi
from inspect_app.inspections.models import Finding, Inspection, Response
from inspect_app.inspections.operations import HANDLERS
from inspect_app.minutes import files as minutes_files
from inspect_app.minutes.models import Minutes
from inspect_app.org import roles
from inspect_app.org.auth import PUBLIC
from inspect_app.photos import operations as photo_ops
from inspect_app.remediation import reports as remediation_reports
from inspect_app.remediation.models import RemediationItem, RemediationReport
from inspect_app.storage import storage

ANONYMOUS = "anonymous"


def _collect_routes():
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods & {"GET", "POST", "PUT", "PATCH", "DELETE"}):
            routes.append(pytest.param(rule.rule, rule.endpoint, method, id=f"{method} {rule.rule}"))
    return app, routes


_APP, ROUTES = _collect_routes()


def test_every_route_declares_who_may_use_it():
    undeclared = [
        endpoint
        for endpoint, view in _APP.view_functions.items()
        if endpoint != "static" and not hasattr(view, "allowed_roles")
    ]
    assert undeclared == [], "decorate these views with @requires(...) or @public"


@pytest.fixture
def world(make_unit, make_staff, make_user, make_team):
    """One object of each kind, named by the route arguments that point at them."""
    unit = make_unit()
    staff = make_staff(unit)
    user = make_user(roles.INSPECTOR)
    team = make_team(lead=make_user(roles.LEAD))
    checklist = Checklist(slug="thu-nghiem", title="Phiếu thử nghiệm")
    checklist.versions.append(ChecklistVersion(version=1, content_hash="0" * 64, definition={
        "slug": "thu-nghiem", "title": "Phiếu thử nghiệm", "sections": []}))
    rnd = Round(name="Đợt thử", period_start=date(2026, 1, 1), period_end=date(2026, 1, 31),
                units=[unit], team=team)
    db.session.add_all([checklist, rnd])
    db.session.commit()
    inspection = Inspection(uuid="0b6a2f1e-8a53-4c1e-9d0e-3f5c2a7b9e10", unit=unit, team=team,
                            round=rnd)
    inspection.responses.append(Response(checklist_version=checklist.versions[0], item_id="X-01",
                                         value="yes", answered_at=datetime(2026, 1, 5, 2)))
    finding = Finding(uuid="6e0d6c2a-54b1-4a5e-a2c9-1b7d3e9f0a44", inspection=inspection,
                      checklist_slug="thu-nghiem", item_id="X-01", description="Chưa đạt")
    db.session.add_all([inspection, finding])
    db.session.commit()
    photo = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 30, 20)).save(photo, "JPEG")
    sha256 = hashlib.sha256(photo.getvalue()).hexdigest()
    photo_ops.save_files(sha256, photo.getvalue(), photo.getvalue())
    # Issued minutes with a stored (unsigned) PDF: the walk checks access, not contents.
    minutes = Minutes(public_id="pub7x2k9q4m", status="issued", inspection=inspection,
                      content_hash="1" * 64, number="01/BB-ĐKT",
                      record={"unit": {"id": unit.id, "name": unit.name},
                              "started_at": "2026-01-05T02:00:00Z"},
                      pdf_sha256=minutes_files.store_pdf(b"%PDF-1.4\n%%EOF\n"))
    db.session.add(minutes)
    item = RemediationItem(uuid="5d1c0f7a-3b2e-4c8d-9a61-7e2f4b8c0d13", inspection=inspection,
                           unit=unit, action="Niêm yết lại thủ tục", deadline=date(2026, 1, 20))
    reported = RemediationItem(uuid="8e2d1f4b-4c3a-4d9e-8b72-0f3a5c9d1e24", inspection=inspection,
                               unit=unit, action="Công khai kết quả", deadline=date(2026, 1, 20),
                               state="reported")
    report = RemediationReport(unit=unit, signer_name="Người ký", pdf_sha256="2" * 64)
    storage().put(remediation_reports.pdf_key(report.pdf_sha256), b"%PDF-1.4\n%%EOF\n")
    db.session.add_all([item, reported, report])
    db.session.commit()
    return {
        "unit_id": unit.id, "staff_id": staff.id, "user_id": user.id, "team_id": team.id,
        "round_id": rnd.id, "slug": checklist.slug, "version": 1,
        "inspection_uuid": inspection.uuid, "checklist_version_id": checklist.versions[0].id,
        "item_id": "X-01", "sha256": sha256, "public_id": minutes.public_id,
        "remediation_id": item.id, "report_id": report.id, "fmt": "csv",
        "finding_id": finding.id, "reported_remediation_id": reported.id,
        "kind": "report", "target_id": str(rnd.id),
    }


def _url(rule: str, world: dict) -> str:
    rule_obj = next(r for r in _APP.url_map.iter_rules() if r.rule == rule)
    missing = set(rule_obj.arguments) - set(world)
    assert not missing, f"teach the route walk how to fill {missing} for {rule}"
    return rule_obj.build({a: world[a] for a in rule_obj.arguments})[1]


def _sign_in(client, make_user, role):
    if role == ANONYMOUS:
        return
    user = make_user(role)
    with client.session_transaction() as s:
        s["uid"] = user.id
        s["tv"] = user.token_version


@pytest.mark.parametrize("role", [ANONYMOUS, *roles.ALL])
@pytest.mark.parametrize("rule,endpoint,method", ROUTES)
def test_route_admits_only_its_roles(app, make_user, world, rule, endpoint, method, role):
    allowed = app.view_functions[endpoint].allowed_roles
    client = app.test_client()
    _sign_in(client, make_user, role)
    resp = client.open(_url(rule, world), method=method)
    status = resp.status_code
    assert status < 500, resp.get_data(as_text=True)[:500]
    if allowed == PUBLIC:
        assert status not in (401, 403)
    elif role == ANONYMOUS:
        if rule.startswith("/api/"):
            assert status == 401
        else:
            assert status == 302 and resp.headers["Location"].startswith("/login")
    elif role in allowed:
        assert status not in (401, 403), f"{role} should be let in"
    else:
        assert status == 403, f"{role} must be turned away, got {status}"


# One well-formed op of each type, aimed at the walk's inspection (of another team) and its items.
OP_EXAMPLES = {
    "inspection.create": lambda w: {"unit_id": w["unit_id"], "round_id": w["round_id"],
                                    "team_id": w["team_id"], "kind": "planned",
                                    "checklist_version_ids": [w["checklist_version_id"]]},
    "inspection.update": lambda w: {"status": "completed"},
    "attendance.set": lambda w: {"uuid": "3c9e7a1d-2b4f-4e6a-9d8c-5f1a2b3c4d5e",
                                 "staff_member_id": w["staff_id"], "status": "present"},
    "response.set": lambda w: {"checklist_version_id": w["checklist_version_id"],
                               "item_id": "X-01", "value": "no"},
    "photo.add": lambda w: {"uuid": "4d0f8b2e-3c5a-4f7b-8e9d-6a2b3c4d5e6f", "sha256": w["sha256"]},
    "photo.remove": lambda w: {"uuid": "4d0f8b2e-3c5a-4f7b-8e9d-6a2b3c4d5e6f"},
    "remediation.check": lambda w: {"remediation_id": w["reported_remediation_id"],
                                    "result": "verified"},
    "minutes.sign": lambda w: {"minutes": "5e1a9c3f-4d6b-4a8c-9f0e-7b3c4d5e6f70",
                               "content_hash": "3" * 64, "draft": {}, "signatures": [
                                   {"uuid": "6f2b0d4a-5e7c-4b9d-8a1f-8c4d5e6f7081",
                                    "role": "lead", "full_name": "Trưởng đoàn",
                                    "signed_at": "2026-01-05T03:00:00Z"}]},
    "minutes.amend": lambda w: {"minutes": "7a3c1e5b-6f8d-4cae-9b20-9d5e6f708192",
                                "amends": "8b4d2f6c-7a9e-4dbf-8c31-ae6f708192a3",
                                "reason": "Sửa tên đơn vị"},
    "conflict.settle": lambda w: {"checklist_version_id": w["checklist_version_id"],
                                  "item_id": "X-01",
                                  "chosen": "9d5f3a7e-8c0b-4d2e-8f53-c0819203a4b5"},
    "supplement.add": lambda w: {"uuid": "ae604b8f-9d1c-4e3f-9a64-d192a3b4c5d6",
                                 "checklist_version_id": w["checklist_version_id"],
                                 "item_id": "X-01", "value": "no", "note": "Bổ sung"},
}


def test_every_op_type_has_an_example_in_the_walk():
    from inspect_app.inspections import (  # noqa: F401
        ops_conflicts,
        ops_evidence,
        ops_inspection,
        ops_supplements,
    )
    from inspect_app.minutes import ops  # noqa: F401

    assert set(HANDLERS) == set(openapi.OP_DATA) == set(OP_EXAMPLES)


@pytest.mark.parametrize("role", [ANONYMOUS, *roles.ALL])
@pytest.mark.parametrize("op_type", sorted(OP_EXAMPLES))
def test_op_type_is_refused_to_everyone_off_the_team(app, make_user, world, op_type, role):
    client = app.test_client()
    _sign_in(client, make_user, role)
    aimed = {"op_id": f"w-{op_type}-{role}"[:36], "type": op_type, "at": "2026-01-05T03:00:00Z",
             "inspection": world["inspection_uuid"] if op_type != "inspection.create"
             else "9c5e3a7d-8b0f-4e1c-9d42-bf708192a3b4",
             "data": OP_EXAMPLES[op_type](world)}
    # The same op naming no inspection: no way round the team rule.
    unaimed = {**aimed, "op_id": f"n-{op_type}-{role}"[:36], "inspection": None}
    resp = client.post("/api/sync/push", json={"device_id": "d-walk", "ops": [aimed, unaimed]})
    allowed = app.view_functions["api.sync_push"].allowed_roles
    if role == ANONYMOUS:
        assert resp.status_code == 401
    elif role not in allowed:
        assert resp.status_code == 403
    else:
        first, second = resp.get_json()["results"]
        assert first["status"] == "refused", first
        assert "không thuộc đoàn" in first["reason"], first["reason"]
        assert second["status"] == "refused", second
    item = db.session.get(RemediationItem, world["reported_remediation_id"])
    assert (item.state, item.events) == ("reported", [])
