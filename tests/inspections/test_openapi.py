"""The sync API keeps to its OpenAPI document: fuzzed in-process, never a 5xx, answers conform.

Bounded (a few examples per operation and mode, no deadline) so the file runs in well under a
minute. Wrong `data` inside an op is a refused op in a 200 answer by design, so the checks that
expect invalid data to be rejected with a 4xx are not run; everything about the answers is.
(Driven through Hypothesis directly: schemathesis' pytest loader does not run under pytest 9.)
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from inspect_app.extensions import db
from inspect_app.inspections.models import Inspection, InspectionChecklist
from inspect_app.inspections.openapi import document

from .conftest import DEFINITION, answer_op, new_id, op, push, sign_in

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
PUSH = "/api/sync/push"
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
    return {"inspection": key, "version_id": field.version.id, "user": field.lead}


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
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed or None)
    if path == PUSH and mode == GenerationMode.POSITIVE:
        strategy = strategy.map(_aimed_at(world))
    cookies = _session_cookie(client.application, world["user"])

    @given(case=strategy)
    @settings(max_examples=EXAMPLES.get(path, 20), deadline=None, derandomize=True,
              database=None, suppress_health_check=list(HealthCheck))
    def call(case):
        case.call_and_validate(cookies=cookies, checks=CHECKS)

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
