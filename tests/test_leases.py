"""Scheduled work started on every host at once runs on one: a lease row in the database.
The concurrent tests need PostgreSQL (TEST_DATABASE_URL) and are skipped on SQLite."""
import threading
from datetime import timedelta

import pytest

from inspect_app import leases
from inspect_app.extensions import db
from inspect_app.timeutil import utcnow

from .concurrency import in_threads, on_postgres

HOUR = timedelta(hours=1)


def test_one_holder_until_it_gives_back_or_expires(app):
    with app.app_context():
        assert leases.acquire("remediation.remind", HOUR, "web-1:10")
        assert not leases.acquire("remediation.remind", HOUR, "web-2:20")
        assert leases.acquire("remediation.remind", HOUR, "web-1:10")  # its own: renewed
        assert leases.acquire("minutes.issue-pending", HOUR, "web-2:20")  # another name
        leases.release("remediation.remind", "web-2:20")  # not its lease: nothing happens
        assert not leases.acquire("remediation.remind", HOUR, "web-2:20")
        leases.release("remediation.remind", "web-1:10")
        assert leases.acquire("remediation.remind", HOUR, "web-2:20")
        # web-2 died holding it: after the expiry web-3 takes over
        assert not leases.acquire("remediation.remind", HOUR, "web-3:30")
        assert leases.acquire("remediation.remind", HOUR, "web-3:30", now=utcnow() + 2 * HOUR)
        assert leases.current("remediation.remind").holder == "web-3:30"


def test_a_command_started_while_another_host_runs_it_is_skipped(app):
    runner = app.test_cli_runner()
    with app.app_context():
        assert leases.acquire("remediation.send-mail", HOUR, "web-9:99")
    result = runner.invoke(args=["remediation", "send-mail"])
    assert result.exit_code == 0, result.output
    assert "Skipped: remediation.send-mail is running on web-9:99" in result.output
    assert "E-mail:" not in result.output
    with app.app_context():
        leases.release("remediation.send-mail", "web-9:99")
    result = runner.invoke(args=["remediation", "send-mail"])
    assert "E-mail: 0 sent" in result.output
    result = runner.invoke(args=["minutes", "issue-pending"])  # given back after each run
    assert result.exit_code == 0 and "Đã ban hành: 0" in result.output
    with app.app_context():
        assert leases.current("minutes.issue-pending").expires_at <= utcnow()


def test_concurrent_holders_one_wins(app):
    if not on_postgres(app):
        pytest.skip("concurrent transactions need PostgreSQL (TEST_DATABASE_URL)")
    for round_ in range(10):  # each round a fresh lease name, six hosts at the same moment
        won = in_threads(app, 6, lambda i, r=round_: leases.acquire(f"job-{r}", HOUR, f"h{i}:1"))
        assert won.count(True) == 1, won
        with app.app_context():
            assert leases.current(f"job-{round_}").holder == f"h{won.index(True)}:1"


def test_the_second_host_waits_out_a_running_pass_not_a_finished_one(app):
    if not on_postgres(app):
        pytest.skip("concurrent transactions need PostgreSQL (TEST_DATABASE_URL)")
    running, finish, seen = threading.Event(), threading.Event(), []

    def first(i):
        if i == 0:
            with leases.held("remediation.remind", HOUR) as mine:
                seen.append(("first", mine))
                running.set()
                finish.wait(10)
        else:
            running.wait(10)
            seen.append(("during", leases.acquire("remediation.remind", HOUR, "other:2")))
            finish.set()
    in_threads(app, 2, first)
    with app.app_context():
        after = leases.acquire("remediation.remind", HOUR, "other:2")
        db.session.remove()
    assert seen == [("first", True), ("during", False)] and after
