"""`flask minutes verify|list|export|issue-pending`: the minutes from the command line."""
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import or_, select

from ..extensions import db
from . import files
from .labels import local_time, nfc
from .models import MINUTES_STATUSES, Minutes

group = AppGroup("minutes", help="Verify, list and export issued minutes (biên bản kiểm tra).")


@group.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def verify(file):
    """Check FILE.pdf: exit 0 if it is issued minutes, untouched; 1 with the reasons if not."""
    from .verify import verify_pdf

    verdict = verify_pdf(Path(file).read_bytes())
    click.echo(f"SHA-256: {verdict.pdf_sha256}")
    if verdict.signer:
        click.echo(f"Chứng thư ký: {verdict.signer}")
    if verdict.ok:
        m = verdict.minutes
        click.echo(f"HỢP LỆ: biên bản {m.number or m.public_id} ({m.public_id}), đã ban hành.")
        return
    click.echo("KHÔNG HỢP LỆ:", err=True)
    for reason in verdict.reasons:
        click.echo(f"  - {reason}", err=True)
    raise SystemExit(1)


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


@group.command("export")
@click.argument("ident")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def export(ident, file):
    """Write the signed PDF of minutes IDENT (public id or number) to FILE."""
    m = db.session.scalar(select(Minutes).where(
        Minutes.status == "issued", or_(Minutes.public_id == ident, Minutes.number == ident)))
    path = files.stored_pdf_path(m) if m else None
    if path is None:
        click.echo(f"Không tìm thấy biên bản đã ban hành: {ident}", err=True)
        raise SystemExit(1)
    Path(file).write_bytes(path.read_bytes())
    click.echo(f"{m.public_id}: {file}")


@group.command("issue-pending")
def issue_pending():
    """Issue every signed minutes whose photos and signatures are all stored."""
    try:
        from .operations import issue_ready_minutes
    except ImportError:
        click.echo("issue_ready_minutes is not available in this version.", err=True)
        raise SystemExit(1)
    result = issue_ready_minutes()
    click.echo(f"Đã ban hành: {result if result is not None else 'xong'}")


def init_app(app) -> None:
    app.cli.add_command(group)
