"""Office pages to plan inspection rounds."""
from flask import Blueprint

bp = Blueprint("rounds", __name__, url_prefix="/rounds")


def init_app(app) -> None:
    app.register_blueprint(bp)
