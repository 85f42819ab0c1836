"""Owners set up their business in their own words, and the business stored is what they meant.

Each case of the corpus (tests/conversations/onboarding_corpus.py) and of the held-out owners
(tests/conversations/onboarding_heldout.py, written before their authors read the readers) is
replayed through the signed webhook; the test checks the stored business field by field (name,
type, owner, services, hours per day, staff with phones, spots, address) and that it was
created by the owner's last message, the confirmation.
"""

from __future__ import annotations

import pytest

from tests.conversations.onboarding_corpus import CASES, play
from tests.conversations.onboarding_heldout import (
    HELD_OUT,
    HELD_OUT_2,
    HELD_OUT_3,
    HELD_OUT_4,
    HELD_OUT_5,
)

HELD_OUTS = HELD_OUT + HELD_OUT_2 + HELD_OUT_3 + HELD_OUT_4 + HELD_OUT_5
OWNERS = CASES + HELD_OUTS
KINDS = {"barbería", "salón", "uñas", "spa", "pestañas", "maquillaje", "a domicilio"}

pytestmark = pytest.mark.usefixtures("database")


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 40 and len(HELD_OUT) >= 40
    assert len({case.id for case in OWNERS}) == len(OWNERS)
    assert len({case.phone for case in OWNERS}) == len(OWNERS)
    for owners in (CASES, HELD_OUT):
        assert KINDS <= {case.business.type for case in owners}


@pytest.mark.parametrize("case", OWNERS, ids=lambda case: case.id)
def test_an_owner_sets_up_the_business_they_meant(client, clock, case):
    played = play(client, case)
    assert not played.differences, "\n".join([*played.differences, played.transcript])
