"""Prebuilt Core statements run on the session's connection: how the sync push's hot path talks
to the database.

Building a statement costs more than running it, and the session's own `execute` adds half as
much again per statement, so the push builds its statements once, on tables rather than models,
and runs them here. Nothing is flushed first: the push flushes before each op, so an op's
statements see what the ops before it changed (`operations.apply_op`).
"""
from sqlalchemy.dialects import postgresql, sqlite

from .extensions import db


def execute(statement, params=None):
    """Run a prebuilt statement in the session's transaction; the cursor result."""
    return db.session.connection().execute(statement, params)


def insert_if_absent(table):
    """`INSERT … ON CONFLICT DO NOTHING` for each database the app runs on, by dialect name:
    the result's `rowcount` is 0 when the row was already there (or a concurrent transaction
    inserting it committed first). SQLAlchemy keeps an INSERT's rowcount only when asked."""
    return {name: dialect.insert(table).on_conflict_do_nothing()
            .execution_options(preserve_rowcount=True)
            for name, dialect in (("sqlite", sqlite), ("postgresql", postgresql))}


def dialect_name() -> str:
    """The name of the session's database dialect ("sqlite", "postgresql")."""
    return db.session.get_bind().dialect.name
