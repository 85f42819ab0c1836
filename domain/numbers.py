"""Short numbers (#41) that staff type in commands, one sequence per business."""

from __future__ import annotations

from domain.models import Organization


def take_number(org: Organization) -> int:
    """Take the business's next number. Call inside the write transaction.

    The UPDATE locks the organization's row until commit, so concurrent takers queue and
    never get the same number; the unique (org, number) indexes are the last word.
    """
    Organization.update(next_number=Organization.next_number + 1).where(
        Organization.id == org.id
    ).execute()
    taken = Organization.select(Organization.next_number).where(Organization.id == org.id)
    return taken.scalar() - 1
