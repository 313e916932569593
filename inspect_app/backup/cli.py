"""`flask import-backup FILE`: the office imports a device backup from the command line."""
import click
from flask.cli import with_appcontext

from ..errors import Refused

EXIT_BAD_FILE = 1
EXIT_SOME_REFUSED = 3


@click.command("import-backup")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_appcontext
def import_backup_command(path):
    """Apply a device backup; exit 1 if the file is refused, 3 if some ops or images were."""
    from .operations import import_backup
    from .reader import BadBackup, read_backup

    with open(path, "rb") as fh:
        data = fh.read()
    try:
        report = import_backup(read_backup(data), None)
    except (BadBackup, Refused) as err:
        click.echo(f"{path}: {getattr(err, 'reason', None) or err}", err=True)
        raise SystemExit(EXIT_BAD_FILE) from None
    click.echo(f"{path}: backup of {report.username} (device {report.device_id or '?'}): "
               f"{report.count('applied')} applied, {report.count('duplicate')} already on "
               f"the server, {report.count('refused')} refused; {len(report.images)} images, "
               f"{report.images_refused} refused.")
    for r in report.results:
        if r["status"] == "refused":
            click.echo(f"  refused {r['op_id']}: {r.get('reason')}", err=True)
    for i in report.images:
        if i["status"] == "refused":
            click.echo(f"  image {i['sha256']}: {i.get('reason')}", err=True)
    if report.count("refused") or report.images_refused:
        raise SystemExit(EXIT_SOME_REFUSED)


def init_app(app) -> None:
    app.cli.add_command(import_backup_command)
