"""Office admin screens: units, rosters, users, teams."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")


def init_app(app) -> None:
    app.register_blueprint(bp)
