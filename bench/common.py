"""Shared pieces of the benchmarks: machine details and fresh databases."""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg2  # noqa: E402

from domain.db import connect_database, db  # noqa: E402
from domain.migrate import upgrade  # noqa: E402

PG_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgresql://postgres@127.0.0.1:5432")
PG_NAME = "yume_bench"


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.release()} {platform.machine()}, {cpu}, "
        f"{os.cpu_count()} cpus, Python {platform.python_version()}"
    )


def fresh_database(kind: str) -> str:
    """Create an empty, migrated database of kind sqlite|postgres; return its URL."""
    if db.obj is not None:  # let go of the previous database, pooled connections included
        db.close()
        getattr(db.obj, "close_all", lambda: None)()
    if kind == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="yume-bench-")) / "bench.db"
        url = f"sqlite:///{path}"
    else:
        admin = psycopg2.connect(f"{PG_SERVER}/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {PG_NAME}")
            cursor.execute(f"CREATE DATABASE {PG_NAME}")
        admin.close()
        url = f"{PG_SERVER}/{PG_NAME}"
    connect_database(url)
    upgrade()
    return url


def server_version(kind: str) -> str:
    if kind == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return "PostgreSQL " + db.execute_sql("SHOW server_version").fetchone()[0].split()[0]


def interleaved_ms(first, second, repeat: int) -> tuple[float, float]:
    """Median milliseconds of two operations, run alternately so drift affects both alike."""
    a, b = [], []
    for _ in range(repeat):
        for run, timings in ((first, a), (second, b)):
            started = time.perf_counter()
            run()
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(a), statistics.median(b)
