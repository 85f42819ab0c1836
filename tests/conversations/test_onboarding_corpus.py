"""Owners set up their business in their own words, and the business stored is what they meant.

Each case of the corpus (tests/conversations/onboarding_corpus.py) is replayed through the
signed webhook; the test checks the stored business field by field (name, type, owner,
services, hours per day, staff with phones, spots, address) and that it was created by the
owner's last message, the confirmation.
"""

from __future__ import annotations

import pytest

from tests.conversations.onboarding_corpus import CASES, play

pytestmark = pytest.mark.usefixtures("database")


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 40
    assert len({case.id for case in CASES}) == len(CASES)
    assert len({case.phone for case in CASES}) == len(CASES)
    kinds = {case.business.type for case in CASES}
    assert {"barbería", "salón", "uñas", "spa", "pestañas", "maquillaje", "a domicilio"} <= kinds


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_an_owner_sets_up_the_business_they_meant(client, clock, case):
    played = play(client, case)
    assert not played.differences, "\n".join([*played.differences, played.transcript])
