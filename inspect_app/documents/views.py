"""The office's documents on the web: the list, one document with its chain, its PDF, and the
office's buttons that draft (to read first) and issue each kind."""
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from .. import nav, spreadsheets
from ..downloads import pdf_response
from ..errors import NotFound
from ..extensions import db
from ..followup.models import Round
from ..followup.operations import visible_rounds
from ..minutes.models import Minutes
from ..org import roles
from ..org.auth import current_user, requires
from ..timeutil import vietnam_today
from . import access, chain, issuing, listing
from .filter_form import DocumentFilterForm
from .kinds import KINDS
from .models import OfficeDocument

bp = Blueprint("documents", __name__)
OFFICE = (roles.ADMIN, roles.LEAD, roles.VIEWER)
KIND_NAMES = {k: m.NAME for k, m in KINDS.items()}


def _target(kind: str, target_id: str):
    """The round (plan, decision, report) or the minutes (notice, by public id) of a kind."""
    if kind not in KINDS:
        raise NotFound("Không có loại văn bản này.")
    if kind == "notice":
        target = db.session.scalar(select(Minutes).where(Minutes.public_id == target_id))
    else:
        target = db.session.get(Round, int(target_id)) if target_id.isdigit() else None
    if target is None:
        raise NotFound("Không tìm thấy biên bản hoặc đợt kiểm tra.")
    return target


def _filter_form() -> DocumentFilterForm:
    form = DocumentFilterForm(request.args, rounds=visible_rounds(current_user()))
    form.validate()
    return form


@bp.route("/office/documents")
@requires(*OFFICE)
def index():
    """Every document the reader may see, newest first, 50 a page; filters in the query string."""
    form = _filter_form()
    page = listing.page(current_user(), form.filters(), request.args.get("page", 1, type=int))
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "documents/index.html", form=form, page=page, names=KIND_NAMES,
        page_url=lambda number: url_for("documents.index", **args, page=number),
        export_url=lambda fmt: url_for("documents.export", fmt=fmt, **args))


@bp.route("/office/documents.<fmt>")
@requires(*OFFICE)
def export(fmt):
    """The same list, every page of it, as a spreadsheet."""
    if fmt not in spreadsheets.FORMATS:
        raise NotFound("Chỉ xuất được tệp .csv hoặc .xlsx.")
    data = spreadsheets.export(fmt, "Văn bản đã ban hành", listing.COLUMNS, listing.WIDTHS,
                               listing.every_row(current_user(), _filter_form().filters()))
    return Response(data, mimetype=spreadsheets.MIMETYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="van-ban-da-ban-hanh.{fmt}"'})


@bp.route("/documents/<public_id>")
@requires(*roles.ALL)
def show(public_id):
    user = current_user()
    doc = access.get_visible(user, public_id)
    links = chain.links(doc, reader=user)
    return render_template("documents/show.html", doc=doc, name=KIND_NAMES[doc.kind],
                           links=links)


@bp.route("/documents/<public_id>.pdf")
@requires(*roles.ALL)
def download(public_id):
    doc = access.get_visible(current_user(), public_id)
    return pdf_response(issuing.pdf_of(doc), f"{doc.kind}-{doc.number.replace('/', '-')}.pdf",
                        doc.pdf_sha256)


@bp.route("/office/documents/<kind>/<target_id>/draft.pdf")
@requires(*access.ISSUERS)
def draft(kind, target_id):
    """The document as it would be issued today, unnumbered, to read before issuing."""
    target = _target(kind, target_id)
    record, _ = chain.draft(kind, target, vietnam_today())
    return pdf_response(issuing.draft_pdf(kind, record, vietnam_today()), f"du-thao-{kind}.pdf")


@bp.route("/office/documents/<kind>/<target_id>", methods=["POST"])
@requires(*access.ISSUERS)
def issue(kind, target_id):
    doc = chain.issue(kind, _target(kind, target_id), current_user())
    flash(f"Đã ban hành {KIND_NAMES[kind].lower()} số {doc.number}.")
    return redirect(url_for("documents.show", public_id=doc.public_id))


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Văn bản", "documents.index", OFFICE)

    @app.context_processor
    def _documents():
        # The round and inspection pages show their chain and the office's issue buttons.
        return {"document_chain": chain, "may_issue_documents": access.may_issue,
                "document_kinds": KIND_NAMES}
