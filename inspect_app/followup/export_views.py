"""Office downloads: findings and remediation state as CSV or XLSX."""
from flask import Blueprint, Response, request

from .. import spreadsheets
from ..errors import NotFound
from ..org import roles
from ..org.auth import current_user, requires
from ..timeutil import vietnam_today
from . import exports
from .operations import get_visible_round, visible_rounds

bp = Blueprint("exports", __name__, url_prefix="/exports")


@bp.route("/findings.<fmt>")
@requires(roles.ADMIN, roles.LEAD, roles.VIEWER)
def findings(fmt):
    """One row per finding; `?round=ID` for one round. A lead gets their teams' rounds only."""
    if fmt not in exports.FORMATS:
        raise NotFound("Chỉ xuất được tệp .csv hoặc .xlsx.")
    user = current_user()
    round_id = request.args.get("round", type=int)
    if round_id is not None:
        round_ids = [get_visible_round(user, round_id).id]
    elif user.role == roles.LEAD:
        round_ids = [r.id for r in visible_rounds(user)]
    else:
        round_ids = None
    rows = exports.finding_rows(round_ids, vietnam_today())
    name = f"ton-tai-han-che{'-dot-' + str(round_id) if round_id else ''}.{fmt}"
    return Response(exports.export(rows, fmt), mimetype=spreadsheets.MIMETYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def init_app(app) -> None:
    app.register_blueprint(bp)
