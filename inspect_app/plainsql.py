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


def insert_if_absent(table, returning):
    """`INSERT … ON CONFLICT DO NOTHING RETURNING returning` for each database the app runs on,
    by dialect name: the result has no row when the row was already there (or a concurrent
    transaction inserting it committed first). Not `rowcount`: drivers leave it unset for an
    INSERT."""
    return {"sqlite": sqlite.insert(table).on_conflict_do_nothing().returning(returning),
            "postgresql": postgresql.insert(table).on_conflict_do_nothing().returning(returning)}


def dialect_name() -> str:
    return db.session.get_bind().dialect.name
