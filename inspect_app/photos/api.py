"""Photo upload addressed by SHA-256. See docs/sync-protocol.md."""
from flask import Blueprint

bp = Blueprint("photos_api", __name__, url_prefix="/api/photos")


def init_app(app) -> None:
    app.register_blueprint(bp)
