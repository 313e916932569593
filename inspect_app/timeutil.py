"""Time helpers: the database stores naive UTC on both SQLite and PostgreSQL."""
from datetime import UTC, date, datetime, timedelta, timezone


def utcnow() -> datetime:
    """Current time as naive UTC, the form every DateTime column holds."""
    return datetime.now(UTC).replace(tzinfo=None)


# Vietnam has kept UTC+7 without daylight saving since 1975: no time-zone database needed.
VIETNAM = timezone(timedelta(hours=7), "ICT")


def vietnam_time(value: datetime) -> datetime:
    """A naive-UTC (or aware) time in Vietnam time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(VIETNAM)


def vietnam_today() -> date:
    """Today's date in Vietnam: what deadlines and "overdue" are counted against."""
    return vietnam_time(utcnow()).date()
