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


STAFF_SIDE = ("staff", "customer_mode")  # a staff member, at times booking for themselves


def side_of(role: str) -> str:
    """Whose chat a conversation is: a staff member's, a customer's, or a new business's."""
    return "staff" if role in STAFF_SIDE else role


def current_conversation(channel_number: str, phone: str) -> Conversation | None:
    """The chat a new message from phone to channel_number joins, if there is one."""
    return Conversation.get_or_none(
        (Conversation.channel_number == channel_number)
        & (Conversation.phone == phone)
        & (Conversation.current == True)  # noqa: E712
    )


def conversation_for(
    channel_number: str,
    phone: str,
    org: Organization | None,
    role: str,
    now: dt.datetime,
    current: Conversation | None = None,
) -> Conversation:
    """The chat between phone and channel_number for this business and this side.

    A chat's business and side never change: a message for another business (a code on the
    platform's number) or from a phone that became, or stopped being, staff ends the current
    chat, history and all, and starts a new one. So a transcript that one business's team can
    read never holds another business's messages, nor a staff member's.
    """
    current = current or current_conversation(channel_number, phone)
    if current is not None:
        if current.org_id == (org.id if org else None) and side_of(current.role) == side_of(role):
            return current
        Conversation.update(current=None, updated_at=now).where(
            Conversation.id == current.id
        ).execute()
    try:
        with db.atomic():
            chat = Conversation.create(
                channel_number=channel_number,
                phone=phone,
                org=org,
                role=role,
                # WhatsApp's 24-hour window is the number's, whichever chat it is in.
                last_inbound_at=current.last_inbound_at if current else None,
                created_at=now,
                updated_at=now,
            )
        chat.started = True  # by this message: it opens with a greeting
        return chat
    except IntegrityError:  # a concurrent first message created it
        return current_conversation(channel_number, phone)


CODE = re.compile(r"\b[A-Za-z0-9]{3,24}\b")


def platform_business(
    phone: str, text: str, current: Conversation | None, operators: list[str]
) -> Organization | None:
    """Whom a message to Yume's own number is for: none of them means a new business.

    A business code in the text comes first (the wa.me links of shared-number businesses
    prefill it), over the sender's own staff role; then the business of the current chat; for
    a phone whose chat is no business's, the business it is staff of (owners of shared-number
    businesses run their commands here). Operators' chats here belong to no business unless
    they name one. While a new business is being set up, codes are not looked for.
    """
    if current is not None and current.flow == "onboarding":
        return None
    named = _named_business(text)
    if named is not None:
        return named
    if current is not None and current.org_id:
        return current.org
    if phone in operators:
        return None
    member = (
        Staff.select()
        .join(Organization)
        .where(Staff.phone == phone, Staff.active == True, Organization.status == "active")  # noqa: E712
        .order_by(Staff.role.desc(), Staff.id)  # "owner" sorts after "employee"
        .first()
    )
    return member.org if member is not None else None


def _named_business(text: str) -> Organization | None:
    codes = {word.upper() for word in CODE.findall(text or "")}
    if not codes:
        return None
    return Organization.get_or_none(
        Organization.code.in_(sorted(codes)) & (Organization.status == "active")
    )
