"""`flask minutes verify|list|export|issue-pending`: the minutes from the command line."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..documents import cli as documents_cli
from ..extensions import db
from ..leases import exclusive
from .labels import local_time, nfc
from .models import MINUTES_STATUSES, Minutes

group = AppGroup("minutes", help="Verify, list and export issued minutes (biên bản kiểm tra).")


# One verification and one export for every document the office issues, minutes among them.
group.add_command(documents_cli.verify, "verify")
group.add_command(documents_cli.export, "export")


def _line(m: Minutes) -> str:
    record = m.record or {}
    started = local_time(record.get("started_at"))
    return "\t".join([m.public_id, nfc(m.number or "-"),
                      nfc((record.get("unit") or {}).get("name") or "-"),
                      started.strftime("%d/%m/%Y") if started else "-",
                      MINUTES_STATUSES.get(m.status, m.status)])


@group.command("list")
def list_():
    """One issued minutes per line: public id, number, unit, date, status (tab-separated)."""
    rows = db.session.scalars(select(Minutes).where(Minutes.status == "issued")
                              .order_by(Minutes.issued_at, Minutes.id))
    for m in rows:
        click.echo(_line(m))


@group.command("issue-pending")
@exclusive("minutes.issue-pending")
def issue_pending():
    """Issue every signed minutes whose photos and signatures are all stored, now (not through
    the worker's queue): the retry for minutes whose issue failed."""
    from .issue import issue_ready_minutes

    result = issue_ready_minutes(inline=True)
    click.echo(f"Đã ban hành: {result if result is not None else 'xong'}")


def init_app(app) -> None:
    app.cli.add_command(group)
