"""The sync API: pull what the device needs, push what it recorded. See docs/sync-protocol.md."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")


def init_app(app) -> None:
    app.register_blueprint(bp)
