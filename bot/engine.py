"""The path of one inbound message: store it, route it, understand it, answer it.

Every message is stored (by its MessageSid) before anything else, so nothing a person writes
is lost; a MessageSid seen before is a retry and gets the stored reply again without running
anything twice. The answer runs in one transaction: conversation state, bookings and outbox
rows commit together or not at all. Whatever happens, the caller gets a reply to send.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from dataclasses import dataclass, field, replace

from peewee import IntegrityError

from bot import dialog, router
from bot.channels.twilio import Inbound
from bot.nlu.commands import read_command
from bot.nlu.setup import read_setup
from bot.nlu.text import normalize, read_yes_no
from bot.nlu.understand import WHOLE, Catalog, read_rules
from domain import faq, staff_messages, team
from domain.auth import issue_login_token, login_url
from domain.availability import default_location
from domain.clock import Clock
from domain.customers import customer_for_phone, set_name
from domain.db import db
from domain.errors import DomainError
from domain.hours import load_hours
from domain.models import Appointment, Invitation, Message, Service, Staff
from domain.phones import mask_phone
from domain.redact import Secrets, redact
from domain.settings import Settings
from flows import reminder
from flows.base import Turn
from flows.understanding import Understanding

log = logging.getLogger(__name__)

SORRY = (
    "Perdón, tuve un problema para responderte. Intenta de nuevo en un momento o escribe "
    "*asesor* para hablar con alguien del equipo."
)
UNKNOWN_NUMBER = (
    "Hola, este número todavía no atiende citas por WhatsApp. Si buscas a un negocio, "
    "escríbele a su número directamente."
)
MEDIA = (
    "Gracias por la imagen o el audio. Por ahora solo puedo leer texto: escríbeme qué "
    "necesitas o escribe *menú* para ver las opciones."
)
FLOODED = "Estoy recibiendo muchos mensajes seguidos. Dame un momento y con gusto te ayudo."
# Said at any step, these answer an open invitation to a team; a bare "sí"/"no" only does
# when no task is in progress (it may be confirming a booking).
INVITATION_WORDS = re.compile(r"^(?:acepto|aceptar|me uno|unirme|rechazo|rechazar)\b")


@dataclass
class Prepared:
    """A message read and placed, before anything is changed."""

    turn: Turn | None = None
    early: str | None = None  # an answer decided without running a flow
    reminded: Appointment | None = None  # the appointment of a recent reminder
    secrets: Secrets = field(default_factory=Secrets)  # hidden in what is stored of the answer
    invitation: Invitation | None = None  # an invitation to a team this message answers
    accepts: bool = False
    relay_to: Staff | None = None  # the staff member a customer's message is passed on to
    message: Message | None = None  # the inbound message, when it is passed on


@dataclass
class Engine:
    settings: Settings
    clock: Clock
    llm: object | None = None  # bot.nlu.llm.LLMReader when an API key is configured
    numbers: object | None = None  # flows.onboarding.NumberSource for new businesses

    def receive(self, inbound: Inbound) -> str:
        """Store, understand and answer one inbound message; '' means say nothing."""
        now = self.clock.now()
        message, fresh = self._record(inbound, now)
        if not fresh:
            return message.reply or ""
        if self._flooding(inbound, now):
            notice = FLOODED if self._first_excess(inbound, now) else ""
            return self._finish(message, notice, "throttled", now)
        try:
            # Reading the message (and asking the LLM, which may take seconds) happens before
            # the write transaction opens, so no lock is held while waiting on the network.
            prepared = self._prepare(inbound, message, now)
            with db.atomic():
                reply = self._respond(prepared, inbound)
                self._finish(message, reply, "answered", now, prepared.secrets.hide)
        except Exception:
            log.exception(
                "could not answer message %s from %s", message.id, mask_phone(inbound.phone)
            )
            # Whatever the answer wrote was rolled back; the message itself stays stored.
            Message.update(reply=SORRY, status="failed").where(Message.id == message.id).execute()
            return SORRY
        return reply

    # --- storing ------------------------------------------------------------------

    def _record(self, inbound: Inbound, now: dt.datetime) -> tuple[Message, bool]:
        sid = inbound.sid or f"LOCAL{secrets.token_hex(12)}"
        try:
            with db.atomic():
                return (
                    Message.create(
                        sid=sid,
                        direction="in",
                        from_number=inbound.phone or inbound.from_address[:40],
                        to_number=inbound.to_phone or inbound.to_address[:40],
                        body=redact(inbound.body),  # a link pasted into a chat stays private
                        num_media=inbound.num_media,
                        payload={key: redact(value) for key, value in inbound.raw.items()},
                        created_at=now,
                    ),
                    True,
                )
        except IntegrityError:
            return Message.get(Message.sid == sid), False

    def _finish(
        self, message: Message, reply: str, status: str, now: dt.datetime, hide=redact
    ) -> str:
        """Store the answer (with any secret it carries hidden); return it whole to send."""
        stored = hide(reply)
        message.reply, message.status = stored, status
        Message.update(
            reply=stored,
            status=status,
            org=message.org_id,
            conversation=message.conversation_id,
            used_llm=message.used_llm,
        ).where(Message.id == message.id).execute()
        if reply and message.conversation_id:
            Message.create(
                org=message.org_id,
                conversation=message.conversation_id,
                direction="out",
                from_number=message.to_number,
                to_number=message.from_number,
                body=stored,
                status="replied",
                created_at=now,
            )
        return reply

    def _flooding(self, inbound: Inbound, now: dt.datetime) -> bool:
        return self._recent(inbound, now) > self.settings.app.flood_limit_per_minute

    def _first_excess(self, inbound: Inbound, now: dt.datetime) -> bool:
        return self._recent(inbound, now) == self.settings.app.flood_limit_per_minute + 1

    def _recent(self, inbound: Inbound, now: dt.datetime) -> int:
        return (
            Message.select()
            .where(
                Message.direction == "in",
                Message.from_number == (inbound.phone or inbound.from_address[:40]),
                Message.created_at > now - dt.timedelta(minutes=1),
            )
            .count()
        )

    # --- answering ------------------------------------------------------------------

    def _prepare(self, inbound: Inbound, message: Message, now: dt.datetime) -> Prepared:
        """Who is speaking, in which conversation, and what they mean."""
        where = router.route(inbound.to_phone, self.settings.twilio.platform_number)
        if where.kind == "unknown" or inbound.phone is None:
            log.warning("message to unknown number %s", mask_phone(inbound.to_address))
            return Prepared(early=UNKNOWN_NUMBER)
        current = router.current_conversation(where.channel_number, inbound.phone)
        org = where.org
        if where.kind == "platform":
            operators = self.settings.platform.operators
            org = router.platform_business(inbound.phone, inbound.body, current, operators)
        invitation = self._invitation_answered(inbound, where, current, now)
        if invitation is not None:
            accepts = _accepts(inbound.body)
            return Prepared(invitation=invitation, accepts=accepts, message=message)
        if org is None:
            conversation = router.conversation_for(
                where.channel_number, inbound.phone, None, "onboarding", now, current
            )
            dialog.expire_if_idle(conversation, now, self.settings.app.conversation_idle_minutes)
            return self._prepare_onboarding(inbound, message, conversation, now)
        staff, customer = router.speaker(org, inbound.phone, inbound.profile_name, now)
        conversation = router.conversation_for(
            where.channel_number,
            inbound.phone,
            org,
            "staff" if staff else "customer",
            now,
            current,
        )
        fresh = dialog.expire_if_idle(
            conversation, now, self.settings.app.conversation_idle_minutes
        )
        message.org, message.conversation = org, conversation
        if staff is None:
            conversation.role = "customer"
        elif conversation.role != dialog.CUSTOMER_MODE:
            conversation.role = "staff"
        conversation.last_inbound_at = conversation.updated_at = now
        secrets = Secrets()
        turn = Turn(
            org=org,
            conversation=conversation,
            clock=self.clock,
            said=Understanding(text=""),
            customer=customer or _staff_as_customer(org, staff, now),
            staff=staff,
            handoff_hours=self.settings.app.handoff_hours,
            login_link=self._login_link(now, secrets),
            templates=staff_messages.templates_for(self.settings.twilio),
            relay_hours=self.settings.app.staff_relay_hours,
            fresh=fresh,
        )
        if conversation.handoff_until and conversation.handoff_until > now:
            if not _back_to_bot(inbound.body):
                # A staff member who wrote to this customer gets the answer.
                relay = staff_messages.relaying_to(conversation, now) if staff is None else None
                return Prepared(turn, early="", relay_to=relay, message=message)
            conversation.handoff_until = None  # the customer asked for the bot again
            conversation.relay_staff = conversation.relay_until = None
        if inbound.is_media_only:
            return Prepared(turn, early=MEDIA)
        in_a_task = conversation.flow not in (None, "menu")
        reminded = None if in_a_task else reminder.reminded_appointment(turn)
        turn.said = self._understand(inbound, turn, reminded is not None, message)
        return Prepared(turn, reminded=reminded, secrets=secrets)

    def _respond(self, prepared: Prepared, inbound: Inbound) -> str:
        """Run the conversation one step; save its state with whatever it changed."""
        turn = prepared.turn
        if prepared.invitation is not None:
            return self._answer_invitation(prepared, inbound)
        if prepared.early is not None:
            if turn is not None:
                turn.conversation.save()
            if prepared.relay_to is not None:
                staff_messages.forward_reply(
                    turn.conversation, prepared.message, prepared.relay_to, turn.now
                )
            return prepared.early
        if turn.conversation.role == "onboarding":
            dialog.run_onboarding_turn(turn)
        elif turn.conversation.role == "staff":
            dialog.run_staff_turn(turn)
        else:
            dialog.run_turn(turn, prepared.reminded, inbound.button_payload)
        turn.conversation.save()
        return "\n\n".join(turn.replies)

    def _login_link(self, now: dt.datetime, secrets: Secrets):
        """A function issuing a fresh single-use dashboard link for a staff member; each link
        is noted in secrets, so the stored copy of the answer shows a placeholder."""
        base = self.settings.app.public_base_url

        def issue(member: Staff) -> str:
            return secrets.keep(login_url(base, issue_login_token(member.phone, member, now)))

        return issue

    def _invitation_answered(self, inbound, where, current, now) -> Invitation | None:
        """The open invitation to a team this message answers, if it answers one."""
        text = normalize(inbound.body)
        explicit = bool(INVITATION_WORDS.match(text))
        idle = current is None or current.flow in (None, "menu")
        if not explicit and not (idle and read_yes_no(inbound.body) is not None):
            return None
        return team.open_invitation(inbound.phone, now, org=where.org)

    def _answer_invitation(self, prepared: Prepared, inbound: Inbound) -> str:
        """Join the team (a new chat starts: the staff member's own) or turn it down."""
        invitation, message, now = prepared.invitation, prepared.message, self.clock.now()
        org = invitation.org
        try:
            member = team.answer(invitation, prepared.accepts, now)
        except DomainError as error:
            return error.message
        channel = router.route(inbound.to_phone, self.settings.twilio.platform_number)
        current = router.current_conversation(channel.channel_number, inbound.phone)
        if member is None:
            if current is not None and current.org_id == org.id:
                message.org, message.conversation = org, current
            return team.DECLINED.format(org=org.name)
        conversation = router.conversation_for(
            channel.channel_number, inbound.phone, org, "staff", now, current
        )
        conversation.last_inbound_at = conversation.updated_at = now
        conversation.save()
        message.org, message.conversation = org, conversation
        return team.ACCEPTED.format(org=org.name)

    def _prepare_onboarding(self, inbound, message, conversation, now) -> Prepared:
        """A phone that is no one's, writing to Yume's own number: a new business."""
        secrets = Secrets()
        message.conversation = conversation
        conversation.role = "onboarding"
        conversation.last_inbound_at = conversation.updated_at = now
        turn = Turn(
            org=None,
            conversation=conversation,
            clock=self.clock,
            said=Understanding(text=""),
            login_link=self._login_link(now, secrets),
            numbers=self.numbers,
            pricing=self.settings.platform.pricing,
        )
        if inbound.is_media_only:
            return Prepared(turn, early=MEDIA)
        expecting = dialog.expecting(turn, False)
        said = read_rules(
            inbound.body,
            catalog=Catalog(),
            now=now.replace(tzinfo=None),
            expecting=expecting,
        )
        turn.said = replace(said, setup=read_setup(inbound.body, expecting.what))
        return Prepared(turn, secrets=secrets)

    def _understand(
        self, inbound: Inbound, turn: Turn, reminder_open: bool, message
    ) -> Understanding:
        org = turn.org
        hours = load_hours(default_location(org).hours)
        services = list(
            Service.select(Service.id, Service.name, Service.synonyms)
            .where(Service.org == org, Service.active == True)  # noqa: E712
            .tuples()
        )
        catalog = Catalog(
            services=tuple((ident, name) for ident, name, _ in services),
            staff=tuple(
                Staff.select(Staff.id, Staff.name)
                .where(Staff.org == org, Staff.active == True)  # noqa: E712
                .tuples()
            ),
            synonyms=tuple((ident, words) for ident, _, words in services if words),
            faq=tuple((e.id, e.question) for e in faq.questions(org))
            if turn.conversation.role != "staff"
            else (),
        )
        expecting = dialog.expecting(turn, reminder_open)
        now_local = turn.now.astimezone(turn.tz).replace(tzinfo=None)

        def hours_for(day):
            return hours.get(day.weekday(), [])

        said = read_rules(
            inbound.body,
            catalog=catalog,
            now=now_local,
            expecting=expecting,
            hours_for=hours_for,
            media=inbound.num_media > 0,
        )
        if turn.conversation.role == "staff":
            command = read_command(
                inbound.body,
                now_local,
                hours_for=hours_for,
                service_names=catalog.services,
                staff_names=catalog.staff,
            )
            idle = turn.conversation.state in (None, "idle")
            if command is None and self.llm is not None and idle and said.text.strip():
                command = self.llm.read_command(
                    said.text, services=catalog.services, today=turn.today
                )
                message.used_llm = True
            return replace(said, command=command)
        unplaced = not said.found_anything or said.questions == ("unknown",)
        if self.llm is not None and unplaced and said.text.strip():
            better = self.llm.read(said, catalog=catalog, expecting=expecting, today=turn.today)
            message.used_llm = True
            if better is not None:
                said = better
        return said


def _accepts(text: str) -> bool:
    """Whether an answer to an invitation is a yes."""
    words = INVITATION_WORDS.match(normalize(text))
    if words:
        return not words.group().startswith("rechaz")
    return read_yes_no(text) is True


def _back_to_bot(text: str) -> bool:
    """During a hand-off only *menú* brings the bot back; everything else is for the team."""
    return bool(WHOLE["menu"].search(normalize(text)))


def _staff_as_customer(org, staff, now):
    """Staff on the customer side book for themselves under their own phone and name."""
    customer = customer_for_phone(org, staff.phone, profile_name=staff.name, now=now)
    if not customer.name_confirmed:
        set_name(customer, staff.name)
    return customer
