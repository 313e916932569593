"""Office pages to browse checklists and their versions."""
from flask import Blueprint, g, render_template, request
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


UPLOAD_TYPES = (".xls", ".xlsx")


@bp.route("/import", methods=["GET", "POST"])
@requires(roles.ADMIN)
def import_xlsform():
    """Upload an XLSForm; strict or lenient; the same report as the command line."""
    from . import xlsform
    from .xlsform_read import MAX_BYTES

    if request.method == "GET":
        return render_template("checklists/import.html")
    upload, lenient = request.files.get("form"), request.form.get("mode") == "lenient"
    name = (upload.filename or "") if upload else ""
    if not name.lower().endswith(UPLOAD_TYPES):
        return render_template("checklists/import.html",
                               error="Chọn tệp biểu mẫu XLSForm .xls hoặc .xlsx."), 400
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return render_template("checklists/import.html",
                               error="Tệp lớn hơn 5 MB, không nhập được."), 400
    conversion = xlsform.convert(None, lenient=lenient, data=data, filename=name)
    result = None
    if conversion.definition is not None:
        result = operations.import_definition(conversion.definition, name, g.user)
    return render_template("checklists/import.html", conversion=conversion, result=result,
                           lenient=lenient), 200 if result else 422


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Bộ phiếu kiểm tra", "checklists.index", roles.OFFICE, short="Bộ phiếu")
