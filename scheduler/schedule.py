"""The periodic jobs, registered with rq-scheduler; `rqscheduler` then enqueues them on time.

`install` replaces Yume's entries (ids "yume-<job>") and leaves anything else alone, so
restarting the scheduler never doubles a job. Jobs go to the "yume" queue, which
`rq worker` serves.
"""

from __future__ import annotations

import datetime as dt

from rq_scheduler import Scheduler

from scheduler.jobs import PERIODIC

QUEUE = "yume"
PREFIX = "yume-"


def install(connection, *, queue_name: str = QUEUE) -> list:
    """(Re)register every periodic job, first run now; return the scheduled jobs."""
    scheduler = Scheduler(queue_name=queue_name, connection=connection)
    for job in list(scheduler.get_jobs()):
        if job.id.startswith(PREFIX):
            scheduler.cancel(job)
            job.delete()
    now = dt.datetime.now(dt.UTC)
    return [
        scheduler.schedule(
            scheduled_time=now,
            func=job,
            interval=seconds,
            id=f"{PREFIX}{job.__name__}",
            timeout=max(5 * seconds, 300),
            description=f"yume {job.__name__} every {seconds}s",
        )
        for job, seconds in PERIODIC
    ]
