"""The mail outbox: mails are queued in the transaction that decides them and sent later.

A mail is claimed before it is sent (its next_attempt_at moved past a lease), so two senders
running at once never both send it; a failure is kept with its error and tried again later,
waiting longer each time; a mail is marked sent as soon as the server has accepted it.
"""
import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update

from ..extensions import db
from ..timeutil import utcnow
from . import mailer
from .models import OutboxMail

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # longer than any one SMTP conversation
FIRST_RETRY = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=6)
MAX_ATTEMPTS = 12  # about two days of retries; then the row stays for someone to look at


@dataclass(frozen=True)
class SendResult:
    sent: int
    failed: int
    waiting: int  # still queued after this run (later retries, or no SMTP configured)


def queue(key: str, recipient: str, subject: str, body: str) -> int:
    """Add a mail unless one with this key exists; 1 when added. The caller commits."""
    if db.session.scalar(select(OutboxMail.id).where(OutboxMail.key == key)) is not None:
        return 0
    db.session.add(OutboxMail(key=key, recipient=recipient, subject=subject, body=body))
    return 1


def retry_delay(attempts: int) -> timedelta:
    """5 min, 10, 20 … up to 6 hours after the n-th failure."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def _due(now: datetime):
    return (OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS,
            or_(OutboxMail.next_attempt_at.is_(None), OutboxMail.next_attempt_at <= now))


def _claim(mail_id: int, now: datetime) -> bool:
    claimed = db.session.execute(update(OutboxMail).where(OutboxMail.id == mail_id, *_due(now))
                                 .values(next_attempt_at=now + LEASE)).rowcount == 1
    db.session.commit()
    return claimed


def waiting() -> int:
    """Mails not sent yet that will still be tried."""
    return db.session.scalar(select(func.count()).select_from(OutboxMail).where(
        OutboxMail.sent_at.is_(None), OutboxMail.attempts < MAX_ATTEMPTS))


def send_pending(now: datetime | None = None, limit: int = 200) -> SendResult:
    """Send the mails that are due over SMTP; nothing is sent when SMTP is not configured."""
    settings = mailer.Settings.from_config(current_app.config)
    if settings is None:
        return SendResult(0, 0, waiting())
    now = now or utcnow()
    ids = db.session.scalars(select(OutboxMail.id).where(*_due(now))
                             .order_by(OutboxMail.id).limit(limit)).all()
    sent = failed = 0
    connection = None
    try:
        for mail_id in ids:
            if not _claim(mail_id, now):
                continue  # another sender has it
            mail = db.session.get(OutboxMail, mail_id)
            try:
                connection = connection or mailer.connect(settings)
                connection.send_message(mailer.message(settings, mail.recipient, mail.subject,
                                                       mail.body))
            except (smtplib.SMTPException, OSError) as err:
                failed += 1
                mail.attempts += 1
                mail.last_error = f"{type(err).__name__}: {err}"[:2000]
                mail.next_attempt_at = now + retry_delay(mail.attempts)
                db.session.commit()
                log.warning("mail %s to %s not sent (attempt %s): %s", mail.id, mail.recipient,
                            mail.attempts, err)
                if connection is None or isinstance(err, smtplib.SMTPServerDisconnected):
                    break  # the server is unreachable: the rest waits for the next run
                continue
            mail.attempts += 1
            mail.sent_at, mail.last_error, mail.next_attempt_at = utcnow(), None, None
            db.session.commit()
            sent += 1
    finally:
        if connection is not None:
            mailer.close(connection)
    return SendResult(sent, failed, waiting())
