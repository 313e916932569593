"""Office pages to plan inspection rounds."""
from flask import Blueprint, render_template, url_for
from sqlalchemy import select

from .. import nav
from ..checklists.models import Checklist
from ..extensions import db
from ..formflow import submit
from ..org import roles
from ..org.auth import current_user, requires
from ..org.models import OrgUnit, Team
from . import draw, operations
from .forms import DrawForm, RoundForm, fill_choices

bp = Blueprint("rounds", __name__, url_prefix="/rounds")
VIEWERS = (roles.ADMIN, roles.LEAD, roles.INSPECTOR, roles.VIEWER)


@bp.route("/")
@requires(*VIEWERS)
def index():
    return render_template("rounds/index.html", rounds=operations.visible_rounds(current_user()))


@bp.route("/<int:round_id>")
@requires(*VIEWERS)
def show(round_id):
    return render_template("rounds/show.html",
                           rnd=operations.get_visible_round(current_user(), round_id))


def _form(rnd=None) -> RoundForm:
    form = RoundForm(obj=rnd)
    fill_choices(
        form,
        db.session.scalars(select(OrgUnit).where(OrgUnit.historical.is_(False)).order_by(OrgUnit.name)),
        db.session.scalars(select(Team).order_by(Team.name)),
        db.session.scalars(select(Checklist).order_by(Checklist.title)),
    )
    if rnd is not None and not form.is_submitted():
        form.unit_ids.data = [u.id for u in rnd.units]
        form.checklist_ids.data = [c.id for c in rnd.checklists]
    return form


@bp.route("/new", methods=["GET", "POST"])
@requires(roles.ADMIN)
def new():
    form = _form()
    made = []
    return submit(form, "admin/form.html",
                 lambda: made.append(operations.save_round(current_user(), None, form.values())),
                 lambda: url_for("rounds.show", round_id=made[0].id), title="Lập kế hoạch đợt kiểm tra")


@bp.route("/<int:round_id>/edit", methods=["GET", "POST"])
@requires(roles.ADMIN)
def edit(round_id):
    rnd = operations.get_visible_round(current_user(), round_id)
    form = _form(rnd)
    return submit(form, "admin/form.html",
                 lambda: operations.save_round(current_user(), rnd, form.values()),
                 lambda: url_for("rounds.show", round_id=rnd.id), title=f"Sửa: {rnd.name}")


@bp.route("/<int:round_id>/draw")
@requires(*VIEWERS)
def draw_page(round_id):
    """The round's draws, each computed again from its recorded seed; the form for the office."""
    rnd = operations.get_visible_round(current_user(), round_id)
    return _draw_page(rnd, DrawForm(count=len(rnd.units) or None))


@bp.route("/<int:round_id>/draw", methods=["POST"])
@requires(roles.ADMIN, roles.LEAD)
def draw_units(round_id):
    """Draw the units of a surprise round by lot."""
    rnd = operations.get_visible_round(current_user(), round_id)
    form = DrawForm()
    return submit(form, "rounds/draw.html",
                  lambda: draw.draw_surprise_round(rnd, form.count.data, current_user(),
                                                   seed=form.seed.data,
                                                   weighted=form.weighted.data),
                  lambda: url_for("rounds.draw_page", round_id=rnd.id),
                  **_draw_context(rnd))


def _draw_context(rnd) -> dict:
    return {"rnd": rnd, "draws": draw.recorded_draws(rnd), "candidates": len(draw.candidates())}


def _draw_page(rnd, form):
    return render_template("rounds/draw.html", form=form, **_draw_context(rnd))


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Đợt kiểm tra", "rounds.index", VIEWERS)
