"""Issuing through the queue (ISSUE_INLINE off, as in production): the upload answers at once,
`flask worker` issues; a crash mid-way is retried; two workers or two hosts never give a second
number. The concurrent tests need PostgreSQL (TEST_DATABASE_URL) and are skipped on SQLite."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from inspect_app.documents.models import RegisteredDocument
from inspect_app.extensions import db
from inspect_app.minutes import queue
from inspect_app.minutes.issue import issue_once, issue_ready_minutes
from inspect_app.minutes.models import IssueJob, Minutes
from inspect_app.timeutil import utcnow

from ..concurrency import in_threads, on_postgres
from .site import (  # noqa: F401  (fixtures)
    new_id,
    push,
    site_fixture,
    statuses,
    upload,
    worked_fixture,
)


@pytest.fixture
def queued(app):
    app.config["ISSUE_INLINE"] = False
    yield
    app.config["ISSUE_INLINE"] = True


def _minutes() -> list[tuple[str, str | None]]:
    db.session.expire_all()
    return [(m.status, m.number) for m in
            db.session.scalars(select(Minutes).order_by(Minutes.id))]


def _jobs() -> list[IssueJob]:
    db.session.expire_all()
    return db.session.scalars(select(IssueJob).order_by(IssueJob.id)).all()


def _numbers() -> int:
    return db.session.scalar(select(func.count()).select_from(RegisteredDocument))


class Crash(BaseException):
    """The worker's process dying: not an Exception, so no handler of the app catches it."""


def test_upload_enqueues_and_the_worker_issues(app, client, site, worked, queued):
    assert statuses(push(client, site.sign(worked))) == ["applied"]
    site.upload_all(client)
    upload(client, site.photos[0], "image/jpeg")  # the same photo again: still one job
    assert _minutes() == [("signed", None)]
    [job] = _jobs()
    assert (job.claimed_at, job.done_at, job.requested_by_id) == (None, None, site.lead.id)
    result = app.test_cli_runner().invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "1 issue jobs run; 0 waiting." in result.output
    assert _minutes() == [("issued", "01/BB-ĐKT")]
    [job] = _jobs()
    assert job.done_at is not None and job.attempts == 1 and job.last_error is None


def test_a_crash_mid_issue_is_retried_after_the_timeout_with_one_number(
        app, client, site, worked, queued, monkeypatch):
    site.upload_all(client)
    push(client, site.sign(worked))
    job_id = queue.claim("host-a:1")

    def die(_pdf):  # after the number was taken, before anything is committed
        assert _numbers() == 1
        raise Crash
    monkeypatch.setattr("inspect_app.minutes.signing.sign_pdf", die)
    with pytest.raises(Crash):
        queue.run(job_id)
    db.session.rollback()  # the dead process's transaction never commits
    monkeypatch.undo()
    assert _minutes() == [("signed", None)] and _numbers() == 0
    assert queue.work_once("host-b:2") == 0  # the claim is not stale yet
    later = utcnow() + timedelta(seconds=app.config["ISSUE_CLAIM_TIMEOUT"] + 1)
    assert queue.claim("host-b:2", now=later) == job_id
    assert queue.run(job_id) is True
    assert _minutes() == [("issued", "01/BB-ĐKT")] and _numbers() == 1
    [job] = _jobs()
    assert (job.claimed_by, job.attempts) == ("host-b:2", 2) and job.done_at is not None


def test_a_slow_worker_overtaken_gives_no_second_number(app, client, site, worked, queued):
    site.upload_all(client)
    push(client, site.sign(worked))
    job_id = queue.claim("slow:1")
    later = utcnow() + timedelta(seconds=app.config["ISSUE_CLAIM_TIMEOUT"] + 1)
    assert queue.claim("fast:2", now=later) == job_id
    assert queue.run(job_id) is True
    assert queue.run(job_id) is False  # the slow one wakes up: already issued, a no-op
    assert _minutes() == [("issued", "01/BB-ĐKT")] and _numbers() == 1


def test_a_failed_issue_keeps_its_error_and_waits(app, client, site, worked, queued):
    site.upload_all(client)
    push(client, site.sign(worked))
    app.config["INSPECT_ENV"] = "production"  # no office certificate: signing fails
    try:
        assert queue.work_once("w:1") == 1
    finally:
        app.config["INSPECT_ENV"] = "development"
    [job] = _jobs()
    assert job.done_at is None and job.last_error and _minutes() == [("signed", None)]
    assert queue.work_once("w:1") == 0  # not again before the claim times out
    assert issue_ready_minutes(inline=True) == 1  # `flask minutes issue-pending` does it now
    assert queue.run(job.id) is False and _jobs()[0].done_at is not None
    assert _minutes() == [("issued", "01/BB-ĐKT")] and _numbers() == 1


def test_concurrent_workers_run_each_job_once(app, client, site, worked, queued):
    if not on_postgres(app):
        pytest.skip("SKIP LOCKED between processes needs PostgreSQL (TEST_DATABASE_URL)")
    site.upload_all(client)
    push(client, site.sign(worked))
    for _ in range(3):
        key = new_id()
        push(client, *site.work(key))
        push(client, site.sign(key))
    assert len(_jobs()) == 4
    claimed = in_threads(app, 4, lambda i: queue.work_once(f"worker-{i}"))
    assert sum(claimed) == 4
    assert [j.attempts for j in _jobs()] == [1, 1, 1, 1]
    assert sorted(n for _, n in _minutes()) == ["01/BB-ĐKT", "02/BB-ĐKT", "03/BB-ĐKT",
                                                "04/BB-ĐKT"]


def test_two_hosts_issuing_the_same_minutes_at_once_give_one_number(app, client, site, worked,
                                                                     queued):
    if not on_postgres(app):
        pytest.skip("row locks between connections need PostgreSQL (TEST_DATABASE_URL)")
    site.upload_all(client)
    push(client, site.sign(worked))
    [minutes_id] = db.session.scalars(select(Minutes.id)).all()
    db.session.rollback()

    def issue(_i):
        issued = issue_once(minutes_id)
        db.session.commit()
        return issued
    assert sorted(in_threads(app, 3, issue)) == [False, False, True]
    assert _minutes() == [("issued", "01/BB-ĐKT")] and _numbers() == 1
