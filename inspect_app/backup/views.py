"""The office imports a device's backup on the web (docs/backup-format.md)."""
from flask import Blueprint, current_app, render_template, request

from .. import nav
from ..errors import Refused
from ..org import roles
from ..org.auth import current_user, requires
from .forms import BackupForm
from .operations import import_backup
from .reader import BadBackup, read_backup

bp = Blueprint("backup", __name__, url_prefix="/admin/backups")
DEFAULT_MAX_BYTES = 1024 * 1024 * 1024


@bp.route("/import", methods=["GET", "POST"])
@requires(roles.ADMIN)
def import_page():
    """Upload a backup; show what each op and image became."""
    # A backup holds a day's photos: far above the limit of ordinary requests.
    request.max_content_length = current_app.config.get("BACKUP_MAX_BYTES", DEFAULT_MAX_BYTES)
    form, report = BackupForm(), None
    status = 200
    if form.validate_on_submit():
        try:
            report = import_backup(read_backup(form.backup.data.read()), current_user())
        except (BadBackup, Refused) as err:
            form.backup.errors.append(getattr(err, "reason", None) or str(err))
    if request.method == "POST" and report is None:
        status = 400
    return render_template("backup/import.html", form=form, report=report), status


def init_app(app) -> None:
    app.register_blueprint(bp)
    nav.add(app, "Nhập bản sao lưu", "backup.import_page", (roles.ADMIN,),
            group="Quản trị")
