"""Leases in the database: scheduled work started on every host at once runs on one.

Each host's timer starts the same command at the same minute; the first to take the lease named
after it runs the pass, the others see who holds it and stop. Taking it is one statement (INSERT
… ON CONFLICT DO UPDATE … WHERE the lease has expired): PostgreSQL lets one of two concurrent
statements win and shows the other the winner's row; SQLite has a single writer. A holder that
dies leaves the lease to expire; a pass that finishes gives it back at once.
"""
import functools
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import click
from sqlalchemy import String, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db
from .timeutil import utcnow


class Lease(db.Model):
    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)  # "remediation.remind"
    holder: Mapped[str] = mapped_column(String(120))  # "host:pid"
    expires_at: Mapped[datetime]


def this_process() -> str:
    """Who holds a lease: the host and process, as an operator reads it in the table."""
    return f"{socket.gethostname()}:{os.getpid()}"


def upsert(table):
    """INSERT … ON CONFLICT for the app's two databases."""
    dialect = db.session.get_bind().dialect.name
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(table)


def acquire(name: str, ttl: timedelta, holder: str | None = None,
            now: datetime | None = None) -> bool:
    """Take the lease `name` for `ttl` if it is free or expired (or already ours); commit.
    Call it first in a transaction (on SQLite a write after a read of an older state fails)."""
    holder = holder or this_process()
    now = now or utcnow()
    stmt = upsert(Lease.__table__).values(name=name, holder=holder, expires_at=now + ttl)
    stmt = stmt.on_conflict_do_update(
        index_elements=["name"],
        set_={"holder": stmt.excluded.holder, "expires_at": stmt.excluded.expires_at},
        where=(Lease.__table__.c.expires_at <= now) | (Lease.__table__.c.holder == holder),
    ).returning(Lease.__table__.c.holder)
    won = db.session.execute(stmt).first() is not None
    db.session.commit()
    return won


def release(name: str, holder: str | None = None) -> None:
    """Give the lease back (only if still ours): the next run need not wait for it to expire."""
    db.session.execute(update(Lease).where(Lease.name == name,
                                           Lease.holder == (holder or this_process()))
                       .values(expires_at=utcnow()))
    db.session.commit()


def current(name: str) -> Lease | None:
    return db.session.get(Lease, name, populate_existing=True)


@contextmanager
def held(name: str, ttl: timedelta) -> Iterator[bool]:
    """`with held("x", ttl) as mine:` runs the body with `mine` True on the one host that took
    the lease; it is given back at the end whatever happens."""
    holder = this_process()
    mine = acquire(name, ttl, holder)
    try:
        yield mine
    finally:
        if mine:
            db.session.rollback()
            release(name, holder)


def exclusive(name: str, ttl: timedelta = timedelta(minutes=30)):
    """Make a CLI command that every host's timer starts run on one host at a time; the others
    say who has it and stop. `ttl` outlasts the longest run: a dead holder blocks no longer."""
    def wrap(command):
        @functools.wraps(command)
        def run(*args, **kwargs):
            with held(name, ttl) as mine:
                if mine:
                    return command(*args, **kwargs)
                lease = current(name)
                click.echo(f"Skipped: {name} is running on {lease.holder} "
                           f"(lease until {lease.expires_at:%Y-%m-%d %H:%M:%S} UTC).")
                db.session.rollback()  # end the read: SQLite refuses a write after a stale one
                return None
        return run
    return wrap
