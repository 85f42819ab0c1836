"""Onboarding figures over the owners' corpus (tests/conversations/onboarding_corpus.py).

Each owner's transcript is replayed through the real signed webhook in a database of its own;
a case counts as finished with nothing misread when the business stored is exactly what the
owner meant (name, type, owner, services, hours per day, staff with phones, spots, address)
and it was created by the owner's last message. Messages to a working business are the
owner's messages up to the one that created it.

    python bench/onboarding.py
"""

from __future__ import annotations

import statistics

from common import machine

from domain.db import db
from tests.conversations.onboarding_corpus import CASES, play


def onboarding_figures(fresh_app, llm_url: str) -> tuple[str, int]:
    """One line of figures over the corpus, and how many inbound messages it replayed."""
    right, costs, failed = 0, [], []
    for case in CASES:
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
        f"onboarding: {len(CASES)} owners, {right}/{len(CASES)} "
        f"({100 * right / len(CASES):.0f}%) finished with nothing misread; messages to a "
        f"working business: median {statistics.median(costs):g}, max {max(costs)}"
    )
    if failed:
        line += f"; misread: {', '.join(failed)}"
    return line, sum(len(case.lines) for case in CASES)


def main() -> None:
    from conversations import Databases, fresh_app

    from tests.fakes.openai_server import FakeOpenAI

    print(f"machine: {machine()}")
    databases = Databases()
    with FakeOpenAI() as fake:
        fake.answer({})
        print(onboarding_figures(lambda url: fresh_app(databases, url), fake.base_url)[0])
    databases.remove()


if __name__ == "__main__":
    main()
