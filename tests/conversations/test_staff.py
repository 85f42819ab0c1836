"""Staff commands over WhatsApp, table-driven: who writes, what they write, what changes.

Estética Luna on Wednesday 2 December 2026, 09:00: Ana is the owner, Sofía and Carlos work
there. Setups book a few appointments first; checks look at what a salon would notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from domain import booking
from domain.blocks import add_block
from domain.models import Appointment, Customer, Notification, Staff, TimeBlock
from tests.conftest import PUBLIC_URL, local
from tests.conversations.chat import Chat
from tests.factories import customer, salon, service, staff

pytestmark = pytest.mark.usefixtures("database")

ANA, SOFIA, CARLOS = "+525511110001", "+525511110002", "+525511110003"
LUCIA, ROSA = "+525520000001", "+525520000002"


@dataclass
class Case:
    name: str
    who: str
    lines: list[tuple[str, tuple[str, ...]]]
    setup: Callable | None = None
    check: Callable | None = None
    advance: dict = field(default_factory=dict)


def day_of_sofia(org, clock):
    """#1 Lucía 10:00 and #2 Rosa 12:30 with Sofía today; Sofía's lunch 15:00-16:00 (#3)."""
    for name, phone, at, what in (
        ("Lucía Pérez", LUCIA, "10:00", "Corte de dama"),
        ("Rosa Díaz", ROSA, "12:30", "Tinte"),
    ):
        booking.book(
            org,
            customer=customer(org, name, phone),
            service=service(org, what),
            staff=staff(org, "Sofía"),
            start=local("2026-12-02", at),
            clock=clock,
            source="dashboard",
            actor="system",
        )
    add_block(
        org,
        staff=staff(org, "Sofía"),
        start=local("2026-12-02", "15:00"),
        end=local("2026-12-02", "16:00"),
        reason="comida",
    )


def carlos_tomorrow(org, clock):
    """#1: Corte de caballero with Carlos tomorrow 16:00 for Rosa."""
    booking.book(
        org,
        customer=customer(org, "Rosa Díaz", ROSA),
        service=service(org, "Corte de caballero"),
        staff=staff(org, "Carlos"),
        start=local("2026-12-03", "16:00"),
        clock=clock,
    )


def status_of(number, expected):
    def check(org, clock, chat):
        assert (
            Appointment.get(Appointment.org == org, Appointment.number == number).status
            == expected
        )

    return check


def blocks_of(person, count):
    def check(org, clock, chat):
        assert TimeBlock.select().where(TimeBlock.staff == staff(org, person)).count() == count

    return check


def closed_on_24(org, clock, chat):
    block = TimeBlock.get(TimeBlock.org == org, TimeBlock.staff.is_null())
    assert block.start_at == local("2026-12-24", "00:00") and block.reason == "Navidad"
    reply = Chat(chat.client, org.whatsapp_number, LUCIA).say("corte de dama el 24 de diciembre")
    assert "estamos cerrados (Navidad)" in reply


def rosa_note(org, clock, chat):
    assert "prefiere agua mineral" in Customer.get(Customer.phone == ROSA).notes


def walk_in_for(name, service_name, person, at, phone=None):
    def check(org, clock, chat):
        appointment = Appointment.get(Appointment.org == org, Appointment.source == "walk_in")
        assert appointment.customer.name == name and appointment.service.name == service_name
        assert appointment.staff.name == person
        assert appointment.start_at == local("2026-12-02", at)
        if phone:
            assert appointment.customer.phone == phone

    return check


def moved_to_friday(org, clock, chat):
    appointment = Appointment.get(Appointment.org == org, Appointment.number == 1)
    assert appointment.start_at == local("2026-12-04", "17:00")
    told_rosa("customer_moved", "cambió tu cita", "Ahora: viernes 4 de diciembre, 5:00 p.m.")


def told_rosa(kind: str, *facts: str) -> None:
    """The customer hears of the change through the outbox, once."""
    notices = list(Notification.select().where(Notification.kind == kind))
    assert [n.recipient for n in notices] == [ROSA]
    for fact in facts:
        assert fact in notices[0].body


def booked_for_herself(org, clock, chat):
    appointment = Appointment.get(Appointment.org == org)
    assert appointment.customer.phone == CARLOS and appointment.service.name == "Manicure"
    assert "Tu agenda" in chat.say("agenda")  # back to commands afterwards


CASES = [
    Case(
        "agenda of today",
        SOFIA,
        [
            (
                "agenda",
                (
                    "Tu agenda de hoy, miércoles 2 de diciembre",
                    "#1 10:00 Corte de dama — Lucía Pérez",
                    "#2 12:30 Tinte — Rosa Díaz",
                    "🔒 #3 15:00–16:00 bloqueado (comida)",
                ),
            )
        ],
        setup=day_of_sofia,
    ),
    Case(
        "agenda of another day", SOFIA, [("agenda mañana", ("jueves 3 de diciembre", "Sin citas"))]
    ),
    Case(
        "the owner sees everyone",
        ANA,
        [("agenda todos", ("Agenda de hoy", "*Ana*", "*Sofía*", "Lucía Pérez", "*Carlos*"))],
        setup=day_of_sofia,
    ),
    Case(
        "an employee sees only their own",
        CARLOS,
        [("agenda todos", ("Solo quien es dueño", "Tu agenda de hoy", "Sin citas"))],
        setup=day_of_sofia,
    ),
    Case(
        "block an afternoon",
        SOFIA,
        [
            (
                "bloquear mañana 3 a 5pm doctor",
                ("Listo: bloqueado jueves 3 de diciembre de 3:00 p.m. a 5:00 p.m. (doctor)",),
            )
        ],
        check=blocks_of("Sofía", 1),
    ),
    Case(
        "a block without a reason",
        SOFIA,
        [("bloquear mañana 3 a 5pm", ("de 3:00 p.m. a 5:00 p.m. Bloqueo #1.",))],
        check=blocks_of("Sofía", 1),
    ),
    Case(
        "a walk-in without a name",
        CARLOS,
        [
            (
                "walkin caballero 1:30pm",
                ("Agendado #1: Corte de caballero con Carlos, hoy 1:30 p.m.",),
            )
        ],
    ),
    Case(
        "free text for a block",
        SOFIA,
        [("ponme comida de 2 a 3 mañana", ("de 2:00 p.m. a 3:00 p.m. (comida)",))],
        check=blocks_of("Sofía", 1),
    ),
    Case(
        "a block over appointments asks first",
        SOFIA,
        [
            ("bloquear hoy 12 a 2", ("hay citas", "#2", "Rosa Díaz", "Bloqueo de todas formas")),
            ("sí", ("Listo: bloqueado",)),
        ],
        setup=day_of_sofia,
        check=blocks_of("Sofía", 2),
    ),
    Case(
        "a block over appointments, declined",
        SOFIA,
        [
            ("bloquear hoy 12 a 2", ("Bloqueo de todas formas",)),
            ("no", ("no hice ningún cambio",)),
        ],
        setup=day_of_sofia,
        check=blocks_of("Sofía", 1),
    ),
    Case(
        "impossible hours are explained",
        SOFIA,
        [("bloquear 5 a 3", ("La hora final debe ser después de la inicial",))],
        check=blocks_of("Sofía", 0),
    ),
    Case(
        "unblock one's own block",
        SOFIA,
        [("desbloquear 3", ("quité el bloqueo #3",))],
        setup=day_of_sofia,
        check=blocks_of("Sofía", 0),
    ),
    Case(
        "an employee cannot unblock someone else",
        CARLOS,
        [("desbloquear 3", ("No encontré el bloqueo #3",))],
        setup=day_of_sofia,
        check=blocks_of("Sofía", 1),
    ),
    Case(
        "the owner closes for a holiday",
        ANA,
        [
            (
                "cerrar 24 dic Navidad",
                ("el negocio queda cerrado jueves 24 de diciembre (Navidad)",),
            )
        ],
        check=closed_on_24,
    ),
    Case(
        "only owners close the business",
        SOFIA,
        [("cerrar 24 dic", ("Solo quien es dueño",))],
        check=lambda org, clock, chat: TimeBlock.select().count() == 0,
    ),
    Case(
        "a walk-in with everything",
        CARLOS,
        [
            (
                "walkin caballero 1:30pm Jorge",
                ("Agendado #1: Corte de caballero con Carlos, hoy 1:30 p.m., Jorge",),
            )
        ],
        check=walk_in_for("Jorge", "Corte de caballero", "Carlos", "13:30"),
    ),
    Case(
        "a walk-in asks for the service",
        CARLOS,
        [
            ("walkin 11am Pedro", ("Qué servicio", "2. Corte de caballero")),
            ("2", ("Agendado #1",)),
        ],
        check=walk_in_for("Pedro", "Corte de caballero", "Carlos", "11:00"),
    ),
    Case(
        "a walk-in with a phone number",
        SOFIA,
        [("walkin corte de dama 10:30 Lucía 55 2000 0001", ("Agendado", "Lucía"))],
        check=walk_in_for("Lucía", "Corte de dama", "Sofía", "10:30", phone=LUCIA),
    ),
    Case(
        "a walk-in for a service someone else does",
        SOFIA,
        [("walkin manicure 11am Paty", ("Manicure con Ana",))],
    ),
    Case(
        "complete an appointment",
        SOFIA,
        [("completar 1", ("#1 marcada como completada",))],
        setup=day_of_sofia,
        advance={0: 120},
        check=status_of(1, "completed"),
    ),
    Case(
        "a no-show counts against the customer",
        SOFIA,
        [("noshow 2", ("#2 marcada como no asistió", "Rosa Díaz suma 1 inasistencia"))],
        setup=day_of_sofia,
        advance={0: 5 * 60},
        check=lambda org, clock, chat: Customer.get(Customer.phone == ROSA).no_show_count == 1,
    ),
    Case(
        "an unknown appointment number",
        SOFIA,
        [("completar 99", ("No encontré la cita #99",))],
        setup=day_of_sofia,
    ),
    Case(
        "an employee cannot change someone else's appointment",
        CARLOS,
        [("completar 1", ("es de Sofía", "solo puedes cambiar las tuyas"))],
        setup=day_of_sofia,
        check=status_of(1, "booked"),
    ),
    Case(
        "the owner can change anyone's",
        ANA,
        [("completar 1", ("#1 marcada como completada",))],
        setup=day_of_sofia,
        advance={0: 120},
        check=status_of(1, "completed"),
    ),
    Case(
        "cancel with a reason, after a yes",
        CARLOS,
        [
            (
                "cancelar 1 se enfermó el estilista",
                ("Cancelo la #1 Corte de caballero — Rosa Díaz", "sí"),
            ),
            ("si", ("cancelé la #1",)),
        ],
        setup=carlos_tomorrow,
        check=lambda org, clock, chat: (
            Appointment.get().cancel_reason == "se enfermó el estilista"
        ),
    ),
    Case(
        "staff may cancel inside the customers' cut-off",
        SOFIA,
        [("cancelar 1", ("Cancelo la #1",)), ("sí", ("cancelé la #1",))],
        setup=day_of_sofia,  # #1 is at 10:00 and it is 09:00
        check=status_of(1, "cancelled"),
    ),
    Case(
        "move an appointment",
        CARLOS,
        [
            ("mover 1 viernes 5pm", ("Muevo la #1", "viernes 4 de diciembre, 5:00 p.m.")),
            ("sí", ("quedó el viernes",)),
        ],
        setup=carlos_tomorrow,
        check=moved_to_friday,
    ),
    Case(
        "a new command drops the pending question",
        CARLOS,
        [
            ("cancelar 1", ("Cancelo",)),
            ("agenda mañana", ("Tu agenda", "Rosa Díaz")),
            ("si", ("No reconocí",)),
        ],
        setup=carlos_tomorrow,
        check=status_of(1, "booked"),
    ),
    Case(
        "look up a customer",
        SOFIA,
        [("cliente Rosa", ("Rosa Díaz (+525520000002)", "Próxima: #2 Tinte", "Inasistencias: 0"))],
        setup=day_of_sofia,
    ),
    Case("an unknown customer", SOFIA, [("cliente Zoila", ("No encontré clientes con «Zoila»",))]),
    Case(
        "a note on a customer",
        SOFIA,
        [
            ("nota Rosa Díaz: prefiere agua mineral", ("Anoté en Rosa Díaz",)),
            ("cliente rosa", ("prefiere agua mineral",)),
        ],
        setup=day_of_sofia,
        check=rosa_note,
    ),
    Case("help for an employee", CARLOS, [("ayuda", ("agenda [día]", "walkin", "panel"))]),
    Case("help for the owner", ANA, [("ayuda", ("agenda todos", "cerrar 24 dic"))]),
    Case(
        "an unknown command gets guidance",
        SOFIA,
        [("hazme un café", ("No reconocí ese comando", "agenda [día]"))],
    ),
    Case(
        "a staff member books for herself",
        CARLOS,
        [
            ("quiero agendar como cliente", ("te atiendo como cliente", "Qué servicio")),
            ("manicure mañana a las 12 con Ana", ("Manicure con Ana",)),
            ("si", ("Listo",)),
        ],
        check=booked_for_herself,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name.replace(" ", "_"))
def test_staff_command(case: Case, client, clock):
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


def test_panel_sends_a_single_use_dashboard_link(client, clock):
    org = salon()
    reply = Chat(client, org.whatsapp_number, SOFIA).say("panel")
    assert "sirve una vez, durante 15 minutos" in reply
    link = reply.split()[-1]
    assert link.startswith(PUBLIC_URL + "/login/")
    path = link[len(PUBLIC_URL) :]
    page = client.get(path)
    assert page.status_code == 200
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    entered = client.post(path, data={"csrf_token": csrf})
    assert entered.status_code == 302 and "/panel/agenda" in entered.headers["Location"]
    assert client.post(path, data={"csrf_token": csrf}).status_code == 400  # used once already


def test_a_customer_typing_a_staff_command_is_a_customer(client, clock):
    org = salon()
    day_of_sofia(org, clock)
    reply = Chat(client, org.whatsapp_number, LUCIA).say("completar 1")
    assert "1. Agendar una cita" in reply or "Qué servicio" in reply
    assert Appointment.get(Appointment.number == 1).status == "booked"


def test_staff_of_another_business_are_customers_here(client, clock):
    ours, theirs = salon(), salon()
    day_of_sofia(ours, clock)
    Staff.create(org=ours, name="Lupita", phone="+525511119999", role="owner")
    chat = Chat(client, theirs.whatsapp_number, "+525511119999")
    assert "Tu agenda" not in chat.say("agenda")
    assert "Cancelo la #1" not in chat.say("cancelar 1")
    assert Appointment.get(Appointment.org == ours, Appointment.number == 1).status == "booked"
