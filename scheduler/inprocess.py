"""The jobs without Redis: a background thread of the dev server (`make run`).

It runs the same periodic jobs as rq-scheduler and the workers would, on the same intervals,
except the outbox, which it sends every two seconds so the simulator shows notices promptly.
Only `create_app(start_jobs=True)` with an empty REDIS_URL starts it; tests never do by
accident.
"""

from __future__ import annotations

import logging
import threading
import time

from domain.db import db
from scheduler import jobs, runtime

log = logging.getLogger(__name__)

DISPATCH_EVERY = 2.0


class InProcessRunner:
    def __init__(self, current: runtime.Runtime, *, tick: float = 1.0):
        self.runtime = current
        self.tick = tick
        self.intervals = {job: float(seconds) for job, seconds in jobs.PERIODIC}
        self.intervals[jobs.dispatch_outbox] = DISPATCH_EVERY
        self.last_run: dict = {}
        self.passes = 0
        self.ran = threading.Event()  # set after each pass, for whoever waits on it
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> InProcessRunner:
        runtime.configure(self.runtime)
        self._thread = threading.Thread(target=self._loop, name="yume-jobs", daemon=True)
        self._thread.start()
        log.info("jobs run in-process (no REDIS_URL)")
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run_due(self) -> list[str]:
        """Run each job whose interval has passed; return their names."""
        ran = []
        for job, every in self.intervals.items():
            started = time.monotonic()
            if started - self.last_run.get(job, float("-inf")) < every:
                continue
            self.last_run[job] = started
            try:
                job()
                ran.append(job.__name__)
            except Exception:  # noqa: BLE001 - a failing job must not stop the others
                log.exception("in-process job %s failed", job.__name__)
        return ran

    def _loop(self) -> None:
        try:
            while not self._stop.is_set():
                self.run_due()
                self.passes += 1
                self.ran.set()
                self._stop.wait(self.tick)
        finally:
            if not db.is_closed():
                db.close()
