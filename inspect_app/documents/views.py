"""The office's documents on the web: the list, one document with its chain, its PDF, and the
office's buttons that draft (to read first) and issue each kind."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from .. import nav
from ..downloads import pdf_response
from ..errors import NotFound
from ..extensions import db
from ..followup.models import Round
from ..minutes.models import Minutes
from ..org import roles
from ..org.auth import current_user, requires
from ..timeutil import vietnam_today
from . import access, chain, issuing
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


@bp.route("/office/documents")
@requires(*OFFICE)
def index():
    """Every document the reader may see, newest first, filtered by kind."""
    kind = request.args.get("kind") or None
    query = access.visible(current_user())
    if kind in KINDS:
        query = query.where(OfficeDocument.kind == kind)
    docs = db.session.scalars(query.order_by(OfficeDocument.issued_at.desc(),
                                             OfficeDocument.id.desc()).limit(500)).all()
    return render_template("documents/index.html", docs=docs, kind=kind, names=KIND_NAMES)


@bp.route("/documents/<public_id>")
@requires(*roles.ALL)
def show(public_id):
    user = current_user()
    doc = access.get_visible(user, public_id)
    links = chain.links(doc, may_see=lambda d: access.may_see(user, d))
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
