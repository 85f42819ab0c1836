"""The rq worker class Yume's workers run: `rq worker -w scheduler.worker.Worker yume`.

It prepares the process before the first job: settings, database binding (no connection is
opened before rq forks its work-horses) and the notice handlers.
"""

from __future__ import annotations

from rq.worker import Worker as RqWorker

from scheduler import runtime


class Worker(RqWorker):
    def bootstrap(self, *args, **kwargs):
        runtime.current()
        super().bootstrap(*args, **kwargs)
