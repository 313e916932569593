"""The sync API keeps to its OpenAPI document: fuzzed in-process with every schemathesis check,
signed in, never a 5xx, answers conform.

Bounded (a few examples per operation and mode, no deadline) so the file runs in well under a
minute. The photo and history endpoints get a stored photo's hash and a real inspection and item,
and pushed ops are aimed at the real inspection, so fuzzing reaches past the first check.
(Driven through Hypothesis directly: schemathesis' pytest loader does not run under pytest 9.)
"""
import hashlib
import json
import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.checks import load_all_checks
from schemathesis.core.parameters import ParameterLocation
# Imported by from_wsgi at first use otherwise: after the browser tests' Playwright greenlets,
# Python 3.11 can fail to parse it ("AST constructor recursion depth mismatch") when pytest
# rewrites this plugin's module; at collection it parses as any module does.
from schemathesis.specs.openapi import schemas as _schemas  # noqa: F401

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, InspectionChecklist
from inspect_app.inspections.openapi import document

from ..photos import images
from .conftest import DEFINITION, answer_op, new_id, op, push, sign_in

load_all_checks()
CHECKS = REGISTRY.get_all()
PUSH = "/api/sync/push"
PHOTO, THUMB = "/api/photos/{sha256}", "/api/photos/{sha256}/thumb"
HISTORY = "/api/inspections/{inspection_uuid}/responses/{checklist_version_id}/{item_id}/history"
EXAMPLES = {PUSH: 60}  # the push has the most to explore
NOTHING_TO_NEGATE = {"/api/openapi.json"}  # no input the schema could be broken in
OPERATIONS = [pytest.param(path, method, mode, id=f"{method.upper()} {path} {mode.value}")
              for path, item in document()["paths"].items()
              for method in item if method in ("get", "head", "post", "put")
              for mode in GenerationMode
              if not (mode == GenerationMode.NEGATIVE and path in NOTHING_TO_NEGATE)]
ITEM_IDS = [item["id"] for section in DEFINITION["sections"] for item in section["items"]]


def test_document_is_served_publicly(client):
    resp = client.get("/api/openapi.json")
    assert resp.status_code == 200
    assert resp.get_json() == document()


@pytest.fixture
def world(client, field):
    """An open inspection of the field team with one answer; the team lead signed in."""
    key = new_id()
    sign_in(client, field.lead)
    db.session.add(Inspection(uuid=key, unit=field.unit, team=field.team, round=field.round,
                              checklist_versions=[InspectionChecklist(
                                  checklist_version=field.version)]))
    db.session.commit()
    push(client, answer_op(field, key, "T-01", "no"))
    photo = images.jpeg(seed=91)
    assert client.put(f"/api/photos/{hashlib.sha256(photo).hexdigest()}", data=photo,
                      content_type="image/jpeg").status_code in (200, 201)
    return {"inspection": key, "version_id": field.version.id, "user": field.lead,
            "sha256": hashlib.sha256(photo).hexdigest()}


def _session_cookie(app, user) -> dict:
    """The signed-in session as a cookie, made directly: the test client's cookie jar is keyed by
    SERVER_NAME, which pytest-flask's live_server leaves set for the rest of the session."""
    serializer = app.session_interface.get_signing_serializer(app)
    return {app.config["SESSION_COOKIE_NAME"]: serializer.dumps({"uid": user.id,
                                                                 "tv": user.token_version})}


@pytest.fixture
def api_schema(app, world):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


def _aimed_at(world):
    """Point generated ops at the real inspection, version and items, so they reach the handlers
    (the values stay whatever the fuzzer made)."""

    def aim(case):
        for n, generated in enumerate(case.body.get("ops") or ()):
            generated["inspection"] = world["inspection"]
            data = generated.get("data")
            if isinstance(data, dict):
                if "checklist_version_id" in data:
                    data["checklist_version_id"] = world["version_id"]
                if isinstance(data.get("item_id"), str):
                    data["item_id"] = ITEM_IDS[n % len(ITEM_IDS)]
        return case

    return aim


@pytest.mark.parametrize("path,method,mode", OPERATIONS)
def test_api_keeps_to_its_document(api_schema, world, client, path, method, mode):
    operation = api_schema[path][method.upper()]
    fixed = {}
    if path == HISTORY and mode == GenerationMode.POSITIVE:
        fixed = {"inspection_uuid": world["inspection"], "checklist_version_id": world["version_id"]}
    if path in (PHOTO, THUMB) and mode == GenerationMode.POSITIVE and method != "put":
        fixed = {"sha256": world["sha256"]}
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed or None)
    if path == PUSH and mode == GenerationMode.POSITIVE:
        strategy = strategy.map(_aimed_at(world))
    cookies = _session_cookie(client.application, world["user"])

    @given(case=strategy)
    @settings(max_examples=EXAMPLES.get(path, 20), deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    def call(case):
        # A case that broke or left out the session cookie on purpose is sent as made.
        meta = case.meta
        broken = "session" in (case.cookies or {}) or (
            meta is not None and meta.is_negative_at(ParameterLocation.COOKIE))
        sent = {} if broken else {"cookies": cookies}
        case.call_and_validate(checks=CHECKS, **sent)

    call()


def test_real_answers_keep_to_the_document(api_schema, world, client, field):
    """Answers full of data (the fuzzer mostly meets refusals) match their schemas too."""
    key = world["inspection"]
    resp = push(client, answer_op(field, key, "T-03", 2, note="Hai hồ sơ"),
                answer_op(field, key, "T-03", -2),
                op("attendance.set", key, uuid=new_id(), staff_member_id=field.staff[0].id,
                   status="late"),
                op("photo.add", key, uuid=new_id(), sha256="cd" * 32, item_id="T-03",
                   checklist_version_id=field.version.id))
    api_schema[PUSH]["POST"].validate_response(resp)
    assert [r["status"] for r in resp.get_json()["results"]] == ["applied", "refused", "applied",
                                                                 "applied"]
    pulled = client.get("/api/sync/pull")
    api_schema["/api/sync/pull"]["GET"].validate_response(pulled)
    again = client.get("/api/sync/pull", query_string={"cursor": pulled.get_json()["cursor"]})
    api_schema["/api/sync/pull"]["GET"].validate_response(again)
    history = client.get(f"/api/inspections/{key}/responses/{field.version.id}/T-01/history")
    assert history.status_code == 200
    api_schema[HISTORY]["GET"].validate_response(history)


def test_every_api_route_and_method_is_in_the_document(app):
    documented = {(path, method.upper()) for path, item in document()["paths"].items()
                  for method in item if method != "parameters"}
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            served |= {(path, m) for m in rule.methods - {"OPTIONS"}}
    # HEAD comes with every GET (HTTP says so); the document names it where it means more.
    implied = {(path, "HEAD") for path, method in served if method == "GET"}
    assert served - implied == documented - implied


def test_op_ids_the_server_refuses_the_document_refuses_too(client, field):
    sign_in(client, field.lead)
    schema = document()["components"]["schemas"]["Op.response.set"]["properties"]["op_id"]
    for op_id in ("a\x00b", "\ud800"):
        assert re.search(schema["pattern"], op_id) is None
        body = f'{{"ops": [{{"op_id": {json.dumps(op_id)}, "type": "response.set"}}]}}'
        assert client.post("/api/sync/push", data=body,
                           content_type="application/json").status_code == 400


@pytest.mark.parametrize("path", ["/api/sync/push", "/api/sync/pull", "/api/openapi.json",
                                  "/api/photos/" + "a" * 64])
def test_an_unsupported_method_is_405_naming_the_allowed_ones(client, path):
    resp = client.open(path, method="TRACE")
    assert resp.status_code == 405
    assert resp.headers.get("Allow"), dict(resp.headers)
