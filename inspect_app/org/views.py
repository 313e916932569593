"""Sign-in, sign-out, the home page and one's own password."""
from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from .. import client_address
from ..errors import Refused
from . import operations, roles, signin
from .auth import current_user, public, requires, start_session
from .forms import ChangePasswordForm, LoginForm

bp = Blueprint("org", __name__)


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect would let a phishing link borrow our login page.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("org.home")


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    form = LoginForm()
    status, headers = 200, {}
    if form.validate_on_submit():
        try:
            user = signin.authenticate(form.username.data, form.password.data,
                                       client_address.of_request())
        except Refused as err:
            form.password.errors.append(err.reason)
            status = err.status
            if isinstance(err, signin.TooEarly):
                headers["Retry-After"] = str(err.retry_after)
        else:
            start_session(user)
            return redirect(_safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("org/login.html", form=form), status, headers


@bp.route("/logout", methods=["POST"])
@requires(*roles.ALL)
def logout():
    # The copy of the cookie on this machine is not the only one: end the session on the server.
    operations.sign_out(current_user())
    session.clear()
    flash("Đã đăng xuất.")
    return redirect(url_for("org.login"))


@bp.route("/")
@requires(*roles.ALL)
def home():
    return render_template("org/home.html", user=current_user())


@bp.route("/account/password", methods=["GET", "POST"])
@requires(*roles.ALL)
def change_password():
    form = ChangePasswordForm()
    status = 200
    if form.validate_on_submit():
        try:
            operations.change_password(current_user(), form.current.data, form.new.data)
        except Refused as err:
            getattr(form, err.field or "new").errors.append(err.reason)
            status = 400
        else:
            start_session(current_user())
            flash("Đã đổi mật khẩu.")
            return redirect(url_for("org.home"))
    elif request.method == "POST":
        status = 400
    return render_template("org/password.html", form=form), status
