"""The OpenAPI 3.1 description of the sync API, served at /api/openapi.json.

Hand-written so it says what docs/sync-protocol.md says; tests/inspections/test_openapi.py fuzzes
the app against it. The envelope of a push is described exactly as the server checks it (a
mismatch is a 400); the `data` of each op is described too, but a wrong `data` is a refused op in
a 200 answer, as the protocol says.
"""
from ..photos.operations import MAX_BATCH, MAX_KNOWN
from .batch import MAX_OPS
from .fields import MAX_NOTE

ERROR = {"$ref": "#/components/responses/Error"}


def _nullable(schema: dict) -> dict:
    kind = schema["type"]
    return {**schema, "type": [kind, "null"] if isinstance(kind, str) else [*kind, "null"]}


STRING = {"type": "string"}
DATE_TIME = {"type": "string", "format": "date-time"}
ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
UUID = {"type": "string", "format": "uuid",
        "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"}
SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
NOTE = {"type": ["string", "null"], "maxLength": MAX_NOTE}
# What the server stores as text (fields.is_clean_text): no NUL, no lone surrogate.
CLEAN = "^[^\\x00\\ud800-\\udfff]+$"
NAME = {"type": "string", "maxLength": 120}
TEXT = {"type": "string", "maxLength": 2000}
LONG = {"type": "string", "maxLength": 20_000}
OFFICE = {"type": ["object", "null"], "required": ["name", "parent"],
          "properties": {"name": STRING, "parent": {"type": ["string", "null"]}},
          "description": "The inspecting body as the minutes' header names it."}


def _obj(required: list[str], **properties) -> dict:
    return {"type": "object", "required": required, "properties": properties}


OP_DATA = {
    "inspection.create": _obj(
        ["unit_id", "team_id", "checklist_version_ids"],
        unit_id=ID, round_id=_nullable(ID), team_id=ID,
        kind={"enum": ["planned", "surprise"]}, started_at=_nullable(DATE_TIME),
        checklist_version_ids={"type": "array", "items": ID, "minItems": 1, "maxItems": 20,
                               "uniqueItems": True},
        location={"type": ["string", "null"], "maxLength": 300},
        members={"type": "array", "maxItems": 50, "items": _obj(
            ["full_name"], user_id=_nullable(ID), full_name={"type": "string", "maxLength": 120},
            position={"type": ["string", "null"], "maxLength": 120},
            team_role={"enum": ["lead", "member", "secretary"]})}),
    "inspection.update": _obj(
        [], location={"type": ["string", "null"], "maxLength": 300},
        ended_at=_nullable(DATE_TIME), status={"enum": ["in_progress", "completed"]}),
    "attendance.set": _obj(
        ["uuid", "status"], uuid=UUID, staff_member_id=_nullable(ID),
        full_name={"type": ["string", "null"], "maxLength": 120},
        position={"type": ["string", "null"], "maxLength": 120},
        status={"enum": ["present", "absent_excused", "absent_unexcused", "late"]}, note=NOTE),
    "response.set": _obj(
        ["checklist_version_id", "item_id", "value"], checklist_version_id=ID,
        item_id={"type": "string", "minLength": 1, "maxLength": 64},
        value={"description": 'By answer type: "yes"/"no"/"na", a count, a number, text, a '
                              'choice key, a date "YYYY-MM-DD", a time "HH:MM", a datetime '
                              '"YYYY-MM-DDTHH:MM", the list of ticked choice keys (multiple); '
                              "for a repeat group's own id, the list of its instance keys "
                              "(1-16 lowercase letters or digits); null clears.",
               "type": ["string", "number", "array", "null"], "maxLength": MAX_NOTE,
               "items": {"type": "string", "minLength": 1}, "maxItems": 200},
        note=NOTE, answered_at=DATE_TIME,
        base={"type": ["string", "null"], "maxLength": 36,
              "description": "The op id of the answer the device showed before this one (null: "
                             "none). Given, the server opens a conflict when the item's current "
                             "answer is another, different one; left out, it never does."}),
    "conflict.settle": _obj(
        ["checklist_version_id", "item_id", "chosen"], checklist_version_id=ID,
        item_id={"type": "string", "minLength": 1, "maxLength": 64},
        chosen={"type": "string", "minLength": 1, "maxLength": 36,
                "description": "The op id of the conflict's answer the team lead chose."}),
    "supplement.add": _obj(
        ["uuid"], uuid=UUID, checklist_version_id=_nullable(ID),
        item_id={"type": ["string", "null"], "maxLength": 64},
        value={"description": "The answer the inspector had recorded, as for response.set."},
        note=NOTE, photos={"type": "array", "maxItems": 20, "items": SHA256},
        reason=_nullable(TEXT), recorded_at=_nullable(DATE_TIME)),
    "photo.add": _obj(
        ["uuid", "sha256"], uuid=UUID, sha256=SHA256, checklist_version_id=_nullable(ID),
        item_id={"type": ["string", "null"], "maxLength": 64}, caption=NOTE,
        captured_at=_nullable(DATE_TIME),
        markup_of={**_nullable(SHA256), "description": "A marked-up copy: the SHA-256 of the "
                   "untouched original, a photo of the same inspection"},
        latitude={"type": ["number", "null"], "minimum": -90, "maximum": 90},
        longitude={"type": ["number", "null"], "minimum": -180, "maximum": 180},
        width={"type": ["integer", "null"], "minimum": 1, "maximum": 100000},
        height={"type": ["integer", "null"], "minimum": 1, "maximum": 100000},
        size_bytes={"type": ["integer", "null"], "minimum": 0, "maximum": 2**31 - 1}),
    "photo.remove": _obj(["uuid"], uuid=UUID),
    "remediation.check": _obj(
        ["remediation_id", "result"], remediation_id=ID,
        result={"enum": ["verified", "still_open"]}, note=NOTE,
        photo_sha256=_nullable(SHA256)),
    "minutes.sign": _obj(
        ["minutes", "draft", "content_hash", "signatures"], minutes=UUID, amends=_nullable(UUID),
        amendment_reason=_nullable(TEXT), content_hash=SHA256,
        draft=_obj([], representatives={"type": "array", "maxItems": 20, "items": _obj(
                        ["full_name"], full_name=NAME, position=_nullable(NAME))},
                   assessment=_nullable(_obj([], strengths=_nullable(LONG),
                                             shortcomings=_nullable(LONG),
                                             causes=_nullable(LONG))),
                   remediation={"type": "array", "maxItems": 300, "items": _obj(
                       ["uuid", "action", "deadline"], uuid=UUID,
                       checklist={"type": ["string", "null"], "maxLength": 64},
                       item={"type": ["string", "null"], "maxLength": 64},
                       action={"type": "string", "minLength": 1, "maxLength": MAX_NOTE},
                       basis={"type": ["string", "null"], "maxLength": 1000},
                       responsible={"type": ["string", "null"], "maxLength": 200},
                       deadline={"type": "string", "format": "date"})},
                   unit_opinion=_nullable(LONG), ended_at=_nullable(DATE_TIME)),
        signatures={"type": "array", "minItems": 1, "maxItems": 5, "items": _obj(
            ["uuid", "role", "full_name", "signed_at"], uuid=UUID,
            role={"enum": ["lead", "unit_rep", "secretary"]}, full_name=NAME,
            title=_nullable(NAME), image_sha256=_nullable(SHA256), refused={"type": "boolean"},
            refusal_reason=_nullable(TEXT), signed_at=DATE_TIME)},
        record={"type": ["object", "null"],
                "description": "The device's record (docs/minutes.md), only to name the first "
                               "difference when the hashes differ."}),
    "minutes.amend": _obj(["minutes", "amends", "reason"], minutes=UUID, amends=UUID,
                          reason={"type": "string", "minLength": 1, "maxLength": 2000}),
}


def _op(op_type: str) -> dict:
    return {
        "type": "object",
        "required": ["op_id", "type"],
        "properties": {
            "op_id": {"type": "string", "minLength": 1, "maxLength": 36, "pattern": CLEAN,
                      "description": "UUID made on the device: with the op's payload, the "
                                     "idempotency key (the same id with another payload is "
                                     "refused)."},
            "type": {"const": op_type},
            "inspection": {"type": ["string", "null"],
                           "description": "UUID of the inspection the op is about.",
                           "examples": ["6f1c2a8e-3b7d-4e0a-9c55-0a1b2c3d4e5f"]},
            "at": {"type": ["string", "null"], "description": "Device time of the op (ISO 8601)."},
            "data": {"anyOf": [{"$ref": f"#/components/schemas/Data.{op_type}"},
                               {"type": "null"}]},
        },
    }


ROUND = _obj(["id", "name", "kind", "status", "team_id", "unit_ids", "checklist_slugs",
              "period_start", "period_end"],
             id=ID, name=STRING, kind=STRING, status=STRING, team_id=_nullable(ID),
             unit_ids={"type": "array", "items": ID}, checklist_slugs={"type": "array",
                                                                      "items": STRING},
             period_start={"type": "string", "format": "date"},
             period_end={"type": "string", "format": "date"},
             plan_ref={"type": ["string", "null"]}, office=OFFICE)
RESPONSE = _obj(["checklist_version_id", "item_id", "value", "note", "answered_at", "answered_by"],
                checklist_version_id=ID, item_id=STRING,
                value={"type": ["string", "number", "null"]}, note=NOTE, answered_at=DATE_TIME,
                answered_by={"type": ["string", "null"]}, answered_by_id=_nullable(ID),
                op_id={"type": ["string", "null"]})
CONFLICT = _obj(["checklist_version_id", "item_id", "answers", "settled_at", "chosen"],
                checklist_version_id=ID, item_id=STRING,
                answers={"type": "array", "items": _obj(
                    ["op_id", "value", "note", "by", "at"], op_id=STRING,
                    value={"type": ["string", "number", "array", "null"]}, note=NOTE,
                    by_id=_nullable(ID), by={"type": ["string", "null"]}, at=DATE_TIME)},
                opened_at=DATE_TIME, settled_at=_nullable(DATE_TIME),
                chosen={"type": ["string", "null"]}, settled_by={"type": ["string", "null"]})
ATTENDANCE = _obj(["uuid", "staff_member_id", "full_name", "position", "status", "note"],
                  uuid=STRING, staff_member_id=_nullable(ID), full_name=STRING,
                  position={"type": ["string", "null"]}, status=STRING, note=NOTE,
                  recorded_at=DATE_TIME, recorded_by={"type": ["string", "null"]})
PHOTO = _obj(["uuid", "sha256", "item_id", "stored"], uuid=STRING, sha256=SHA256,
             checklist_version_id=_nullable(ID), item_id={"type": ["string", "null"]},
             caption=NOTE, captured_at=_nullable(DATE_TIME), stored={"type": "boolean"},
             remediation_item_id=_nullable(ID), added_by={"type": ["string", "null"]})
MINUTES = _obj(["uuid", "status", "public_id", "number", "content_hash", "amends", "pdf_url",
                "verify_url"],
               uuid=STRING, status={"enum": ["signed", "issued"]}, public_id=STRING,
               number={"type": ["string", "null"]}, content_hash=SHA256,
               amends={"type": ["string", "null"]}, pdf_url={"type": ["string", "null"]},
               verify_url={"type": ["string", "null"]})
INSPECTION = _obj(
    ["uuid", "unit_id", "round_id", "team_id", "status", "checklist_version_ids", "responses",
     "attendance", "photos"],
    uuid=STRING, unit_id=ID, round_id=_nullable(ID), team_id=_nullable(ID), kind=STRING,
    status=STRING, started_at=DATE_TIME, ended_at=_nullable(DATE_TIME),
    location={"type": ["string", "null"]},
    checklist_version_ids={"type": "array", "items": ID},
    members={"type": "array", "items": _obj(["full_name", "team_role"],
                                            user_id=_nullable(ID), full_name=STRING,
                                            position={"type": ["string", "null"]},
                                            team_role=STRING)},
    responses={"type": "array", "items": RESPONSE},
    attendance={"type": "array", "items": ATTENDANCE},
    photos={"type": "array", "items": PHOTO},
    minutes={"type": "array", "items": MINUTES},
    conflicts={"type": "array", "items": CONFLICT},
    supplements={"type": "array", "items": _obj(
        ["uuid", "item_id", "value", "note", "photos", "by", "taken"], uuid=STRING,
        checklist_version_id=_nullable(ID), item_id={"type": ["string", "null"]},
        value={"type": ["string", "number", "array", "null"]}, note=NOTE,
        photos={"type": "array", "items": SHA256}, reason={"type": ["string", "null"]},
        by={"type": ["string", "null"]}, recorded_at=_nullable(DATE_TIME),
        created_at=DATE_TIME, taken={"type": "boolean"})})
REMEDIATION = _obj(
    ["id", "uuid", "unit_id", "action", "deadline", "state", "display_state", "finding"],
    id=ID, uuid=STRING, unit_id=ID, action=STRING, responsible={"type": ["string", "null"]},
    deadline={"type": "string", "format": "date"},
    state={"enum": ["open", "reported", "verified", "reopened"]},
    display_state={"enum": ["open", "reported", "verified", "reopened", "overdue"]},
    finding={"anyOf": [{"type": "null"}, _obj(
        ["item_id", "checklist_slug", "description"], item_id={"type": ["string", "null"]},
        checklist_slug={"type": ["string", "null"]}, description=STRING, severity=STRING)]})
PULL = _obj(
    ["cursor", "full", "server_time", "csrf_token", "user", "units", "staff", "checklists",
     "rounds", "inspections", "remediation", "removed"],
    cursor={"type": "string", "description": "Opaque; send it back as `cursor` next time."},
    full={"type": "boolean"}, server_time=DATE_TIME, csrf_token=STRING,
    settings=_obj(["unsynced_warning_days"], unsynced_warning_days={
        "type": "number", "description": "Warn on the device when unsynced work is older"}),
    user=_obj(["id", "username", "full_name", "role", "teams"],
              id=ID, username=STRING, full_name=STRING,
              role={"enum": ["admin", "lead", "inspector", "viewer"]},
              teams={"type": "array", "items": _obj(
                  ["id", "name", "team_role"], id=ID, name=STRING, team_role=STRING,
                  decision_ref={"type": ["string", "null"]}, office=OFFICE,
                  members={"type": "array", "items": _obj(
                      ["user_id", "full_name", "team_role"], user_id=ID, full_name=STRING,
                      position={"type": ["string", "null"]}, team_role=STRING)})}),
    units={"type": "array", "items": _obj(
        ["id", "name", "kind", "parent_id", "historical"], id=ID, name=STRING, kind=STRING,
        code={"type": ["string", "null"]}, parent_id=_nullable(ID),
        historical={"type": "boolean"}, merged_into_id=_nullable(ID))},
    staff={"type": "array", "items": _obj(
        ["id", "unit_id", "full_name", "position", "active"], id=ID, unit_id=ID,
        full_name=STRING, position={"type": ["string", "null"]}, active={"type": "boolean"})},
    checklists={"type": "array", "items": _obj(
        ["id", "slug", "version", "title", "definition"], id=ID, slug=STRING,
        version={"type": "integer"}, title=STRING, definition={"type": "object"})},
    rounds={"type": "array", "items": ROUND},
    inspections={"type": "array", "items": INSPECTION},
    remediation={"type": "array", "items": REMEDIATION},
    removed=_obj(["rounds", "inspections", "remediation"],
                 rounds={"type": "array", "items": ID},
                 inspections={"type": "array", "items": STRING},
                 remediation={"type": "array", "items": ID}))
PUSH_REQUEST = {
    "type": "object",
    "required": ["ops"],
    "properties": {
        "device_id": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": CLEAN},
        "ops": {"type": "array", "maxItems": MAX_OPS,
                "items": {"oneOf": [{"$ref": f"#/components/schemas/Op.{t}"} for t in OP_DATA]}},
    },
}
PUSH_RESPONSE = _obj(["results"], results={"type": "array", "items": _obj(
    ["op_id", "status"], op_id=STRING, status={"enum": ["applied", "duplicate", "refused"]},
    reason={"type": "string", "description": "Vietnamese: which inspection and item, and what "
                                             "to do. Only for refused ops."})})
HISTORY = {"type": "array", "items": _obj(
    ["value", "by", "at", "current"], value={"type": ["string", "number", "null"]}, note=NOTE,
    by={"type": ["string", "null"]}, by_id=_nullable(ID), at=DATE_TIME,
    op_id={"type": ["string", "null"]}, current={"type": "boolean"})}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _image(description: str) -> dict:
    return {"description": description,
            "headers": {"ETag": {"schema": STRING}, "Cache-Control": {"schema": STRING}},
            "content": {t: {"schema": {"type": "string", "format": "binary"}}
                        for t in ("image/jpeg", "image/png", "image/webp")}}


def _errors(*codes: int) -> dict:
    return {str(code): ERROR for code in codes}


PHOTO_HASH = {"name": "sha256", "in": "path", "required": True, "schema": SHA256}
STORED_PHOTO = _obj(["sha256", "stored"], sha256=SHA256, width=ID, height=ID,
                    stored={"type": "boolean"})
# One photo of a batch: stored (`created` false when the server already had it), or refused with
# the status and reason a PUT of it alone would have had. `sha256` is the part's name as sent.
BATCH_RESULT = {"oneOf": [
    _obj(["sha256", "stored", "created"], sha256=SHA256, width=ID, height=ID,
         stored={"const": True}, created={"type": "boolean"}),
    _obj(["sha256", "stored", "status", "error"], sha256=STRING, stored={"const": False},
         status={"enum": sorted({400, 413, 415, 422})}, error=STRING)]}


def _photo_get(summary: str, description: str) -> dict:
    """A stored image, by its hash: the photo and its thumbnail answer alike."""
    return {"summary": summary,
            "responses": {"200": _image(description), "304": {"description": "Not modified (ETag)."},
                          **_errors(400, 401, 403, 404)}}


def document() -> dict:
    """The whole OpenAPI document as a dict."""
    schemas = {f"Data.{t}": data for t, data in OP_DATA.items()}
    schemas.update({f"Op.{t}": _op(t) for t in OP_DATA})
    schemas.update({"Error": _obj(["error"], error=STRING, field=STRING)})
    return {
        "openapi": "3.1.0",
        "info": {"title": "inspect_app sync API", "version": "1",
                 "description": "Device ⇄ server sync; see docs/sync-protocol.md. Sign in at "
                                "/login first: the session cookie authenticates, and unsafe "
                                "methods send the CSRF token (from the pull) as X-CSRFToken."},
        "components": {
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "session"}},
            "schemas": schemas,
            "responses": {"Error": _json({"$ref": "#/components/schemas/Error"},
                                         "Refused, with a Vietnamese sentence in `error`.")},
        },
        "security": [{"session": []}],
        "paths": {
            "/api/sync/pull": {"get": {
                "summary": "What this user may see, or what changed since the cursor",
                "parameters": [{"name": "cursor", "in": "query", "required": False,
                                "schema": {"type": "string"}}],
                "responses": {"200": _json(PULL, "The device's data and a new cursor."),
                              **_errors(400, 401, 403)}}},
            "/api/sync/push": {"post": {
                "summary": "Apply the device's operations, in order, each once",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": PUSH_REQUEST}}},
                "responses": {"200": _json(PUSH_RESPONSE, "One result per op, in order."),
                              **_errors(400, 401, 403, 413)}}},
            "/api/photos/{sha256}": {
                "parameters": [PHOTO_HASH],
                "get": _photo_get("The stored photo (office roles; a unit head: own unit's)",
                                  "The photo, metadata stripped."),
                "head": {"summary": "200 when the server has these bytes, 404 when not",
                         "responses": {"200": {"description": "Stored."},
                                       "404": {"description": "Not stored yet."},
                                       **_errors(400, 401, 403)}},
                "put": {"summary": "Upload the photo's bytes (shrunk on the device)",
                        "requestBody": {"required": True, "content": {
                            t: {"schema": {"type": "string", "format": "binary"}}
                            for t in ("image/jpeg", "image/png", "image/webp")}},
                        "responses": {
                            "200": _json(STORED_PHOTO, "Already stored."),
                            "201": _json(STORED_PHOTO, "Stored."),
                            **_errors(400, 401, 403, 413, 415, 422)}},
            },
            "/api/photos/batch": {"post": {
                "summary": "Upload several photos at once: a file part per photo, named by its "
                           "SHA-256; each is stored or refused on its own",
                "requestBody": {"required": True, "content": {"multipart/form-data": {
                    "schema": {"type": "object", "minProperties": 1,
                               "maxProperties": MAX_BATCH, "propertyNames": SHA256,
                               "additionalProperties": {"type": "string",
                                                        "format": "binary"}},
                    "encoding": {"*": {"contentType": "image/jpeg, image/png, image/webp"}}}}},
                "responses": {"200": _json(_obj(["results"], results={
                    "type": "array", "items": BATCH_RESULT}), "One result per part, in order."),
                    **_errors(400, 401, 403, 413, 415)}}},
            "/api/photos/known": {"post": {
                "summary": "Which of these photos the server already has (the device uploads "
                           "the others); a photo the user may not see counts as not stored",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": _obj(["sha256"], sha256={
                        "type": "array", "maxItems": MAX_KNOWN, "items": SHA256})}}},
                "responses": {"200": _json(_obj(["known"], known={
                    "type": "array", "items": SHA256}), "The stored ones among them."),
                    **_errors(400, 401, 403)}}},
            "/api/photos/{sha256}/thumb": {
                "parameters": [PHOTO_HASH],
                "get": _photo_get("The stored thumbnail (JPEG, at most 400 px)",
                                  "The thumbnail.")},
            "/api/inspections/{inspection_uuid}/responses/{checklist_version_id}/{item_id}/history": {
                "parameters": [
                    {"name": "inspection_uuid", "in": "path", "required": True, "schema": UUID},
                    {"name": "checklist_version_id", "in": "path", "required": True,
                     "schema": ID},
                    {"name": "item_id", "in": "path", "required": True,
                     "schema": {"type": "string", "minLength": 1, "maxLength": 64,
                                "pattern": "^[^/]+$"}}],
                "get": {"summary": "Every answer the item received (team lead or admin)",
                        "responses": {"200": _json(HISTORY, "Oldest first."),
                                      **_errors(401, 403, 404)}}},
            "/api/openapi.json": {"get": {
                "summary": "This document", "security": [],
                "responses": {"200": {"description": "OpenAPI 3.1",
                                      "content": {"application/json": {"schema": {
                                          "type": "object"}}}}}}},
        },
    }
