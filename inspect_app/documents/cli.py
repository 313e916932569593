"""`flask documents list|export|verify`: every document issued (the minutes among them) from the
command line. The `flask minutes …` commands keep working for the minutes alone."""
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import or_, select

from ..extensions import db
from ..minutes import files as minutes_files
from ..minutes.models import Minutes
from . import issuing
from .kinds import KINDS
from .models import OfficeDocument

group = AppGroup("documents", help="List, export and verify the documents the office issued.")


def _minutes_rows():
    for m in db.session.scalars(select(Minutes).where(Minutes.status == "issued")):
        yield m.issued_at, "\t".join([m.public_id, "Biên bản kiểm tra", m.number or "-",
                                      f"{m.dated:%d/%m/%Y}",
                                      (m.record or {}).get("unit", {}).get("name") or "-"])


def _document_rows():
    for d in db.session.scalars(select(OfficeDocument)):
        yield d.issued_at, "\t".join([d.public_id, KINDS[d.kind].NAME, d.number,
                                      f"{d.issued_on:%d/%m/%Y}", d.record.get("subject") or "-"])


@group.command("list")
def list_():
    """One document per line, oldest first: public id, kind, number, date, subject (tab-separated)."""
    for _, line in sorted([*_minutes_rows(), *_document_rows()], key=lambda r: r[0]):
        click.echo(line)


@group.command("export")
@click.argument("ident")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def export(ident, file):
    """Write the signed PDF of document IDENT (public id, or number) to FILE."""
    doc = db.session.scalar(select(OfficeDocument).where(
        or_(OfficeDocument.public_id == ident, OfficeDocument.number == ident)))
    data = issuing.pdf_of(doc) if doc is not None else minutes_files.issued_pdf(ident)[1]
    if data is None:
        click.echo(f"Không tìm thấy văn bản đã ban hành: {ident}", err=True)
        raise SystemExit(1)
    Path(file).write_bytes(data)
    click.echo(f"{ident}: {file}")


@group.command("verify")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def verify(file):
    """Check FILE.pdf: exit 0 if it is a document the office issued, untouched; 1 if not."""
    from ..minutes.verify import verify_pdf

    verdict = verify_pdf(Path(file).read_bytes())
    click.echo(f"SHA-256: {verdict.pdf_sha256}")
    if verdict.signer:
        click.echo(f"Chứng thư ký: {verdict.signer}")
    for n, sig in enumerate(verdict.signatures, 1):
        state = "hợp lệ" if sig.valid else "KHÔNG hợp lệ"
        click.echo(f"Chữ ký số {n}: {sig.name} ({sig.role}): {state}")
    if verdict.ok:
        d, m = verdict.document, verdict.minutes
        what = (f"{KINDS[d.kind].NAME} số {d.number} ({d.public_id})" if d is not None
                else f"Biên bản kiểm tra số {m.number or m.public_id} ({m.public_id})")
        click.echo(f"HỢP LỆ: {what}, đã ban hành.")
        return
    click.echo("KHÔNG HỢP LỆ:", err=True)
    for reason in verdict.reasons:
        click.echo(f"  - {reason}", err=True)
    raise SystemExit(1)


def init_app(app) -> None:
    app.cli.add_command(group)
