"""Onboarding figures over the owners' corpus and the held-out owners.

Each owner's transcript is replayed through the real signed webhook in a database of its own;
a case counts as finished with nothing misread when the business stored is exactly what the
owner meant (name, type, owner, services, hours per day, staff with phones, spots, address)
and it was created by the owner's last message. Messages to a working business are the
owner's messages up to the one that created it. The held-out owners
(tests/conversations/onboarding_heldout.py) were written before being replayed and were never
tuned to; their first replay is the honest figure for owners the code has not seen (recorded
in that file), the lines here show where they stand now.

    python bench/onboarding.py            # both sets, one line each
    python bench/onboarding.py --show ID  # the transcript of one owner and what differs
"""

from __future__ import annotations

import argparse
import re
import statistics

from common import machine

from domain.db import db
from tests.conversations.onboarding_corpus import CASES, Case, play
from tests.conversations.onboarding_heldout import (
    HELD_OUT,
    HELD_OUT_2,
    HELD_OUT_3,
    HELD_OUT_4,
    HELD_OUT_5,
)

SETS = {
    "corpus": CASES,
    "held-out": HELD_OUT,
    "held-out, second batch": HELD_OUT_2,
    "held-out, third batch": HELD_OUT_3,
    "held-out, fourth batch": HELD_OUT_4,
    "held-out, fifth batch": HELD_OUT_5,
}
EVERYONE = [case for cases in SETS.values() for case in cases]


def figures(fresh_app, llm_url: str, cases: list[Case], label: str) -> str:
    """One line of figures over a set of owners."""
    right, costs, failed = 0, [], []
    for case in cases:
        client, _clock = fresh_app(llm_url)
        played = play(client, case)
        if played.created_after is not None:
            costs.append(played.created_after)
        if played.differences:
            failed.append(case.id)
        else:
            right += 1
        db.close()
    line = (
        f"onboarding ({label}): {len(cases)} owners, {right}/{len(cases)} "
        f"({100 * right / len(cases):.0f}%) finished with nothing misread; messages to a "
        f"working business: median {statistics.median(costs):g}, max {max(costs)}"
    )
    if failed:
        line += f"; misread: {', '.join(failed)}"
    return line


def onboarding_figures(fresh_app, llm_url: str) -> tuple[str, int]:
    """The figures over both sets, and how many inbound messages they replayed."""
    lines = [figures(fresh_app, llm_url, cases, label) for label, cases in SETS.items()]
    return "\n".join(lines), sum(len(case.lines) for case in EVERYONE)


def show(fresh_app, llm_url: str, case_id: str) -> None:
    """Print one owner's transcript and what the stored business got wrong."""
    case = next(c for c in EVERYONE if c.id == case_id)
    client, _clock = fresh_app(llm_url)
    played = play(client, case)
    db.close()
    print(re.sub(r"/login/\S+", "/login/…", played.transcript))  # no usable link on screen
    print("\n".join(played.differences) or "nothing misread")


def main() -> None:
    from conversations import Databases, fresh_app

    from tests.fakes.openai_server import FakeOpenAI

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", metavar="ID", help="replay one owner and print the transcript")
    args = parser.parse_args()
    databases = Databases()

    def app(url):
        return fresh_app(databases, url)

    try:
        with FakeOpenAI() as fake:
            fake.answer({})
            if args.show:
                show(app, fake.base_url, args.show)
                return
            print(f"machine: {machine()}")
            print(onboarding_figures(app, fake.base_url)[0])
    finally:
        databases.remove()


if __name__ == "__main__":
    main()
