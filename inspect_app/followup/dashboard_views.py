"""The office's follow-up pages: a round, a unit across rounds, one finding with its history."""
from flask import Blueprint, render_template, request
from sqlalchemy import select

from .. import nav
from ..documents import chain, issuing
from ..documents.answers import answer
from ..downloads import pdf_response
from ..errors import NotFound
from ..extensions import db
from ..inspections.answers import find_item
from ..inspections.models import Finding
from ..inspections.models import Response as Answer
from ..org import roles
from ..org.auth import current_user, requires
from ..org.models import OrgUnit
from ..photos.models import Photo
from ..remediation.labels import event_label
from ..remediation.models import REMEDIATION_STATES, RemediationItem
from ..timeutil import utcnow
from ..workspace import listing
from . import charts, dashboard
from .operations import followed_team_ids, get_visible_round, visible_rounds

bp = Blueprint("followup", __name__, url_prefix="/followup")
OFFICE = (roles.ADMIN, roles.LEAD, roles.VIEWER)


def _today():
    return dashboard.today_in_vietnam(utcnow())


@bp.route("/")
@requires(*OFFICE)
def index():
    """The rounds this user follows."""
    return render_template("followup/index.html", rounds=visible_rounds(current_user()))


@bp.route("/rounds/<int:round_id>")
@requires(*OFFICE)
def round_page(round_id):
    """Totals of the round and a page of its units, with a chart of their remediation."""
    rnd = get_visible_round(current_user(), round_id)
    page = dashboard.round_dashboard(rnd, _today(), request.args.get("page", 1, type=int))
    chart = charts.stacked_bars([(r.unit, vars(r)) for r in page.rows])
    return render_template("followup/round.html", rnd=rnd, page=page, chart=chart,
                           titles=dashboard.checklist_titles())


@bp.route("/rounds/<int:round_id>/report.pdf")
@requires(*OFFICE)
def round_report(round_id):
    """The round report as issued, or, before it is, as a draft of today: every unit."""
    rnd = get_visible_round(current_user(), round_id)
    issued = chain.of_round(rnd.id).get("report")
    if issued is not None:
        return pdf_response(issuing.pdf_of(issued), f"bao-cao-dot-{rnd.id}.pdf",
                            issued.pdf_sha256)
    record, _ = chain.draft("report", rnd, _today())
    return pdf_response(issuing.draft_pdf("report", record, _today()),
                        f"bao-cao-dot-{rnd.id}.pdf")


@bp.route("/units/<int:unit_id>")
@requires(*OFFICE)
def unit_page(unit_id):
    """One unit across its inspections: counts, recurring faults, score trend per checklist."""
    unit = db.session.get(OrgUnit, unit_id)
    if unit is None:
        raise NotFound("Không tìm thấy đơn vị.")
    rows = dashboard.unit_history(unit, _today(), followed_team_ids(current_user()))
    titles = dashboard.checklist_titles()
    slugs = sorted({s for r in rows for s in r.scores})
    chart = charts.trend([r.day.strftime("%m/%Y") for r in rows],
                         {titles.get(s, s): [r.scores.get(s) for r in rows] for s in slugs})
    latest = rows[-1].inspection_id if rows else None
    findings = db.session.scalars(select(Finding).where(Finding.inspection_id == latest)
                                  .order_by(Finding.id)).all() if latest else []
    inspections = listing.every_row(listing.Filters(unit_id=unit.id),
                                    followed_team_ids(current_user()), _today())
    return render_template("followup/unit.html", unit=unit, rows=rows, chart=chart,
                           titles=titles, slugs=slugs, findings=findings, inspections=inspections)


@bp.route("/findings/<int:finding_id>")
@requires(*OFFICE)
def finding_page(finding_id):
    """A finding: the item, its photos, every answer it received, its remediation and events."""
    finding = db.session.get(Finding, finding_id)
    teams = followed_team_ids(current_user())
    if finding is None or (teams is not None and finding.inspection.team_id not in teams):
        raise NotFound("Không tìm thấy tồn tại, hạn chế này.")
    response = db.session.scalar(select(Answer).where(
        Answer.inspection_id == finding.inspection_id,
        Answer.checklist_version_id == finding.checklist_version_id,
        Answer.item_id == finding.item_id))
    photos = db.session.scalars(select(Photo).where(
        Photo.inspection_id == finding.inspection_id, Photo.item_id == finding.item_id,
        Photo.stored.is_(True))).all()
    items = db.session.scalars(select(RemediationItem).where(
        RemediationItem.finding_id == finding.id)).all()
    # Answers as the minutes print them: a choice's label, never its key.
    spec = find_item(finding.checklist_version.definition or {}, finding.item_id) \
        if finding.checklist_version else None
    return render_template("followup/finding.html", finding=finding, response=response,
                           photos=photos, items=items, states=REMEDIATION_STATES,
                           today=_today(), answer=lambda v: answer(v, spec),
                           event_label=event_label)


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Theo dõi kết quả", "followup.index", OFFICE, short="Theo dõi")
