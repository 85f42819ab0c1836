"""Customers changing or cancelling in their own words: right after booking, after a reminder,
or out of the blue; the only appointment or the one they name.

Unless a case books first, the customer holds a Corte de dama with Sofía tomorrow (Thursday
3 December) at 5:00 p.m.; `two_of_mine` adds a Manicure with Carlos on Saturday the 5th at
11:00 a.m. Today is Wednesday 2 December 2026, 09:00.
"""

from __future__ import annotations

import datetime as dt

import pytest

from domain.models import Appointment
from tests.conftest import local
from tests.conversations.customer import (
    Case,
    all_of,
    mine_tomorrow_at_5,
    moved_to,
    my_appointments,
    problems,
    reminder_sent,
    status_is,
    two_of_mine,
)

pytestmark = pytest.mark.usefixtures("database")

BOOK_TOMORROW_AT_5 = [
    ("corte de dama mañana a las 5 con Sofía", ("jueves 3 de diciembre, 5:00 p.m.",)),
    ("si", ("a nombre de quién",)),
    ("Mariana López", ("listo, mariana",)),
]


def service_status(service_name, expected):
    def check(org, clock, chat):
        statuses = {a.service.name: a.status for a in my_appointments(org)}
        assert statuses[service_name] == expected, statuses

    return check


def service_at(service_name, day, at):
    def check(org, clock, chat):
        starts = {a.service.name: a.start_at for a in my_appointments(org)}
        assert starts[service_name] == local(day, at), starts

    return check


def on_day(day):
    def check(org, clock, chat):
        (appointment,) = [a for a in my_appointments(org) if a.status in Appointment.ACTIVE]
        midnight = local(day, "00:00")
        assert midnight <= appointment.start_at < midnight + dt.timedelta(days=1)

    return check


CASES = [
    # Right after booking.
    Case(
        "right after booking: wednesday at the same time",
        [
            *BOOK_TOMORROW_AT_5,
            (
                "oye mejor el miércoles a la misma hora, se puede?",
                ("miércoles 9 de diciembre", "5:00 p.m."),
            ),
            ("sí", ("miércoles 9 de diciembre",)),
        ],
        check=moved_to("2026-12-09", "17:00"),
    ),
    Case(
        "right after booking: can't make it, cancel",
        [
            *BOOK_TOMORROW_AT_5,
            ("no voy a poder ir, cancelala", ("cancel", "corte de dama")),
            ("si", ("cancelé",)),
        ],
        check=status_is("cancelled"),
    ),
    Case(
        "right after booking: it was thursday, not friday",
        [
            ("corte de dama el viernes a las 5 con Sofía", ("viernes 4 de diciembre",)),
            ("si", ()),
            ("Mariana López", ("listo",)),
            (
                "ay no perdón era para el jueves no para el viernes",
                ("jueves 3 de diciembre", "5:00 p.m."),
            ),
            ("si", ("jueves 3 de diciembre",)),
        ],
        check=moved_to("2026-12-03", "17:00"),
    ),
    Case(
        "right after booking: the wrong hour",
        [
            *BOOK_TOMORROW_AT_5,
            ("me equivoqué de hora, era a las 4", ("4:00 p.m.",)),
            ("si", ("4:00 p.m.",)),
        ],
        check=moved_to("2026-12-03", "16:00"),
    ),
    Case(
        "right after booking: siempre no",
        [*BOOK_TOMORROW_AT_5, ("oye siempre no, cancela", ("cancel",)), ("sí", ("cancelé",))],
        check=status_is("cancelled"),
    ),
    Case(
        "right after booking: what if at 6",
        [*BOOK_TOMORROW_AT_5, ("y si mejor a las 6?", ("6:00 p.m.",)), ("va", ("6:00 p.m.",))],
        check=moved_to("2026-12-03", "18:00"),
    ),
    Case(
        "right after booking: thanks",
        [*BOOK_TOMORROW_AT_5, ("gracias!! 😊", ("!1. agendar",))],
        booked=("Corte de dama", "Sofía", "2026-12-03 17:00"),
    ),
    # The only appointment, in free wording.
    Case(
        "later the same day, about 7",
        [("puedo pasarla mas tarde? como a las 7", ("7:00 p.m.", "jueves 3")), ("si", ())],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-03", "19:00"),
    ),
    Case(
        "the same day but later",
        [
            ("se puede el mismo dia pero mas tarde?", ("jueves 3 de diciembre",)),
            ("a las 7", ("7:00 p.m.",)),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-03", "19:00"),
    ),
    Case(
        "friday at the same time",
        [
            ("la puedo cambiar para el viernes a la misma hora?", ("viernes 4 de diciembre",)),
            ("sí", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-04", "17:00"),
    ),
    Case(
        "earlier, around 3",
        [("mejor más temprano, tipo 3", ("3:00 p.m.",)), ("si porfa", ())],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-03", "15:00"),
    ),
    Case(
        "with another stylist",
        [("cámbiame la cita con Ana porfa", ("ana", "5:00 p.m.")), ("sí", ())],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-03", "17:00", person="Ana"),
    ),
    Case(
        "to saturday, then the hour",
        [
            ("ya no puedo ir mañana, me la pasas al sábado?", ("sábado 5 de diciembre",)),
            ("a las 12", ("12:00 p.m.",)),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-05", "12:00"),
    ),
    Case(
        "cancel please",
        [("cancela mi cita porfa", ("cancel",)), ("sí", ("cancelé",))],
        setup=mine_tomorrow_at_5,
        check=status_is("cancelled"),
    ),
    Case(
        "can't make it: asked what to do",
        [
            ("no voy a poder ir 😔", ("cambiar", "cancelar")),
            ("cancelala", ("cancel",)),
            ("si", ("cancelé",)),
        ],
        setup=mine_tomorrow_at_5,
        check=status_is("cancelled"),
    ),
    Case(
        "reschedule, a plain word",
        [
            ("quiero reagendar", ("qué día",)),
            ("el lunes a las 12", ("lunes 7 de diciembre, 12:00 p.m.",)),
            ("sí", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-07", "12:00"),
    ),
    Case(
        "an hour later",
        [("se puede recorrer mi cita una hora?", ("6:00 p.m.",)), ("si", ())],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-03", "18:00"),
    ),
    Case(
        "brought forward to 3",
        [("me la puedes adelantar a las 3?", ("3:00 p.m.",)), ("sí", ())],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-03", "15:00"),
    ),
    Case(
        "same time on saturday is after closing",
        [
            ("a la misma hora pero el sábado", ("sábado 5 de diciembre", "3:00 p.m.")),
            ("a las 12 entonces", ("12:00 p.m.",)),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-05", "12:00"),
    ),
    Case(
        "cancel tomorrow's",
        [("cancelar la cita de mañana", ("cancel",)), ("sí", ("cancelé",))],
        setup=mine_tomorrow_at_5,
        check=status_is("cancelled"),
    ),
    Case(
        "not going anymore",
        [("ya no voy a ir, gracias", ("cancel",)), ("si", ("cancelé",))],
        setup=mine_tomorrow_at_5,
        check=status_is("cancelled"),
    ),
    Case(
        "cancel, formally",
        [
            ("Buenas tardes, no podré asistir a mi cita, ¿la puede cancelar?", ("su cita",)),
            ("Sí, por favor", ("cancel",)),
        ],
        setup=mine_tomorrow_at_5,
        check=status_is("cancelled"),
    ),
    Case(
        "another day, then pick a time",
        [
            ("la puedo mover para otro día?", ("qué día",)),
            ("el martes", ("martes 8 de diciembre",)),
            ("1", ("martes 8 de diciembre",)),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=on_day("2026-12-08"),
    ),
    Case(
        "a date, then the same time",
        [
            ("cambia mi cita al 10 de diciembre", ("jueves 10 de diciembre",)),
            ("a la misma hora", ("5:00 p.m.",)),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-10", "17:00"),
    ),
    Case(
        "friday the 4th in the afternoon",
        [
            ("quiero cambiar mi cita para el viernes 4 en la tarde", ("viernes 4 de diciembre",)),
            ("a las 4", ("4:00 p.m.",)),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-04", "16:00"),
    ),
    Case(
        "the day after tomorrow, then the hour",
        [
            ("muevela para pasado mañana", ("viernes 4 de diciembre",)),
            ("a las 5", ("5:00 p.m.",)),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-04", "17:00"),
    ),
    # One of two, named.
    Case(
        "the manicure one to monday",
        [
            ("quiero cambiar la del manicure al lunes", ("manicure", "lunes 7 de diciembre")),
            ("a las 11", ("11:00 a.m.",)),
            ("sí", ()),
        ],
        setup=two_of_mine,
        check=all_of(
            service_at("Manicure", "2026-12-07", "11:00"),
            service_at("Corte de dama", "2026-12-03", "17:00"),
        ),
    ),
    Case(
        "cancel saturday's",
        [("cancela la del sábado", ("manicure",)), ("si", ("cancelé",))],
        setup=two_of_mine,
        check=all_of(
            service_status("Manicure", "cancelled"), service_status("Corte de dama", "booked")
        ),
    ),
    Case(
        "cancel: which one? the haircut",
        [
            ("Quiero cancelar", ("corte de dama", "manicure")),
            ("la del corte", ("corte de dama",)),
            ("si", ("cancelé",)),
        ],
        setup=two_of_mine,
        check=all_of(
            service_status("Corte de dama", "cancelled"), service_status("Manicure", "booked")
        ),
    ),
    Case(
        "thursday's one to 6",
        [("cambia la cita del jueves para las 6", ("6:00 p.m.",)), ("si", ())],
        setup=two_of_mine,
        check=service_at("Corte de dama", "2026-12-03", "18:00"),
    ),
    # Questions in the middle of moving or cancelling.
    Case(
        "the price of a tinte while moving",
        [
            ("quiero cambiar mi cita", ("qué día",)),
            ("oye y cuánto cuesta el tinte?", ("$900", "qué día")),
            ("el viernes a las 11", ("viernes 4 de diciembre, 11:00 a.m.",)),
            ("si", ()),
        ],
        setup=mine_tomorrow_at_5,
        check=moved_to("2026-12-04", "11:00"),
    ),
    Case(
        "where they are while cancelling",
        [
            ("cancela mi cita porfa", ("cancel",)),
            ("oye y donde están?", ("álvaro obregón", "cancelo tu cita")),
            ("si", ("cancelé",)),
        ],
        setup=mine_tomorrow_at_5,
        check=status_is("cancelled"),
    ),
    # After a reminder.
    Case(
        "reminder: to friday, then the same time",
        [
            ("no voy a poder, me la cambias para el viernes?", ("viernes 4 de diciembre",)),
            ("a la misma hora", ("5:00 p.m.",)),
            ("sí", ()),
        ],
        setup=reminder_sent,
        check=moved_to("2026-12-04", "17:00"),
    ),
    Case(
        "reminder: I'll be there",
        [("ahí estaré 👍", ("confirmad",))],
        setup=reminder_sent,
        check=status_is("confirmed"),
    ),
    Case(
        "reminder: see you there",
        [("siii ahi nos vemos", ("confirmad",))],
        setup=reminder_sent,
        check=status_is("confirmed"),
    ),
    Case(
        "reminder: cancel it",
        [("cancelala porfavor ya no puedo", ("cancel",)), ("si", ("cancelé",))],
        setup=reminder_sent,
        check=status_is("cancelled"),
    ),
    Case(
        "reminder: half an hour later",
        [("puedo llegar media hora más tarde?", ("5:30 p.m.",)), ("sí", ())],
        setup=reminder_sent,
        check=moved_to("2026-12-03", "17:30"),
    ),
    Case(
        "reminder: saturday at 11",
        [
            ("me la puedes cambiar para el sábado a las 11?", ("sábado 5 de diciembre",)),
            ("sí", ()),
        ],
        setup=reminder_sent,
        check=moved_to("2026-12-05", "11:00"),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_customer_changes_plans(case: Case, client, clock):
    found = problems(case, client, clock)
    assert not found, "\n".join(found)
