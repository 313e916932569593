"""`flask remediation remind` and `flask remediation send-mail`, for a daily cron job."""
from datetime import date

import click
from flask.cli import AppGroup

from ..leases import exclusive
from . import outbox, reminders

group = AppGroup("remediation", help="Remediation follow-up: reminders and their e-mail.")


@group.command("remind")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Run as if today were this date (Vietnam), e.g. to catch up a missed day.")
@click.option("--days", type=int, default=None,
              help="Remind this many days before the deadline (default REMINDER_DAYS_BEFORE).")
@click.option("--no-send", is_flag=True, help="Queue the e-mails without sending them now.")
@exclusive("remediation.remind")
def remind(today, days, no_send) -> None:
    """Remind unit heads of items due soon or overdue, then send the queued e-mail."""
    day: date | None = today.date() if today else None
    result = reminders.remind(day, days)
    click.echo(f"Reminders: {result.items} items, {result.notices} notices, "
               f"{result.mails} e-mails queued.")
    if not no_send:
        _send()


@group.command("send-mail")
@exclusive("remediation.send-mail")
def send_mail() -> None:
    """Send the e-mails waiting in the outbox (retries included)."""
    _send()


def _send() -> None:
    result = outbox.send_pending()
    click.echo(f"E-mail: {result.sent} sent, {result.failed} failed, {result.waiting} waiting.")
    if result.waiting and not result.sent and not result.failed:
        click.echo("(SMTP_HOST is not set, or the waiting mail is due later.)")


def init_app(app) -> None:
    app.cli.add_command(group)
