"""Who is signed in, and the decorator every route uses to say who may call it."""
import functools

from flask import current_app, g, redirect, request, session, url_for
from sqlalchemy import bindparam, select

from ..errors import Forbidden, Refused, wants_json
from ..extensions import db
from .models import User

PUBLIC = "public"
# Every signed-in request runs it: built once (a `session.get` builds its query each time).
_USER = select(User).where(User.id == bindparam("uid"))


def current_user() -> User | None:
    return g.get("user")


def load_user() -> None:
    """Load the signed-in user; a revoked, disabled or re-keyed account's session dies here."""
    g.user = None
    uid = session.get("uid")
    if uid is None:
        return
    user = db.session.execute(_USER, {"uid": uid}).scalar_one_or_none()
    if user is None or not user.active or session.get("tv") != user.token_version:
        session.clear()
        return
    g.user = user


def refuse_api_call_without_session() -> None:
    """A JSON call to a signed-in route without a session is answered 401 before the CSRF check.

    Without a session there is no CSRF token to match, and a 400 'CSRF' would tell the device
    nothing it can act on; 401 tells it to sign in again (and to keep its outbox meanwhile)."""
    if g.user is not None or request.endpoint is None or not wants_json():
        return
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "allowed_roles", PUBLIC) != PUBLIC:
        raise Refused("Bạn cần đăng nhập.", status=401)


def init_app(app) -> None:
    """Load the user first: registered before the CSRF check, which then sees who is signed in."""
    app.before_request(load_user)
    app.before_request(refuse_api_call_without_session)


def start_session(user: User) -> None:
    session.clear()
    session.permanent = True
    session["uid"] = user.id
    session["tv"] = user.token_version


def requires(*allowed: str):
    """Allow the listed roles only. The allowed roles are kept on the view for the route audit."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user()
            if user is None:
                if wants_json():
                    raise Refused("Bạn cần đăng nhập.", status=401)
                return redirect(url_for("org.login", next=request.full_path.rstrip("?")))
            if user.role not in allowed:
                raise Forbidden("Bạn không có quyền truy cập trang này.")
            return view(*args, **kwargs)

        wrapped.allowed_roles = tuple(allowed)
        return wrapped

    return decorate


def public(view):
    """Mark a view as open to anyone, so the route audit knows it was meant to be."""
    view.allowed_roles = PUBLIC
    return view
