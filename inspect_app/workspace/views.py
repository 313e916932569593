"""The office's list of inspections (HTML, CSV, XLSX), filtered the same way in each."""
from flask import Blueprint, Response, render_template, request, url_for

from .. import nav, spreadsheets
from ..errors import NotFound
from ..followup.operations import followed_team_ids, visible_rounds
from ..org import roles
from ..org.auth import current_user, requires
from ..timeutil import vietnam_today
from . import listing, table
from .forms import FilterForm

bp = Blueprint("workspace", __name__, url_prefix="/office")
OFFICE = (roles.ADMIN, roles.LEAD, roles.VIEWER)


def _form() -> FilterForm:
    form = FilterForm(request.args, rounds=visible_rounds(current_user()))
    form.validate()
    return form


@bp.route("/inspections")
@requires(*OFFICE)
def inspections():
    """Every inspection the user follows, newest first, 50 a page; filters in the query string."""
    form = _form()
    page = listing.page(form.filters(), followed_team_ids(current_user()), vietnam_today(),
                        request.args.get("page", 1, type=int))
    args = {k: v for k, v in request.args.items() if k != "page" and v}

    def page_url(number):
        return url_for("workspace.inspections", **args, page=number)

    return render_template("workspace/inspections.html", form=form, page=page, page_url=page_url,
                           export_url=lambda fmt: url_for("workspace.export", fmt=fmt, **args))


@bp.route("/inspections.<fmt>")
@requires(*OFFICE)
def export(fmt):
    """The same list, every page of it, as a spreadsheet."""
    if fmt not in spreadsheets.FORMATS:
        raise NotFound("Chỉ xuất được tệp .csv hoặc .xlsx.")
    rows = listing.every_row(_form().filters(), followed_team_ids(current_user()),
                             vietnam_today())
    data = spreadsheets.export(fmt, "Các cuộc kiểm tra", table.COLUMNS, table.WIDTHS,
                               (table.values(r) for r in rows))
    return Response(data, mimetype=spreadsheets.MIMETYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="cac-cuoc-kiem-tra.{fmt}"'})


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Các cuộc kiểm tra", "workspace.inspections", OFFICE, short="Cuộc kiểm tra")
