"""Slowing password guessing down without handing anyone a button that locks a user out.

Failures are counted per (user name, address) pair: someone guessing a name from elsewhere does not
lock its owner out at their own desk. After `max_failures` failures within the window a pair waits
before its next try, twice as long after each further failure, never more than `max_delay`: a
slow-down, not a lock. An attempt refused for being too early is noted but never counted, so
hammering does not extend the wait.

Two wider rules catch guessing spread out over pairs, and each spares the innocent:
- one name guessed from many addresses slows down the addresses with recent failures; an address
  with none (its owner at their desk) still gets its password checked;
- many names guessed from one address (an office shares one public address) slow down that address
  only for names never signed in from it.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select

from ..extensions import db
from ..timeutil import utcnow
from .models import LoginAttempt

# The first wait, in seconds; it doubles with every further failure.
FIRST_DELAY = 5
# The wider rules start after this many times the pair's allowance.
PER_USER_FACTOR = 4
PER_ADDRESS_FACTOR = 4
# A refused-as-too-early attempt carries this note and is not counted.
TOO_EARLY = "throttled"


@dataclass(frozen=True)
class Limits:
    max_failures: int
    window_seconds: int
    max_delay_seconds: int


def _counted_failures(*conditions, since: datetime):
    """Wrong passwords (not refusals for being early, nor other refusals) after `since`."""
    return and_(*conditions, LoginAttempt.succeeded.is_(False), LoginAttempt.note.is_(None),
                LoginAttempt.at > since)


def _failures(since: datetime, *conditions) -> tuple[int, datetime | None]:
    """How many counted failures match, after the last success matching too, and the latest."""
    last_ok = db.session.scalar(
        select(func.max(LoginAttempt.at)).where(*conditions, LoginAttempt.succeeded.is_(True)))
    start = max(since, last_ok) if last_ok else since
    count, latest = db.session.execute(
        select(func.count(), func.max(LoginAttempt.at))
        .where(_counted_failures(*conditions, since=start))).one()
    return count, latest


def delay(failures: int, allowed: int, max_delay: int) -> int:
    """Seconds to wait after `failures` failures when `allowed` pass freely."""
    if failures < allowed:
        return 0
    return min(max_delay, FIRST_DELAY * 2 ** min(failures - allowed, 30))


def _remaining(failures: int, latest: datetime | None, allowed: int, limits: Limits,
               now: datetime) -> int:
    wait = delay(failures, allowed, limits.max_delay_seconds)
    if not wait or latest is None:
        return 0
    left = (latest + timedelta(seconds=wait) - now).total_seconds()
    return max(0, int(-(-left // 1)))  # whole seconds, rounded up


def seconds_to_wait(username: str, ip: str | None, limits: Limits) -> int:
    """Seconds before this user name may try a password from this address; 0: it may now."""
    now = utcnow()
    since = now - timedelta(seconds=limits.window_seconds)
    name, address = LoginAttempt.username == username, LoginAttempt.ip == ip
    waits = [_remaining(*_failures(since, name, address), limits.max_failures, limits, now)]

    address_failed = db.session.scalar(select(exists().where(
        _counted_failures(address, since=since))))
    if address_failed:
        waits.append(_remaining(*_failures(since, name), limits.max_failures * PER_USER_FACTOR,
                                limits, now))
        known_desk = db.session.scalar(select(exists().where(
            name, address, LoginAttempt.succeeded.is_(True))))
        if not known_desk:
            count, latest = db.session.execute(
                select(func.count(), func.max(LoginAttempt.at))
                .where(_counted_failures(address, since=since))).one()
            waits.append(_remaining(count, latest, limits.max_failures * PER_ADDRESS_FACTOR,
                                    limits, now))
    return max(waits)


def note_attempt(username: str, ip: str | None, succeeded: bool, note: str | None = None) -> None:
    """Record an attempt; only a wrong password (no note) counts towards a wait."""
    db.session.add(LoginAttempt(username=username, ip=ip, succeeded=succeeded, note=note))
