"""Who is speaking: the business by the number written to, the person by the number writing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from peewee import IntegrityError

from domain.customers import customer_for_phone
from domain.db import db
from domain.models import Conversation, Customer, Organization, Staff


@dataclass(frozen=True)
class Route:
    kind: str  # business | platform | unknown
    channel_number: str
    org: Organization | None = None


def route(to_phone: str | None, platform_number: str) -> Route:
    if not to_phone:
        return Route("unknown", "")
    if to_phone == platform_number:
        return Route("platform", to_phone)
    org = Organization.get_or_none(Organization.whatsapp_number == to_phone)
    if org is None or org.status != "active":
        return Route("unknown", to_phone)
    return Route("business", to_phone, org)


def speaker(
    org: Organization, phone: str, profile_name: str, now: dt.datetime
) -> tuple[Staff | None, Customer | None]:
    """The staff member with this phone, or else the customer (created on first contact)."""
    member = Staff.get_or_none(
        (Staff.org == org) & (Staff.phone == phone) & (Staff.active == True)  # noqa: E712
    )
    if member is not None:
        return member, None
    return None, customer_for_phone(org, phone, profile_name=profile_name, now=now)


def conversation_for(
    channel_number: str, phone: str, org: Organization | None, now: dt.datetime
) -> Conversation:
    """The chat between phone and channel_number, created on the first message."""
    conversation = Conversation.get_or_none(
        (Conversation.channel_number == channel_number) & (Conversation.phone == phone)
    )
    if conversation is None:
        try:
            with db.atomic():
                conversation = Conversation.create(
                    channel_number=channel_number,
                    phone=phone,
                    org=org,
                    created_at=now,
                    updated_at=now,
                )
        except IntegrityError:  # a concurrent first message created it
            conversation = Conversation.get(
                (Conversation.channel_number == channel_number) & (Conversation.phone == phone)
            )
    return conversation


CODE = re.compile(r"\b[A-Za-z0-9]{3,24}\b")


def platform_business(phone: str, text: str, conversation: Conversation) -> Organization | None:
    """Whom a message to Yume's own number is for: none of them means a new business.

    A staff member's business comes first (owners of shared-number businesses run their
    commands here), then the business this chat already belongs to, then a business code in
    the text, as the wa.me links of shared-number businesses prefill it.
    """
    member = (
        Staff.select()
        .join(Organization)
        .where(Staff.phone == phone, Staff.active == True, Organization.status == "active")  # noqa: E712
        .order_by(Staff.role.desc(), Staff.id)  # "owner" sorts after "employee"
        .first()
    )
    if member is not None:
        return member.org
    if conversation.org_id and conversation.role != "onboarding":
        return conversation.org
    if conversation.flow == "onboarding":
        return None
    codes = {word.upper() for word in CODE.findall(text or "")}
    if not codes:
        return None
    return Organization.get_or_none(
        Organization.code.in_(sorted(codes)) & (Organization.status == "active")
    )
