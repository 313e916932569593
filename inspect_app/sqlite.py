"""SQLite, the embedded database: transactions SQLAlchemy controls, and writers that queue.

pysqlite opens a transaction only before its first INSERT or UPDATE, so a SAVEPOINT taken before
that runs outside any transaction and its RELEASE commits to disk: one sync per sync op. Here
SQLAlchemy's own BEGIN opens the transaction instead, so a request commits once.

A transaction of a request that may write (any method but GET, HEAD, OPTIONS) begins IMMEDIATE:
it takes the write lock up front instead of failing with "database is locked" when another
process wrote after it read. Such transactions first queue on a lock file shared by the server's
processes: SQLite's own busy wait sleeps 1, 2, 5, 10… ms between tries, while a waiter on the
file lock wakes the moment the lock is free. The turn lasts from BEGIN until the connection goes
back to the pool (the session returns it as it commits or rolls back), not the whole request:
reading the request and writing the response of one overlap another's transaction. Readers never
wait: the journal is a write-ahead log.
"""
import fcntl

from flask import has_request_context, request
from sqlalchemy import event

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BUSY_TIMEOUT_MS = 15_000
TURN = "inspect_app.sqlite_writer_turn"  # key in the pooled connection's `info`


def init_app(app, db) -> None:
    """Tune every SQLite engine of the app; other databases are left as they are."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return
    in_memory = engine.url.database in (None, "", ":memory:")
    lock_path = None if in_memory else engine.url.database + ".writers.lock"

    @event.listens_for(engine, "connect")
    def configure(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # no implicit BEGIN: see the module docstring
        cursor = dbapi_connection.cursor()
        if not in_memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        # FULL keeps a commit durable through a power cut: the device forgets an op once it is
        # acknowledged, so an acknowledged op must be on disk.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection):
        writing = has_request_context() and request.method not in READ_METHODS
        if writing and lock_path and TURN not in connection.info:
            connection.info[TURN] = turn = open(lock_path, "ab")  # noqa: SIM115 (closed below)
            fcntl.flock(turn, fcntl.LOCK_EX)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    @event.listens_for(engine, "checkin")
    def end_turn(_dbapi_connection, record):
        turn = record.info.pop(TURN, None)
        if turn is not None:
            turn.close()  # closing the file releases the lock
