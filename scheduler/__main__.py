"""`python -m scheduler worker` or `python -m scheduler scheduler`, with Yume's settings.

`worker` becomes `rq worker` on the "yume" queue with Yume's worker class; `scheduler`
registers the periodic jobs and becomes `rqscheduler`. Both read REDIS_URL (or redis.url in
config.yaml) and refuse to start without it: without Redis, `make run` runs the jobs inside
the web process.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from domain.settings import load_settings

USAGE = "uso: python -m scheduler worker|scheduler"
POLL_SECONDS = "5"  # how often rqscheduler looks for jobs due


def main(argv: list[str]) -> None:
    if len(argv) != 1 or argv[0] not in ("worker", "scheduler"):
        sys.exit(USAGE)
    url = load_settings().redis.url
    if not url:
        sys.exit(
            "REDIS_URL está vacío: sin Redis, `make run` corre los trabajos dentro del "
            "proceso web. Define REDIS_URL para usar rq worker y rqscheduler."
        )
    bin_dir = Path(sys.executable).parent
    if argv[0] == "worker":
        command = [
            str(bin_dir / "rq"),
            "worker",
            "--url",
            url,
            "--worker-class",
            "scheduler.worker.Worker",
            "yume",
        ]
    else:
        from redis import Redis

        from scheduler.schedule import install

        install(Redis.from_url(url))
        command = [str(bin_dir / "rqscheduler"), "--url", url, "--interval", POLL_SECONDS]
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
