"""Customers asking before (or while) booking: prices, durations, hours, address, services,
staff days, payment and the owner's own questions. Written as people type on WhatsApp.

Estética Luna: Corte de dama 60 min $350, Corte de caballero 30 min $180, Manicure 45 min
$250, Tinte 120 min $900; open Monday to Friday 10:00–20:00, Saturday 10:00–15:00; Av. Álvaro
Obregón 123, Roma Norte; cash and cards. Today is Wednesday 2 December 2026, 09:00.
"""

from __future__ import annotations

import pytest

from tests.conversations.customer import (
    Case,
    both,
    holiday_on_saturday,
    mine_tomorrow_at_5,
    problems,
    weekdays_only,
)

pytestmark = pytest.mark.usefixtures("database")

ALL_PRICES = ("$350", "$180", "$250", "$900")


def parking_faq(org, clock):
    from domain.faq import add_question

    add_question(
        org,
        "¿Tienen estacionamiento?",
        "Sí, hay estacionamiento gratis para clientes en la parte de atrás.",
    )
    add_question(org, "¿Puedo llevar a mis hijos?", "Claro, los niños son bienvenidos.")
    add_question(
        org, "¿Tienen wifi?", "Sí, la red es EsteticaLuna y la contraseña te la dan en caja."
    )


def no_payment_data(org, clock):
    from domain.info import set_payment_methods

    set_payment_methods(org, "")


def transfer_too(org, clock):
    from domain.info import set_payment_methods

    set_payment_methods(org, "efectivo, tarjeta y transferencia")


CASES = [
    # Prices and durations of one service, then the offer to book it.
    Case(
        "price of one service, then a day books it",
        [
            ("cuanto cuesta el corte de dama?", ("$350", "60 min")),
            ("mañana a las 11", ("corte de dama", "jueves 3 de diciembre, 11:00 a.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "price and saturday hours in one message",
        [
            (
                "buenas, qué precio tiene el manicure? y los sábados hasta qué hora están?",
                ("$250", "3:00 p.m."),
            ),
            ("el sábado temprano", ("manicure", "sábado 5 de diciembre", "10:00 a.m.")),
        ],
    ),
    Case(
        "all the prices",
        [("precios?", ALL_PRICES)],
    ),
    Case(
        "all the prices, in a sentence",
        [("hola buen dia q precio tienen sus servicios", ALL_PRICES)],
    ),
    Case(
        "price list asked with typos",
        [("me pasas la lista de presios porfa", ALL_PRICES)],
    ),
    Case(
        "how long the tinte takes",
        [("cuanto se tarda el tinte", ("120 min", "tinte"))],
    ),
    Case(
        "price of a men's cut",
        [("cuánto cobran por corte de caballero", ("$180",))],
    ),
    Case(
        "price and duration together",
        [("cuanto es de un tinte y cuanto tardan", ("$900", "120 min"))],
    ),
    Case(
        "duration of the corte de dama",
        [("cuánto dura el corte de dama?", ("60 min",))],
    ),
    Case(
        "price of a plain corte gives both",
        [("q precio tiene el corte", ("$350", "$180"))],
    ),
    Case(
        "price asked and booked in one message",
        [
            (
                "cuanto cuesta el manicure? quiero uno el viernes a las 4",
                ("$250", "manicure", "viernes 4 de diciembre", "4:00 p.m."),
            ),
            ("si", ("a nombre de quién",)),
            ("Mariana López", ("listo",)),
        ],
        booked=("Manicure", None, "2026-12-04 16:00"),
    ),
    Case(
        "after the price, yes to the offer",
        [
            ("Hola! cuánto sale el tinte?", ("$900",)),
            ("si porfa", ("qué día",)),
            ("el lunes a las 10", ("tinte", "lunes 7 de diciembre, 10:00 a.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "after the price, not now",
        [
            ("cuanto cuesta el corte de caballero", ("$180",)),
            ("ok gracias, luego te escribo", ("!$180",)),
        ],
        nothing_booked=True,
    ),
    # Opening hours on a day, open or closed.
    Case(
        "hours tomorrow",
        [("a que hora abren mañana?", ("10:00 a.m.", "8:00 p.m."))],
    ),
    Case(
        "open on sundays?",
        [("abren los domingos?", ("domingo", "cerrad"))],
    ),
    Case(
        "saturday closing time",
        [("el sabado a q hora cierran", ("3:00 p.m.",))],
    ),
    Case(
        "the whole week's hours",
        [("qué horario tienen?", ("10:00 a.m.", "8:00 p.m.", "3:00 p.m.", "sábado"))],
    ),
    Case(
        "a holiday by date",
        [("el 12 de diciembre abren?", ("cerrad", "día de la virgen"))],
        setup=holiday_on_saturday,
    ),
    Case(
        "a holiday by weekday and number",
        [("oye abren el sábado 12?", ("cerrad", "día de la virgen"))],
        setup=holiday_on_saturday,
    ),
    Case(
        "the saturday before the holiday is open",
        [("el sábado 5 sí abren?", ("10:00 a.m.", "3:00 p.m.", "!cerrad"))],
        setup=holiday_on_saturday,
    ),
    Case(
        "until when today",
        [("hoy hasta qué hora atienden", ("8:00 p.m.",))],
    ),
    Case(
        "open right now?",
        [("estan abiertos ahorita?", ("10:00 a.m.",))],
    ),
    Case(
        "open tomorrow?",
        [("mañana abren?", ("10:00 a.m.", "8:00 p.m."))],
    ),
    Case(
        "sunday the 6th",
        [("el domingo 6 trabajan?", ("cerrad", "lunes"))],
    ),
    Case(
        "hours on a weekday with a typo",
        [("el miercoles a q hora abren", ("10:00 a.m.",))],
    ),
    # Where they are.
    Case(
        "where are you",
        [("donde estan ubicados?", ("álvaro obregón 123", "maps"))],
    ),
    Case(
        "send me the location",
        [("me mandas la ubicacion porfa 🙏", ("maps",))],
    ),
    Case(
        "the address, formally",
        [("Buenas tardes, ¿cuál es su dirección?", ("álvaro obregón 123", "roma norte"))],
    ),
    Case(
        "where is it, in slang",
        [("y dnd qdan?", ("álvaro obregón",))],
    ),
    # What they offer, and what instead of what they don't.
    Case(
        "which services",
        [
            (
                "qué servicios tienen",
                ("corte de dama", "corte de caballero", "manicure", "tinte"),
            )
        ],
    ),
    Case(
        "pedicure is not offered: manicure instead",
        [("hacen pedicure?", ("pedicure", "manicure"))],
    ),
    Case(
        "eyelashes are not offered",
        [("tienen pestañas?", ("pestañas", "!$900"))],
    ),
    Case(
        "keratin is not offered: hair services instead",
        [("hacen alaciado con keratina??", ("tinte", "corte de dama"))],
    ),
    Case(
        "beard trim is not offered: men's cut instead",
        [("hacen arreglo de barba?", ("barba", "corte de caballero"))],
    ),
    Case(
        "do you do manicure? yes, with the price",
        [("hacen manicure?", ("$250",))],
    ),
    # Payment.
    Case(
        "cards accepted",
        [("aceptan tarjeta?", ("tarjeta",))],
    ),
    Case(
        "transfer is not among the methods",
        [("se puede pagar con transferencia?", ("efectivo", "tarjeta"))],
    ),
    Case(
        "transfer when the owner lists it",
        [("puedo pagar x transferencia?", ("transferencia", "sí"))],
        setup=transfer_too,
    ),
    Case(
        "payment methods",
        [("formas de pago?", ("efectivo", "tarjeta"))],
    ),
    Case(
        "payment methods not given by the owner",
        [("aceptan tarjeta de crédito?", ("equipo",))],
        setup=no_payment_data,
    ),
    # Who works when.
    Case(
        "who works on saturdays",
        [("quien atiende los sabados?", ("ana", "carlos", "!sofía"))],
        setup=weekdays_only("Sofía"),
    ),
    Case(
        "does sofía work on saturday",
        [("Sofía trabaja el sábado?", ("sofía", "lunes a viernes"))],
        setup=weekdays_only("Sofía"),
    ),
    Case(
        "which days carlos works",
        [("que dias trabaja carlos", ("carlos", "lunes a sábado"))],
    ),
    # The owner's own questions, matched by meaning.
    Case(
        "parking, as the owner wrote it",
        [("tienen estacionamiento?", ("estacionamiento gratis",))],
        setup=parking_faq,
    ),
    Case(
        "parking, in other words",
        [("hay donde estacionar el carro?", ("estacionamiento gratis",))],
        setup=parking_faq,
    ),
    Case(
        "children, in other words",
        [("puedo ir con mi hijo?", ("niños son bienvenidos",))],
        setup=parking_faq,
    ),
    Case(
        "wifi, misspelled",
        [("tienen wi fi", ("esteticaluna",))],
        setup=parking_faq,
    ),
    Case(
        "a question nobody wrote an answer for",
        [("tienen servicio a domicilio?", ("equipo", "!1. agendar"))],
        setup=parking_faq,
    ),
    # Questions in the middle of a booking, then back to it.
    Case(
        "the price while choosing a time",
        [
            ("manicure mañana", ("jueves 3 de diciembre",)),
            ("y cuanto cuesta?", ("$250",)),
            ("2", ("manicure con", "jueves 3 de diciembre")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "the address at the confirmation",
        [
            ("corte de dama mañana a las 5 con Sofía", ("5:00 p.m.",)),
            ("y dónde están?", ("álvaro obregón", "confirmo")),
            ("sí", ("a nombre de quién",)),
            ("Mariana López", ("listo",)),
        ],
        booked=("Corte de dama", "Sofía", "2026-12-03 17:00"),
    ),
    Case(
        "the price while choosing a service",
        [
            ("quiero agendar", ("qué servicio",)),
            ("cuanto cuesta el tinte?", ("$900",)),
            ("ese", ("qué día",)),
            ("viernes a las 10", ("tinte", "viernes 4 de diciembre, 10:00 a.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "paying by card while giving the name",
        [
            ("corte de caballero mañana a las 12", ("12:00 p.m.",)),
            ("va", ("a nombre de quién",)),
            ("aceptan tarjeta?", ("tarjeta", "nombre")),
            ("Jorge Ramírez", ("listo, jorge",)),
        ],
        booked=("Corte de caballero", None, "2026-12-03 12:00"),
        profile_name="",
    ),
    Case(
        "sunday hours while choosing a day",
        [
            ("quiero un tinte", ("qué día",)),
            ("abren el domingo?", ("cerrad",)),
            ("entonces el lunes a las 11", ("tinte", "lunes 7 de diciembre, 11:00 a.m.")),
        ],
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "where they are, right after booking",
        [
            ("corte de dama mañana a las 5 con Sofía", ()),
            ("si", ()),
            ("Mariana López", ("listo",)),
            ("oigan y donde quedan?", ("álvaro obregón",)),
        ],
        booked=("Corte de dama", "Sofía", "2026-12-03 17:00"),
    ),
    Case(
        "the parking question while choosing a time",
        [
            ("corte de caballero el viernes", ("viernes 4 de diciembre",)),
            ("tienen estacionamiento?", ("estacionamiento gratis",)),
            ("a las 12", ("corte de caballero", "12:00 p.m.")),
        ],
        setup=parking_faq,
        ends=("booking", "awaiting_confirmation"),
    ),
    Case(
        "asking when the appointment is",
        [("a que hora es mi cita?", ("corte de dama", "jueves 3 de diciembre", "5:00 p.m."))],
        setup=mine_tomorrow_at_5,
    ),
    Case(
        "asking with whom",
        [("con quien me toca mañana?", ("sofía",))],
        setup=mine_tomorrow_at_5,
    ),
    Case(
        "price, then the holiday, then another day",
        [
            ("cuanto cuesta un corte de caballero", ("$180",)),
            ("el sábado 12 se puede?", ("día de la virgen",)),
            ("y el viernes 11 a las 6?", ("corte de caballero", "viernes 11 de diciembre")),
        ],
        setup=both(holiday_on_saturday),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_customer_asks(case: Case, client, clock):
    found = problems(case, client, clock)
    assert not found, "\n".join(found)
