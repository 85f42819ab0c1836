"""Score the Spanish date/time parser on a labelled JSON-lines file and print the figures.

Usage: python bench/nlu_datetime.py [DATA] [--show-failures]

DATA defaults to ../shared/data/es_datetime_dev.jsonl relative to the repository root. Each
line is resolved as the command line `python -m bot.nlu.when --now REFERENCE` would resolve it
(seconds kept, since some expected values carry them), and scored as the data README says: a
`date` case compares the date, a `time` case the time, a `datetime` case both; a parse with
nothing found counts as "not resolved".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data" / "es_datetime_dev.jsonl"
DEFAULT_NOW = dt.datetime(2020, 1, 1, 12, 0)  # for the rare case without a reference
NOT_RESOLVED = "not resolved"


def load_cases(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def reference_of(case: dict) -> dt.datetime:
    ref = case.get("reference")
    return dt.datetime.fromisoformat(ref) if ref else DEFAULT_NOW


def answer(record: dict[str, str | None], kind: str) -> str:
    """The value a case of `kind` is judged on, in the data file's format."""
    date, clock = record["date"], record["time"]
    if kind == "date":
        return date or NOT_RESOLVED
    if kind == "time":
        return clock or NOT_RESOLVED
    return f"{date} {clock}" if date and clock else NOT_RESOLVED


def run(cases: list[dict], resolve) -> tuple[Counter, Counter, list[tuple[dict, str]]]:
    right, total, failures = Counter(), Counter(), []
    for case in cases:
        got = answer(resolve(case["input"], reference_of(case)), case["type"])
        total[case["type"]] += 1
        if got in case["accept"]:
            right[case["type"]] += 1
        else:
            failures.append((case, got))
    return right, total, failures


def sentences_per_second(cases: list[dict], resolve, min_seconds: float = 1.0) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < min_seconds:
        for case in cases:
            resolve(case["input"], reference_of(case))
        done += len(cases)
    return done / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO_ROOT))  # run as a plain script from anywhere
    from bot.nlu.when import parse_when, to_record

    def resolve(text: str, now: dt.datetime) -> dict[str, str | None]:
        return to_record(parse_when(text, now), seconds=True)

    cases = load_cases(args.data)
    right, total, failures = run(cases, resolve)
    overall = sum(right.values()) / len(cases)
    print(f"data: {args.data.name} ({len(cases)} sentences)")
    print(f"overall accuracy: {overall:.1%} ({sum(right.values())}/{len(cases)})")
    for kind in sorted(total):
        print(f"  {kind:9} {right[kind] / total[kind]:.1%} ({right[kind]}/{total[kind]})")
    print(f"speed: {sentences_per_second(cases, resolve):,.0f} sentences/s (one process)")
    print(f"python {platform.python_version()} ({platform.python_implementation()})")
    print(f"platform: {platform.platform()}, {os.cpu_count()} CPUs")
    if args.show_failures:
        for case, got in failures:
            print(f"MISS [{case['type']}] {case['input']!r}: got {got}, want {case['accept']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
