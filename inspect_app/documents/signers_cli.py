"""`flask signers list|check`: which certificates sign issued documents, and whether each one
opens, signs and is in date (run it after changing a certificate or a token)."""
import click
from flask import current_app
from flask.cli import AppGroup

from .certificates import ROLES, SigningNotConfigured, certificate, check

group = AppGroup("signers", help="The certificates that sign issued documents.")


def _describe(role: str) -> str:
    cert = certificate(role)
    return f"{cert.subject}; {cert.source}; hết hạn {cert.not_after:%d/%m/%Y}"


@group.command("list")
def list_():
    """One line per signer: role, certificate, where its key is, when it expires."""
    failed = False
    for role, (name, prefix, _) in ROLES.items():
        try:
            click.echo(f"{role}\t{name}\t{_describe(role)}")
        except SigningNotConfigured as err:
            failed = True
            click.echo(f"{role}\t{name}\tLỖI: {err}", err=True)
    if failed:
        raise SystemExit(1)


@group.command("check")
def check_():
    """Open each signer's key and sign a test message; exit 1 if any cannot sign."""
    failed = False
    for role, (name, _, _) in ROLES.items():
        try:
            cert = check(role)
        except SigningNotConfigured as err:
            failed = True
            click.echo(f"{role}: LỖI: {err}", err=True)
            continue
        note = " (chứng thư thử nghiệm, không dùng khi triển khai)" if cert.development else ""
        click.echo(f"{role}: ký được: {_describe(role)}{note}")
    if failed:
        click.echo("Có người ký chưa dùng được: văn bản sẽ không ban hành được.", err=True)
        raise SystemExit(1)
    if current_app.config.get("INSPECT_ENV") != "production" and any(
            certificate(r).development for r in ROLES):
        click.echo("Lưu ý: đang dùng chứng thư thử nghiệm tự tạo.")


def init_app(app) -> None:
    app.cli.add_command(group)
