"""What a person's message means: the contract between bot.nlu (which reads) and flows.

The NLU fills what it can find anywhere in the text; each flow state takes what it needs.
Nothing here decides an action: flows validate every value against the business's data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Intents a message can carry, whoever read it (rules or the LLM).
INTENTS = (
    "menu",  # go back to the menu
    "help",  # explain the current step
    "handoff",  # talk to a person
    "abandon",  # leave what is in progress
    "book",
    "my_appointments",
    "reschedule",
    "cancel_appointment",
    "greet",
    "thanks",
    "opt_out",  # "baja": no more reminders
    "opt_in",  # "alta"
    "other_day",  # in a list of times: show another day
    "as_customer",  # staff who want to book for themselves
    "cant_make_it",  # "no voy a poder ir": move it or cancel it?
    "wait",  # "déjame ver", "un momento": nothing to do yet
)
# What a customer may ask about the business (answered from its own data).
TOPICS = (
    "price",  # of one service, or all
    "duration",
    "hours",  # opening hours on a day, or the week; open or closed
    "address",  # with a map link
    "services",  # what they offer
    "offered",  # whether they do one service ("¿hacen pedicure?")
    "staff_days",  # who works which days
    "payment",
    "faq",  # one of the owner's own questions (faq_id)
    "unknown",  # a question nothing here answers
)


@dataclass(frozen=True)
class Command:
    """A staff command: a verb and what came with it."""

    verb: str  # agenda, bloquear, desbloquear, cerrar, walkin, completar, noshow, cancelar,
    # mover, cliente, nota, mensaje, soltar, panel, ayuda, as_customer
    number: int | None = None  # the #41 of an appointment or a block
    everyone: bool = False  # "agenda todos", "cómo está el salón"
    date: dt.date | None = None
    until: dt.date | None = None  # last day of a closure
    start: dt.time | None = None
    end: dt.time | None = None
    text: str = ""  # a reason, a name, a note, a search
    phone: str | None = None
    service_ids: tuple[int, ...] = ()
    problem: str | None = None  # why the times could not be read ("backwards", "missing")
    staff_ids: tuple[int, ...] = ()  # a colleague named: "qué tiene Sofía mañana"
    at: dt.time | None = None  # "la de las 4": the time of the appointment meant…
    on: dt.date | None = None  # …and its day, when one is said ("la de mañana a las 10")
    who: str = ""  # a customer named: "la de Rosa", "mándale a Camila Ortiz"
    message: str = ""  # what to write to a customer
    part_of_day: tuple[dt.time, dt.time] | None = None  # "el viernes en la tarde"
    whole_day: bool = False  # "mañana no vengo"
    implicit: bool = False  # no verb was written: read from a time range or a day alone


@dataclass(frozen=True)
class SetupEdit:
    """A correction an owner makes to the onboarding summary."""

    field: str  # price | duration | name | address | hours | remove | add_service | add_staff
    target: str | None  # the service or person it is about
    value: object  # a number, a text, hours as JSON, a parsed service…


@dataclass(frozen=True)
class Understanding:
    text: str
    intent: str | None = None
    choice: int | None = None  # "2", "la segunda"
    yes: bool | None = None  # sí / no
    service_ids: tuple[int, ...] = ()  # best matches first; several = ambiguous
    staff_ids: tuple[int, ...] = ()
    any_staff: bool = False  # "con quien sea", "cualquiera"
    date: dt.date | None = None
    time: dt.time | None = None
    part_of_day: tuple[dt.time, dt.time] | None = None
    hour_is_ambiguous: bool = False
    name: str | None = None
    appointment_number: int | None = None  # "#41"
    media: bool = False  # a photo, audio, location… without text
    source: str = "rules"  # rules | llm
    command: Command | None = None  # for staff only
    setup: dict | None = None  # for onboarding: services, hours, staff, edit read from the text
    extra: dict = field(default_factory=dict)
    # Several services in one visit: each named service's candidate ids, in the order written.
    service_mentions: tuple[tuple[int, ...], ...] = ()
    choices: tuple[int, ...] = ()  # several numbers from a list: "1 y 3"
    unknown_services: tuple[str, ...] = ()  # named but not offered: "pedicure"
    similar_services: tuple[int, ...] = ()  # what the business has of that kind
    questions: tuple[str, ...] = ()  # TOPICS asked about
    faq_id: int | None = None  # the owner's question this one means
    soonest: bool = False  # "lo antes posible", "cuando tengas lugar"
    shift: int | None = None  # minutes later (+) or earlier (-) than what was proposed
    direction: int = 0  # 1 "más tarde", -1 "más temprano" (with or without a size)
    same_time: bool = False  # "a la misma hora"
    same_day: bool = False  # "el mismo día"
    date_options: tuple[dt.date, ...] = ()  # the date could be either ("el viernes 10")
    attendee: str | None = None  # who the visit is for, when not the person writing
    relative: str | None = None  # "hija", "esposo": the visit is for someone else
    for_me: bool = False  # "es para mí"
    formal: bool | None = None  # written in usted (True), tú (False), or can't tell

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.media

    @property
    def says_when(self) -> bool:
        return bool(self.date or self.time or self.part_of_day)

    @property
    def found_anything(self) -> bool:
        """Whether rules (or the LLM) placed anything at all in the text."""
        return any(
            (
                self.intent,
                self.choice is not None,
                self.yes is not None,
                self.service_ids,
                self.staff_ids,
                self.any_staff,
                self.says_when,
                self.appointment_number,
                self.name,
                self.choices,
                self.unknown_services,
                self.questions,
                self.soonest,
                self.direction,
                self.same_time,
                self.same_day,
                self.relative,
                self.for_me,
            )
        )

    @property
    def wants_change(self) -> bool:
        """Words about moving what was proposed or booked: later, same time, same day."""
        return bool(self.direction or self.same_time or self.same_day)
