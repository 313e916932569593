"""Several hosts at once, in one test: threads, each with an app context (and a database
session, so a connection) of its own, released together."""
import threading

from inspect_app.extensions import db


def on_postgres(app) -> bool:
    """Whether the tests run on PostgreSQL: row locks between connections, SKIP LOCKED."""
    with app.app_context():
        return db.engine.dialect.name == "postgresql"


def in_threads(app, n: int, work) -> list:
    """Run work(i) for i in range(n) at the same moment in n threads; their results in order."""
    barrier, results, errors = threading.Barrier(n), [None] * n, []

    def target(i):
        with app.app_context():
            try:
                barrier.wait()
                results[i] = work(i)
            except Exception as err:  # noqa: BLE001 (reported by the assert below)
                errors.append(err)
            finally:
                db.session.remove()
    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results
