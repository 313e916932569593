"""Time helpers: the database stores naive UTC on both SQLite and PostgreSQL."""
from datetime import UTC, datetime


def utcnow() -> datetime:
    """Current time as naive UTC, the form every DateTime column holds."""
    return datetime.now(UTC).replace(tzinfo=None)
