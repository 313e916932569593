"""Office admin screens: units, rosters, users, teams. Views parse forms and call operations."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from .. import nav
from ..errors import NotFound, Refused
from ..extensions import db
from ..formflow import submit
from . import admin_forms as forms
from . import operations, roles
from .auth import current_user, requires
from .models import OrgUnit, StaffMember, Team, User

bp = Blueprint("admin", __name__, url_prefix="/admin")
admin_only = requires(roles.ADMIN)


def _get(model, ident):
    obj = db.session.get(model, ident)
    if obj is None:
        raise NotFound("Không tìm thấy dữ liệu yêu cầu.")
    return obj


# Units -----------------------------------------------------------------------------------------

@bp.route("/units")
@admin_only
def units():
    roots = db.session.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_(None)).order_by(OrgUnit.name))
    return render_template("admin/units.html", roots=list(roots))


@bp.route("/units/new", methods=["GET", "POST"])
@admin_only
def unit_new():
    form = forms.UnitForm()
    forms.fill_unit_choices(form)
    if request.method == "GET" and request.args.get("parent", "").isdigit():
        form.parent_id.data = int(request.args["parent"])
    return submit(form, "admin/form.html",
                 lambda: operations.save_unit(current_user(), None, form.values()),
                 lambda: url_for("admin.units"), title="Thêm đơn vị")


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
@admin_only
def unit_edit(unit_id):
    unit = _get(OrgUnit, unit_id)
    form = forms.UnitForm(obj=unit)
    forms.fill_unit_choices(form, exclude=unit)
    return submit(form, "admin/form.html",
                 lambda: operations.save_unit(current_user(), unit, form.values()),
                 lambda: url_for("admin.units"), title=f"Sửa đơn vị: {unit.name}")


# Rosters ---------------------------------------------------------------------------------------

@bp.route("/units/<int:unit_id>/staff", methods=["GET", "POST"])
@admin_only
def staff(unit_id):
    unit = _get(OrgUnit, unit_id)
    form = forms.StaffForm()
    return submit(form, "admin/staff.html",
                 lambda: operations.save_staff(current_user(), None, unit, form.values()),
                 lambda: url_for("admin.staff", unit_id=unit.id), unit=unit)


@bp.route("/staff/<int:staff_id>/edit", methods=["GET", "POST"])
@admin_only
def staff_edit(staff_id):
    person = _get(StaffMember, staff_id)
    form = forms.StaffForm(obj=person)
    return submit(form, "admin/form.html",
                 lambda: operations.save_staff(current_user(), person, person.unit, form.values()),
                 lambda: url_for("admin.staff", unit_id=person.unit_id),
                 title=f"Sửa thông tin: {person.full_name}")


@bp.route("/staff/<int:staff_id>/toggle", methods=["POST"])
@admin_only
def staff_toggle(staff_id):
    person = _get(StaffMember, staff_id)
    operations.set_staff_active(current_user(), person, not person.active)
    return redirect(url_for("admin.staff", unit_id=person.unit_id))


# Users -----------------------------------------------------------------------------------------

@bp.route("/users")
@admin_only
def users():
    rows = db.session.scalars(select(User).order_by(User.role, User.username))
    return render_template("admin/users.html", users=list(rows))


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def user_new():
    form = forms.UserForm()
    forms.fill_user_choices(form)
    return submit(form, "admin/form.html",
                 lambda: operations.save_user(current_user(), None, form.values(), production=_prod()),
                 lambda: url_for("admin.users"), title="Thêm người dùng")


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@admin_only
def user_edit(user_id):
    user = _get(User, user_id)
    form = forms.UserForm(obj=user)
    forms.fill_user_choices(form)
    form.username.render_kw = {"readonly": True}
    return submit(form, "admin/form.html",
                 lambda: operations.save_user(current_user(), user, form.values(), production=_prod()),
                 lambda: url_for("admin.users"), title=f"Sửa người dùng: {user.username}")


@bp.route("/users/<int:user_id>/toggle", methods=["POST"])
@admin_only
def user_toggle(user_id):
    user = _get(User, user_id)
    try:
        operations.set_user_active(current_user(), user, not user.active)
    except Refused as err:
        flash(err.reason)
    return redirect(url_for("admin.users"))


def _prod() -> bool:
    from flask import current_app

    return current_app.config["INSPECT_ENV"] == "production"


# Teams -----------------------------------------------------------------------------------------

@bp.route("/teams")
@admin_only
def teams():
    rows = db.session.scalars(select(Team).order_by(Team.name))
    return render_template("admin/teams.html", teams=list(rows))


@bp.route("/teams/new", methods=["GET", "POST"])
@admin_only
def team_new():
    form = forms.TeamForm()
    forms.fill_team_choices(form)
    return submit(form, "admin/form.html",
                 lambda: operations.save_team(current_user(), None, form.values()),
                 lambda: url_for("admin.teams"), title="Thêm đoàn kiểm tra")


@bp.route("/teams/<int:team_id>/edit", methods=["GET", "POST"])
@admin_only
def team_edit(team_id):
    team = _get(Team, team_id)
    form = forms.TeamForm(obj=team)
    forms.fill_team_choices(form)
    if request.method == "GET":
        forms.load_team_members(form, team)
    return submit(form, "admin/form.html",
                 lambda: operations.save_team(current_user(), team, form.values()),
                 lambda: url_for("admin.teams"), title=f"Sửa đoàn: {team.name}")


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Đơn vị", "admin.units", (roles.ADMIN,), group="Quản trị")
    nav.add(app, "Người dùng", "admin.users", (roles.ADMIN,), group="Quản trị")
    nav.add(app, "Đoàn kiểm tra", "admin.teams", (roles.ADMIN,), group="Quản trị")
