"""Office pages to browse checklists and their versions."""
from flask import Blueprint, render_template
from sqlalchemy import select

from .. import nav
from ..errors import NotFound
from ..extensions import db
from ..org import roles
from ..org.auth import requires
from ..timeutil import utcnow, vietnam_time
from . import operations
from .legal import basis_text
from .loader import iter_items
from .models import Checklist

bp = Blueprint("checklists", __name__, url_prefix="/checklists")

TYPE_LABELS = {"yes_no": "Có/Không", "count": "Số lượng", "number": "Số", "text": "Ghi chú",
               "choice": "Lựa chọn", "computed": "Tự tính"}
KIND_LABELS = {"law": "Luật", "decree": "Nghị định", "circular": "Thông tư",
               "decision": "Quyết định", "directive": "Chỉ thị", "regulation": "Quy chế",
               "resolution": "Nghị quyết"}


@bp.route("/")
@requires(*roles.OFFICE)
def index():
    rows = [(v, sum(1 for _ in iter_items(v.definition))) for v in operations.current_versions()]
    return render_template("checklists/index.html", rows=rows)


@bp.route("/<slug>/v<int:version>")
@requires(*roles.OFFICE)
def show(slug, version):
    row = operations.get_version(slug, version)
    if row is None:
        raise NotFound("Không tìm thấy phiên bản bộ phiếu này.")
    versions = db.session.scalar(select(Checklist).where(Checklist.slug == slug)).versions
    today = vietnam_time(utcnow()).date()
    return render_template("checklists/show.html", row=row, d=row.definition, versions=versions,
                           type_labels=TYPE_LABELS, today=today, kind_labels=KIND_LABELS,
                           basis=lambda item: basis_text(row.definition, item, today))


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Bộ phiếu kiểm tra", "checklists.index", roles.OFFICE, short="Bộ phiếu")
