"""The remediation pages' blueprint: unit heads' own pages and the office's verification."""
from flask import Blueprint

from .. import nav
from ..org import roles
from . import labels
from .rules import OFFICE_READERS, VERIFIERS  # noqa: F401  (the views' role lists)

bp = Blueprint("remediation", __name__, url_prefix="/remediation")


@bp.context_processor
def _helpers():
    return {"dmy": labels.dmy, "stamp": labels.stamp, "state_label": labels.state_label,
            "event_label": labels.event_label, "days_word": labels.days_word}


def init_app(app) -> None:
    from . import office_views, views  # noqa: F401  (their routes join bp)

    app.register_blueprint(bp)
    nav.add(app, "Khắc phục", "remediation.index", (roles.UNIT_HEAD,))
    nav.add(app, "Xác minh khắc phục", "remediation.office", OFFICE_READERS)
