"""The offline app: app shell, service worker and manifest served at the root scope."""
from flask import Blueprint

bp = Blueprint("pwa", __name__)


def init_app(app) -> None:
    app.register_blueprint(bp)
