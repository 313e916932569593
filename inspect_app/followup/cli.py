"""`flask export findings FILE.xlsx|FILE.csv [--round ID]`."""
from pathlib import Path

import click
from flask.cli import AppGroup

group = AppGroup("export", help="Export the office's data.")


@group.command("findings")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--round", "round_id", type=int, help="only this round")
def findings(path, round_id):
    """One row per finding with its remediation state; the format follows the extension."""
    from ..timeutil import vietnam_today
    from . import exports

    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in exports.FORMATS:
        raise click.UsageError("FILE must end in .csv or .xlsx")
    rows = exports.finding_rows([round_id] if round_id else None, vietnam_today())
    Path(path).write_bytes(exports.export(rows, fmt))
    click.echo(f"{path}: {len(rows)} findings")


def init_app(app) -> None:
    app.cli.add_command(group)
