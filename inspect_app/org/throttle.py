"""Login throttling: too many failures for a user name or from an address pause sign-in."""
from datetime import timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..timeutil import utcnow
from .models import LoginAttempt

# An address may fail more often than one user name: an office shares one public address.
PER_ADDRESS_FACTOR = 4


def _failures_since(column, value, since) -> int:
    last_ok = db.session.scalar(
        select(func.max(LoginAttempt.at)).where(column == value, LoginAttempt.succeeded.is_(True))
    )
    start = max(since, last_ok) if last_ok else since
    return db.session.scalar(
        select(func.count()).where(
            column == value, LoginAttempt.succeeded.is_(False), LoginAttempt.at > start
        )
    )


def is_throttled(username: str, ip: str | None, *, max_failures: int, window_seconds: int) -> bool:
    """True when this user name, or this address, failed too often within the window."""
    since = utcnow() - timedelta(seconds=window_seconds)
    if _failures_since(LoginAttempt.username, username, since) >= max_failures:
        return True
    return bool(ip) and (_failures_since(LoginAttempt.ip, ip, since)
                         >= max_failures * PER_ADDRESS_FACTOR)


def note_attempt(username: str, ip: str | None, succeeded: bool, note: str | None = None) -> None:
    db.session.add(LoginAttempt(username=username, ip=ip, succeeded=succeeded, note=note))
