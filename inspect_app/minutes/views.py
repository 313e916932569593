"""Download of issued minutes, and the public pages that verify them (QR code target)."""
from flask import Blueprint, render_template
from sqlalchemy import select

from ..documents.kinds import KINDS
from ..documents.models import OfficeDocument
from ..downloads import pdf_response
from ..errors import NotFound
from ..extensions import db
from ..org import roles
from ..org.auth import current_user, public, requires
from . import files, summary
from .access import may_download
from .forms import VerifyForm
from .models import Minutes
from .verify import stored_signatures, verify_pdf

bp = Blueprint("minutes", __name__)
GONE = "Không tìm thấy biên bản."


def _by_public_id(public_id: str) -> Minutes:
    minutes = db.session.scalar(select(Minutes).where(Minutes.public_id == public_id))
    if minutes is None:
        raise NotFound(GONE)
    return minutes


@bp.route("/minutes/<public_id>.pdf")
@requires(*roles.ALL)
def download(public_id):
    minutes = _by_public_id(public_id)
    # 404, not 403, for others: the link must not tell them such minutes exist.
    if minutes.status != "issued" or not may_download(current_user(), minutes):
        raise NotFound(GONE)
    pdf = files.stored_pdf(minutes)
    if pdf is None:
        raise NotFound(GONE)
    # Bytes, not a stream: a few hundred KB, and no connection to the store outlives the request.
    return pdf_response(pdf, f"bien-ban-kiem-tra-{minutes.public_id}.pdf",
                        minutes.pdf_sha256)


@bp.route("/verify/<public_id>")
@public
def verify_page(public_id):
    """The page a printed QR code opens: the minutes, or another document the office issued."""
    document = db.session.scalar(select(OfficeDocument).where(
        OfficeDocument.public_id == public_id))
    if document is not None:
        # The stored file checked as an uploaded one is: whoever scans the QR code sees who
        # signed it (the person, then the office) and whether each signature holds.
        return render_template("documents/verify.html", doc=document,
                               name=KINDS[document.kind].NAME,
                               signatures=stored_signatures(document))
    minutes = _by_public_id(public_id)
    return render_template("minutes/record.html", s=summary.summarise(minutes))


@bp.route("/verify", methods=["GET", "POST"])
@public
def verify_upload():
    form = VerifyForm()
    verdict = None
    if form.validate_on_submit():
        data = form.read_pdf()
        if data is not None:
            verdict = verify_pdf(data)
    status = 422 if form.errors else 200
    return render_template("minutes/verify.html", form=form, verdict=verdict,
                           s=summary.summarise(verdict.minutes) if verdict and verdict.minutes
                           else None), status


def init_app(app) -> None:
    app.register_blueprint(bp)
