"""Minutes waiting to be issued, and the worker that issues them (`flask worker`).

With ISSUE_INLINE off (production) the request that completes signed minutes only enqueues
them: rendering and signing take seconds the phone should not wait for. A worker claims a job in
a short transaction of its own (PostgreSQL: FOR UPDATE SKIP LOCKED, so the workers of every host
never wait on each other; SQLite: one UPDATE under its single writer), then issues in another.
A worker that dies mid-way leaves its claim, which another takes over after ISSUE_CLAIM_TIMEOUT
seconds. The number is safe even then: issuing holds the minutes' row (issue.issue_once), so a
claim taken over from a worker that was only slow never gives a second number.
"""
import logging
import time
from datetime import datetime, timedelta

import click
from flask import current_app
from sqlalchemy import or_, select, update

from ..extensions import db
from ..leases import this_process, upsert
from ..timeutil import utcnow
from .models import IssueJob, Minutes

log = logging.getLogger(__name__)


def enqueue(minutes: Minutes, user=None) -> None:
    """Ask a worker to issue these minutes; a second request for them is a no-op."""
    db.session.flush()  # the minutes need their id
    stmt = upsert(IssueJob.__table__).values(
        minutes_id=minutes.id, requested_by_id=getattr(user, "id", None), created_at=utcnow(),
        attempts=0)
    db.session.execute(stmt.on_conflict_do_nothing(index_elements=["minutes_id"]))


def claim_timeout() -> timedelta:
    return timedelta(seconds=current_app.config["ISSUE_CLAIM_TIMEOUT"])


def claim(worker: str, now: datetime | None = None) -> int | None:
    """Take the oldest job nobody holds (or whose holder's claim is stale); commit; its id."""
    now = now or utcnow()
    jobs = IssueJob.__table__
    pick = (select(jobs.c.id)
            .where(jobs.c.done_at.is_(None),
                   or_(jobs.c.claimed_at.is_(None), jobs.c.claimed_at < now - claim_timeout()))
            .order_by(jobs.c.id).limit(1))
    if db.session.get_bind().dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    job_id = db.session.execute(
        update(jobs).where(jobs.c.id == pick.scalar_subquery())
        .values(claimed_at=now, claimed_by=worker, attempts=jobs.c.attempts + 1)
        .returning(jobs.c.id)).scalar()
    db.session.commit()
    return job_id


def run(job_id: int) -> bool:
    """Issue the job's minutes (a no-op if another did) and close the job, in one transaction.
    On failure the job keeps its claim and error, and is tried again after the timeout."""
    from .issue import issue_once

    db.session.expire_all()
    minutes_id, user_id = db.session.execute(
        select(IssueJob.minutes_id, IssueJob.requested_by_id).where(IssueJob.id == job_id)).one()
    db.session.rollback()  # the guard in issue_once must be the transaction's first statement
    try:
        issued = issue_once(minutes_id, user_id)
        db.session.execute(update(IssueJob).where(IssueJob.id == job_id)
                           .values(done_at=utcnow(), last_error=None))
        db.session.commit()
    except Exception as err:  # fonts, certificate, disk: the job waits for its next attempt
        db.session.rollback()
        log.exception("issue job %s (minutes %s) failed; retried after the claim timeout",
                      job_id, minutes_id)
        db.session.execute(update(IssueJob).where(IssueJob.id == job_id)
                           .values(last_error=f"{type(err).__name__}: {err}"[:2000]))
        db.session.commit()
        return False
    return issued


def work_once(worker: str | None = None) -> int:
    """Run every job that can be claimed now; return how many were claimed."""
    worker = worker or this_process()
    done = 0
    while (job_id := claim(worker)) is not None:
        run(job_id)
        done += 1
    return done


def pending() -> int:
    return db.session.scalar(select(db.func.count()).select_from(IssueJob)
                             .where(IssueJob.done_at.is_(None)))


@click.command("worker")
@click.option("--once", is_flag=True, help="Run the jobs waiting now, then exit.")
@click.option("--poll", type=float, default=2.0, show_default=True,
              help="Seconds between looks at an empty queue.")
def worker_command(once: bool, poll: float) -> None:
    """Issue signed minutes from the queue (run by systemd on every host)."""
    name = this_process()
    click.echo(f"Issue worker {name}: polling every {poll:g} s.")
    while True:
        done = work_once(name)
        if done:
            click.echo(f"{done} issue jobs run; {pending()} waiting.")
        if once:
            return
        time.sleep(poll)


def init_app(app) -> None:
    app.cli.add_command(worker_command)
