"""Staff and owners in their own words: the commands as people actually type them.

Table-driven like test_staff.py (whose strict commands keep working), from the stylist's and
the owner's side: lowercase, no accents, "k tengo mañana", a walk-in told as a sentence, a
block whose hours come in the next message. Rules only: no LLM is configured here.

Estética Luna on Wednesday 2 December 2026, 09:00 (Mexico City). Ana owns it; Sofía and Carlos
work there. `day_of_sofia`: #1 Lucía Pérez 10:00 (Corte de dama) and #2 Rosa Díaz 12:30
(Tinte) with Sofía, and Sofía's lunch block #3 15:00–16:00.
"""

from __future__ import annotations

import pytest

from domain import booking
from domain.models import Appointment, Customer, TimeBlock
from tests.conftest import local
from tests.conversations.chat import Chat
from tests.conversations.test_staff import (
    ANA,
    CARLOS,
    LUCIA,
    ROSA,
    SOFIA,
    Case,
    carlos_tomorrow,
    day_of_sofia,
    status_of,
)
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")

JORGE = "+525520000003"


def two_at_ten(org, clock):
    """#1 Lucía with Sofía and #2 Jorge with Carlos, both today at 10:00."""
    for name, phone, what, who in (
        ("Lucía Pérez", LUCIA, "Corte de dama", "Sofía"),
        ("Jorge Ramírez", JORGE, "Corte de caballero", "Carlos"),
    ):
        booking.book(
            org,
            customer=customer(org, name, phone),
            service=service(org, what),
            staff=staff(org, who),
            start=local("2026-12-02", "10:00"),
            clock=clock,
            source="dashboard",
            actor="system",
        )


def block_of(person, day, start, end, reason=None):
    """Exactly one block of `person`, on that local day and hours (and reason)."""

    def check(org, clock, chat):
        blocks = list(TimeBlock.select().where(TimeBlock.staff == staff(org, person)))
        assert len(blocks) == 1, [(b.start_at, b.end_at) for b in blocks]
        assert blocks[0].start_at == local(day, start)
        assert blocks[0].end_at == local(day, end)
        if reason is not None:
            assert blocks[0].reason == reason

    return check


def no_blocks(org, clock, chat):
    assert TimeBlock.select().where(TimeBlock.org == org).count() == 0


def whole_day_of(person, day):
    def check(org, clock, chat):
        block = TimeBlock.get(TimeBlock.staff == staff(org, person))
        assert block.start_at == local(day, "00:00")
        assert block.end_at - block.start_at >= local(day, "20:00") - local(day, "00:00")

    return check


def walk_in(name, service_name, person, at, phone=None):
    def check(org, clock, chat):
        appointment = Appointment.get(Appointment.org == org, Appointment.source == "walk_in")
        assert appointment.service.name == service_name and appointment.staff.name == person
        assert appointment.customer.name == name
        assert appointment.start_at == local("2026-12-02", at)
        if phone:
            assert appointment.customer.phone == phone

    return check


def no_walk_in(org, clock, chat):
    assert Appointment.select().where(Appointment.source == "walk_in").count() == 0


def moved(number, day, at):
    def check(org, clock, chat):
        appointment = Appointment.get(Appointment.org == org, Appointment.number == number)
        assert appointment.start_at == local(day, at) and appointment.status == "booked"

    return check


def noted(phone, text):
    def check(org, clock, chat):
        assert text in Customer.get(Customer.phone == phone).notes

    return check


AGENDA = [
    Case(
        "what do I have tomorrow",
        CARLOS,
        [("que tengo mañana?", ("jueves 3 de diciembre", "#1 16:00 Corte de caballero — Rosa"))],
        setup=carlos_tomorrow,
    ),
    Case(
        "k for que, no accents",
        SOFIA,
        [("k tengo hoy", ("Tu agenda de hoy", "Lucía Pérez", "Rosa Díaz", "comida"))],
        setup=day_of_sofia,
    ),
    Case(
        "whom do I have on friday",
        SOFIA,
        [("a quién tengo el viernes", ("viernes 4 de diciembre", "Sin citas"))],
    ),
    Case(
        "how does my day look",
        SOFIA,
        [("cómo viene mi día?", ("Tu agenda de hoy", "#1 10:00", "#2 12:30"))],
        setup=day_of_sofia,
    ),
    Case(
        "anything on saturday",
        SOFIA,
        [("tengo algo el sábado?", ("sábado 5 de diciembre", "Sin citas"))],
    ),
    Case(
        "my appointments the day after tomorrow",
        SOFIA,
        [("mis citas de pasado mañana", ("viernes 4 de diciembre",))],
    ),
    Case("a typo in agenda", SOFIA, [("agnda", ("Tu agenda de hoy",))], setup=day_of_sofia),
    Case(
        "agenda for monday, please",
        SOFIA,
        [("Agenda del lunes porfa", ("lunes 7 de diciembre",))],
    ),
    Case(
        "how many appointments today",
        SOFIA,
        [("cuántas citas tengo hoy", ("2 citas", "Lucía Pérez"))],
        setup=day_of_sofia,
    ),
    Case(
        "a bare day is that day's agenda",
        CARLOS,
        [("mañana?", ("Tu agenda de mañana, jueves 3 de diciembre", "Rosa Díaz"))],
        setup=carlos_tomorrow,
    ),
    Case(
        "what is on for me tomorrow",
        CARLOS,
        [("qué me toca mañana", ("jueves 3 de diciembre", "16:00"))],
        setup=carlos_tomorrow,
    ),
]

OWNER_AGENDA = [
    Case(
        "the owner asks about the salon",
        ANA,
        [("cómo está el salón hoy", ("Agenda de hoy", "*Sofía*", "Lucía Pérez", "*Carlos*"))],
        setup=day_of_sofia,
    ),
    Case(
        "the owner asks what is on in the salon tomorrow",
        ANA,
        [("qué hay en el salón mañana?", ("Agenda de mañana", "*Carlos*", "Rosa Díaz"))],
        setup=carlos_tomorrow,
    ),
    Case(
        "the owner asks for one stylist's day",
        ANA,
        [("qué tiene Sofía hoy", ("Agenda de Sofía", "Lucía Pérez", "Rosa Díaz"))],
        setup=day_of_sofia,
    ),
    Case(
        "the owner asks for one stylist's agenda, lowercase",
        ANA,
        [("agenda de carlos mañana", ("Agenda de Carlos", "jueves 3 de diciembre", "16:00"))],
        setup=carlos_tomorrow,
    ),
    Case(
        "the owner asks who has appointments",
        ANA,
        [("quién tiene citas hoy", ("Agenda de hoy", "*Sofía*", "*Carlos*", "Sin citas"))],
        setup=day_of_sofia,
    ),
    Case(
        "the owner asks how the day goes",
        ANA,
        [("como va el dia en el salon", ("Agenda de hoy", "*Sofía* (2 citas)", "*Carlos*"))],
        setup=day_of_sofia,
    ),
    Case(
        "an employee asking about a colleague sees her own",
        SOFIA,
        [("qué tiene Carlos mañana", ("Solo quien es dueño", "Tu agenda de mañana"))],
        setup=carlos_tomorrow,
    ),
    Case(
        "an employee asking about the salon sees her own",
        SOFIA,
        [("cómo está el salón hoy", ("Solo quien es dueño", "Tu agenda de hoy", "Lucía"))],
        setup=day_of_sofia,
    ),
]

BLOCKS = [
    Case(
        "a friday afternoon, then the hours",
        SOFIA,
        [
            (
                "bloquea el viernes en la tarde",
                ("De qué hora a qué hora", "viernes 4 de diciembre", "toda la tarde"),
            ),
            ("de 3 a 6", ("bloqueado viernes 4 de diciembre de 3:00 p.m. a 6:00 p.m.",)),
        ],
        check=block_of("Sofía", "2026-12-04", "15:00", "18:00"),
    ),
    Case(
        "tomorrow, then the hours with a please",
        SOFIA,
        [
            ("bloquear mañana", ("De qué hora a qué hora", "jueves 3 de diciembre")),
            ("de 1 a 3 xfa", ("bloqueado jueves 3 de diciembre de 1:00 p.m. a 3:00 p.m.",)),
        ],
        check=block_of("Sofía", "2026-12-03", "13:00", "15:00"),
    ),
    Case(
        "the whole afternoon",
        CARLOS,
        [
            ("aparta el viernes en la tarde", ("De qué hora a qué hora",)),
            ("toda la tarde", ("viernes 4 de diciembre de 12:00 p.m. a 7:00 p.m.",)),
        ],
        check=block_of("Carlos", "2026-12-04", "12:00", "19:00"),
    ),
    Case(
        "monday morning hours given after",
        SOFIA,
        [
            ("bloquea el lunes", ("lunes 7 de diciembre",)),
            ("de 10 a 1", ("bloqueado lunes 7 de diciembre de 10:00 a.m. a 1:00 p.m.",)),
        ],
        check=block_of("Sofía", "2026-12-07", "10:00", "13:00"),
    ),
    Case(
        "a change of day while asked for the hours",
        SOFIA,
        [
            ("bloquear mañana", ("jueves 3 de diciembre",)),
            ("mejor el viernes", ("De qué hora a qué hora", "viernes 4 de diciembre")),
            ("de 4 a 5", ("bloqueado viernes 4 de diciembre de 4:00 p.m. a 5:00 p.m.",)),
        ],
        check=block_of("Sofía", "2026-12-04", "16:00", "17:00"),
    ),
    Case(
        "another command instead of the hours",
        SOFIA,
        [
            ("bloquea el viernes", ("De qué hora a qué hora",)),
            ("agenda", ("Tu agenda de hoy",)),
        ],
        check=no_blocks,
    ),
    Case(
        "away on a morning, the whole morning",
        SOFIA,
        [
            ("no voy a estar el viernes en la mañana", ("De qué hora", "toda la mañana")),
            ("toda la mañana", ("viernes 4 de diciembre de 10:00 a.m. a 12:00 p.m.",)),
        ],
        check=block_of("Sofía", "2026-12-04", "10:00", "12:00"),
    ),
    Case(
        "the dentist, told as a sentence",
        CARLOS,
        [("tengo dentista mañana de 11 a 12", ("jueves 3 de diciembre de 11:00 a.m.",))],
        check=block_of("Carlos", "2026-12-03", "11:00", "12:00", reason="dentista"),
    ),
    Case(
        "a day off",
        SOFIA,
        [("mañana no vengo", ("bloqueado jueves 3 de diciembre, todo el día",))],
        check=whole_day_of("Sofía", "2026-12-03"),
    ),
    Case(
        "not working on saturday, with a reason",
        CARLOS,
        [("el sábado no trabajo, tengo boda", ("sábado 5 de diciembre, todo el día", "boda"))],
        check=whole_day_of("Carlos", "2026-12-05"),
    ),
    Case(
        "a doctor's appointment told as a sentence",
        SOFIA,
        [("voy al doctor el jueves de 4 a 6", ("jueves 3 de diciembre de 4:00 p.m.", "(doctor)"))],
        check=block_of("Sofía", "2026-12-03", "16:00", "18:00", reason="doctor"),
    ),
    Case(
        "busy for an hour today",
        CARLOS,
        [("ponme ocupado de 5 a 6 hoy", ("miércoles 2 de diciembre de 5:00 p.m. a 6:00 p.m.",))],
        check=block_of("Carlos", "2026-12-02", "17:00", "18:00"),
    ),
    Case(
        "lunch with an accent on the verb",
        SOFIA,
        [("bloquéame la comida de 2 a 3", ("de 2:00 p.m. a 3:00 p.m. (comida)",))],
        check=block_of("Sofía", "2026-12-02", "14:00", "15:00", reason="comida"),
    ),
    Case(
        "do not book me tomorrow morning",
        CARLOS,
        [("no me agendes nada mañana de 10 a 12", ("jueves 3 de diciembre de 10:00 a.m.",))],
        check=block_of("Carlos", "2026-12-03", "10:00", "12:00"),
    ),
    Case(
        "unblock in words",
        SOFIA,
        [("quita el bloqueo 3", ("quité el bloqueo #3",))],
        setup=day_of_sofia,
        check=lambda org, clock, chat: TimeBlock.select().count() == 0,
    ),
    Case(
        "the owner closes over christmas",
        ANA,
        [
            (
                "cerramos del 24 al 26 de diciembre por navidad",
                ("cerrado del jueves 24 de diciembre al sábado 26 de diciembre",),
            )
        ],
        check=lambda org, clock, chat: (
            TimeBlock.get(TimeBlock.staff.is_null()).start_at == local("2026-12-24", "00:00")
        ),
    ),
]

WALK_INS = [
    Case(
        "a lady for a dye, her name at the end",
        SOFIA,
        [
            (
                "llegó una señora para tinte, se llama Rosa Méndez",
                ("Agendado #1: Tinte con Sofía, hoy 11:00 a.m., Rosa Méndez",),
            )
        ],
        advance={0: 120},
        check=walk_in("Rosa Méndez", "Tinte", "Sofía", "11:00"),
    ),
    Case(
        "a young man just came in",
        CARLOS,
        [
            (
                "acaba de llegar un chavo sin cita para corte de caballero, Luis",
                ("Corte de caballero con Carlos, hoy 11:00 a.m., Luis",),
            )
        ],
        advance={0: 120},
        check=walk_in("Luis", "Corte de caballero", "Carlos", "11:00"),
    ),
    Case(
        "a name right after the verb",
        CARLOS,
        [("acaba de llegar Pedro para corte de caballero", ("Carlos, hoy 11:00 a.m., Pedro",))],
        advance={0: 120},
        check=walk_in("Pedro", "Corte de caballero", "Carlos", "11:00"),
    ),
    Case(
        "lowercase name, no accents",
        CARLOS,
        [("llego jorge para corte de caballero", ("Corte de caballero con Carlos", "Jorge"))],
        advance={0: 120},
        check=walk_in("Jorge", "Corte de caballero", "Carlos", "11:00"),
    ),
    Case(
        "a walk-in at a later hour with a phone",
        CARLOS,
        [
            (
                "tengo un walk in de manicure a las 12, Paty 55 2000 0009",
                ("Manicure con Carlos, hoy 12:00 p.m., Paty",),
            )
        ],
        check=walk_in("Paty", "Manicure", "Carlos", "12:00", phone="+525520000009"),
    ),
    Case(
        "the service asked for, the name kept",
        SOFIA,
        [
            ("me llegó una clienta, se llama lupita", ("Qué servicio", "1. Corte de dama")),
            ("corte de dama", ("Agendado #1: Corte de dama con Sofía", "Lupita")),
        ],
        advance={0: 120},
        check=walk_in("Lupita", "Corte de dama", "Sofía", "11:00"),
    ),
    Case(
        "an ambiguous cut is the one this stylist does",
        CARLOS,
        [
            (
                "entró un cliente para corte a nombre de Mario Ruiz",
                ("Corte de caballero con Carlos", "Mario Ruiz"),
            )
        ],
        advance={0: 120},
        check=walk_in("Mario Ruiz", "Corte de caballero", "Carlos", "11:00"),
    ),
    Case(
        "a lady named after the title",
        CARLOS,
        [("llegó la señora Carmen para manicure", ("Manicure con Carlos", "Carmen"))],
        advance={0: 120},
        check=walk_in("Carmen", "Manicure", "Carlos", "11:00"),
    ),
    Case(
        "a walk-in for someone with a client without a name",
        SOFIA,
        [("tengo una clienta sin cita para corte de dama", ("Corte de dama con Sofía, hoy",))],
        advance={0: 120},
        check=walk_in("", "Corte de dama", "Sofía", "11:00"),
    ),
    Case(
        "a walk-in outside the hours is refused plainly",
        CARLOS,
        [("llegó un señor para corte de caballero", ("fuera de su horario",))],
        check=no_walk_in,
    ),
]

BY_TIME_OR_NAME = [
    Case(
        "done with the ten o'clock",
        SOFIA,
        [("ya terminé con la de las 10", ("#1 marcada como completada",))],
        setup=day_of_sofia,
        advance={0: 130},
        check=status_of(1, "completed"),
    ),
    Case(
        "the half past twelve did not come",
        SOFIA,
        [("no llegó la de las 12:30", ("#2 marcada como no asistió", "Rosa Díaz suma 1"))],
        setup=day_of_sofia,
        advance={0: 270},
        check=status_of(2, "no_show"),
    ),
    Case(
        "the ten o'clock did not come, said after",
        SOFIA,
        [("la de las 10 no vino", ("#1 marcada como no asistió",))],
        setup=day_of_sofia,
        advance={0: 90},
        check=status_of(1, "no_show"),
    ),
    Case(
        "cancel the half past twelve with a reason",
        SOFIA,
        [
            ("cancela la de las 12:30, se le complicó", ("Cancelo la #2 Tinte — Rosa Díaz",)),
            ("sí", ("cancelé la #2",)),
        ],
        setup=day_of_sofia,
        check=lambda org, clock, chat: (
            Appointment.get(Appointment.number == 2).cancel_reason == "se le complicó"
        ),
    ),
    Case(
        "move the half past twelve to friday",
        SOFIA,
        [
            (
                "pasa la de las 12:30 al viernes a las 5",
                ("Muevo la #2", "al viernes 4 de diciembre, 5:00 p.m."),
            ),
            ("va", ("quedó el viernes 4 de diciembre, 5:00 p.m.",)),
        ],
        setup=day_of_sofia,
        check=moved(2, "2026-12-04", "17:00"),
    ),
    Case(
        "a later hour the same day",
        SOFIA,
        [
            ("recorre la de las 12:30 a las 4", ("al miércoles 2 de diciembre, 4:00 p.m.",)),
            ("sí", ("quedó el miércoles 2 de diciembre, 4:00 p.m.",)),
        ],
        setup=day_of_sofia,
        check=moved(2, "2026-12-02", "16:00"),
    ),
    Case(
        "cancel a customer's appointment by her name",
        SOFIA,
        [("cancela la cita de Rosa", ("Cancelo la #2",)), ("sí", ("cancelé la #2",))],
        setup=day_of_sofia,
        check=status_of(2, "cancelled"),
    ),
    Case(
        "move a customer by name",
        SOFIA,
        [
            (
                "cambia a Rosa Díaz para mañana a las 11",
                ("Muevo la #2 Tinte — Rosa Díaz", "jueves 3 de diciembre, 11:00 a.m."),
            ),
            ("si", ("quedó el jueves",)),
        ],
        setup=day_of_sofia,
        check=moved(2, "2026-12-03", "11:00"),
    ),
    Case(
        "done with a customer named without accents",
        SOFIA,
        [("lista la de lucia", ("#1 marcada como completada",))],
        setup=day_of_sofia,
        advance={0: 130},
        check=status_of(1, "completed"),
    ),
    Case(
        "the owner finishes whoever is at half past twelve",
        ANA,
        [("ya quedó la de las 12:30", ("#2 marcada como completada",))],
        setup=day_of_sofia,
        advance={0: 360},
        check=status_of(2, "completed"),
    ),
    Case(
        "an employee has nobody at that hour",
        CARLOS,
        [("cancela la de las 12:30", ("No tienes citas", "12:30 p.m."))],
        setup=day_of_sofia,
        check=status_of(2, "booked"),
    ),
    Case(
        "two at ten: the owner chooses",
        ANA,
        [
            ("ya terminó la de las 10", ("Cuál", "1.", "Lucía Pérez", "2.", "Jorge Ramírez")),
            ("2", ("#2 marcada como completada",)),
        ],
        setup=two_at_ten,
        advance={0: 90},
        check=lambda org, clock, chat: (
            [a.status for a in Appointment.select().order_by(Appointment.number)]
            == ["booked", "completed"]
        ),
    ),
    Case(
        "an employee at ten gets her own without a question",
        CARLOS,
        [("ya terminé con la de las 10", ("#2 marcada como completada",))],
        setup=two_at_ten,
        advance={0: 90},
        check=status_of(2, "completed"),
    ),
]

PEOPLE_AND_MORE = [
    Case(
        "who is lucia",
        SOFIA,
        [("quién es lucia?", ("Lucía Pérez (+525520000001)", "Próxima: #1"))],
        setup=day_of_sofia,
    ),
    Case(
        "rosa's phone",
        SOFIA,
        [("dame el tel de rosa", ("Rosa Díaz (+525520000002)",))],
        setup=day_of_sofia,
    ),
    Case(
        "a note told as a sentence",
        SOFIA,
        [("anota que a Rosa Díaz le gusta el agua mineral", ("Anoté en Rosa Díaz",))],
        setup=day_of_sofia,
        check=noted(ROSA, "le gusta el agua mineral"),
    ),
    Case(
        "a note for a name typed without accents",
        SOFIA,
        [("apunta en lucia: alergia al tinte", ("Anoté en Lucía Pérez",))],
        setup=day_of_sofia,
        check=noted(LUCIA, "alergia al tinte"),
    ),
    Case("what can I do", CARLOS, [("qué puedo hacer?", ("agenda [día]", "walkin"))]),
    Case("I do not know what to write", CARLOS, [("no sé qué escribir", ("Comandos:",))]),
    Case(
        "the panel link in words",
        SOFIA,
        [("mándame el link del panel", ("sirve una vez, durante 15 minutos",))],
    ),
    Case(
        "nonsense gets the commands once",
        SOFIA,
        [("hazme un café", ("No reconocí ese comando",))],
        check=lambda org, clock, chat: chat.log[-1][1].count("Comandos:") == 1,
    ),
]

MORE_WAYS = [
    Case(
        "any clients tomorrow",
        CARLOS,
        [("tengo clientas mañana?", ("jueves 3 de diciembre", "Rosa Díaz"))],
        setup=carlos_tomorrow,
    ),
    Case(
        "the first appointment tomorrow",
        CARLOS,
        [("a qué hora es mi primera cita mañana", ("jueves 3 de diciembre", "#1 16:00"))],
        setup=carlos_tomorrow,
    ),
    Case(
        "number one has left",
        SOFIA,
        [("la 1 ya se fue", ("#1 marcada como completada",))],
        setup=day_of_sofia,
        advance={0: 130},
        check=status_of(1, "completed"),
    ),
    Case(
        "info on a customer",
        SOFIA,
        [("info de rosa díaz", ("Rosa Díaz (+525520000002)",))],
        setup=day_of_sofia,
    ),
    Case(
        "look for a phone number",
        SOFIA,
        [("busca el teléfono de lucia", ("Lucía Pérez (+525520000001)",))],
        setup=day_of_sofia,
    ),
    Case(
        "a meeting on monday",
        CARLOS,
        [("apártame el lunes de 3 a 4 para una junta", ("(junta)",))],
        check=block_of("Carlos", "2026-12-07", "15:00", "16:00", reason="junta"),
    ),
    Case(
        "a walk-in whose name is a colleague's too",
        CARLOS,
        [("llegó Ana Laura sin cita para manicure", ("Manicure con Carlos", "Ana Laura"))],
        advance={0: 120},
        check=walk_in("Ana Laura", "Manicure", "Carlos", "11:00"),
    ),
    Case(
        "move it for me",
        SOFIA,
        [
            (
                "cámbiame la de las 12:30 para el viernes a las 11",
                ("Muevo la #2", "viernes 4 de diciembre, 11:00 a.m."),
            ),
            ("sí", ("quedó el viernes",)),
        ],
        setup=day_of_sofia,
        check=moved(2, "2026-12-04", "11:00"),
    ),
]

CASES = AGENDA + OWNER_AGENDA + BLOCKS + WALK_INS + BY_TIME_OR_NAME + PEOPLE_AND_MORE + MORE_WAYS


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_staff_in_their_words(case: Case, client, clock):
    org = salon()
    if case.setup:
        case.setup(org, clock)
    chat = Chat(client, org.whatsapp_number, case.who, "")
    for i, (text, facts) in enumerate(case.lines):
        if i in case.advance:
            clock.advance(minutes=case.advance[i])
        reply = chat.say(text)
        for fact in facts:
            assert fact in reply, f"{fact!r} missing after {text!r}\n{chat.transcript()}"
    if case.check:
        assert case.check(org, clock, chat) is not False, chat.transcript()


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 50
