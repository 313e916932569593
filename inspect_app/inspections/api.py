"""The sync API: pull what the device needs, push what it recorded. See docs/sync-protocol.md."""
from datetime import timedelta

from flask import Blueprint, current_app, jsonify, request
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from ..errors import NotFound, Refused
from ..extensions import db
from ..org import roles
from ..org.auth import current_user, public, requires
from ..org.leads import leads_team
from . import batch, fields, merge, openapi, operations, pull
from .models import Inspection, Response

bp = Blueprint("api", __name__, url_prefix="/api")


def init_app(app) -> None:
    app.register_blueprint(bp)


@bp.get("/sync/pull")
@requires(*roles.OFFICE)
def sync_pull():
    """Everything the user may see (or what changed since `cursor`), with a fresh CSRF token."""
    overlap = timedelta(seconds=current_app.config.get("SYNC_PULL_OVERLAP_SECONDS", 120))
    body = pull.pull(current_user(), request.args.get("cursor"), secret=current_app.secret_key,
                     overlap=overlap)
    body["csrf_token"] = generate_csrf()
    body["settings"] = {"unsynced_warning_days": current_app.config.get("UNSYNCED_WARNING_DAYS", 2)}
    resp = jsonify(body)
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.post("/sync/push")
@requires(*roles.FIELD)
def sync_push():
    """Apply the device's ops in order; one result per op."""
    try:
        parsed = batch.parse_batch(batch.parse_json(request.get_data(cache=False)))
    except batch.Malformed as err:
        raise Refused(str(err), status=400) from None
    return jsonify({"results": operations.apply_batch(parsed, current_user())})


@bp.get("/inspections/<uuid:inspection_uuid>/responses/"
        "<int(max=2147483647):checklist_version_id>/<item_id>/history")
@requires(roles.ADMIN, roles.LEAD)
def response_history(inspection_uuid, checklist_version_id, item_id):
    """Every answer an item received (value, by, at), for the team lead to settle disagreements."""
    user = current_user()
    inspection = db.session.scalar(select(Inspection).where(Inspection.uuid == str(inspection_uuid)))
    # Someone else's inspection reads as absent: its existence is not this user's business.
    if not (fields.is_clean_text(item_id) and len(item_id) <= 64):
        raise NotFound("Không có mục này.")
    if inspection is None or not (user.role == roles.ADMIN or leads_team(user, inspection.team_id)):
        raise NotFound("Không tìm thấy phiếu kiểm tra.")
    row = db.session.scalar(select(Response).where(
        Response.inspection_id == inspection.id,
        Response.checklist_version_id == checklist_version_id, Response.item_id == item_id))
    if row is None:
        raise NotFound(f"Mục {item_id} của phiếu chưa có câu trả lời nào.")
    return jsonify(merge.item_history(row))


@bp.get("/openapi.json")
@public
def openapi_document():
    """The formal description of the sync API (OpenAPI 3)."""
    return jsonify(openapi.document())
