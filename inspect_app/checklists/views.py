"""Office pages to browse checklists and their versions."""
from flask import Blueprint

bp = Blueprint("checklists", __name__, url_prefix="/checklists")


def init_app(app) -> None:
    app.register_blueprint(bp)
