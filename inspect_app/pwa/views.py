"""The offline app: app shell, service worker and manifest served at the root scope."""
from flask import Blueprint, Response, current_app, jsonify, render_template

from .. import nav
from ..org import roles
from ..org.auth import public, requires
from . import shell

bp = Blueprint("pwa", __name__)


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Ứng dụng kiểm tra (dùng được khi mất mạng)", "pwa.app_shell", roles.FIELD,
            short="Ứng dụng kiểm tra")


def _shell() -> shell.Shell:
    return shell.current(current_app.static_folder)


@bp.get("/app")
@requires(*roles.FIELD)
def app_shell():
    """The app shell. The worker caches it, so it must hold nothing about the user but the token."""
    current = _shell()
    resp = Response(render_template("pwa/app.html", shell=current))
    # The worker fetches it fresh at install; browsers must not keep a copy of their own.
    resp.headers["Cache-Control"] = "no-cache"
    return resp


@bp.get("/sw.js")
@public
def service_worker():
    """The service worker, at the root so its scope covers /app and /api."""
    resp = Response(shell.worker_script(_shell()), mimetype="text/javascript")
    resp.headers["Cache-Control"] = "no-cache"
    resp.headers["Service-Worker-Allowed"] = "/"
    return resp


@bp.get("/manifest.webmanifest")
@public
def web_manifest():
    """The web app manifest: name, icons, standalone display, start on the shell."""
    resp = jsonify(shell.manifest())
    resp.mimetype = "application/manifest+json"
    resp.headers["Cache-Control"] = "no-cache"
    return resp
