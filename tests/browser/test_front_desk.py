"""The front desk on a phone and a desktop: walk-ins, finding clients, blocks, services.

Each task counts its taps (typing is not a tap): the aim is at most four for each.
"""

from __future__ import annotations

from playwright.sync_api import expect

from domain import booking
from domain.models import Appointment, Customer, Service, TimeBlock
from tests.browser.conftest import log_in
from tests.conftest import local
from tests.factories import customer, salon, service, staff


class Taps:
    """Clicks on a page, counted."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


def test_a_walk_in_in_two_taps(screen, clock, database):
    org = salon()
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de caballero"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-02", "10:00"),
        clock=clock,
    )
    clock.advance(hours=1, minutes=7)  # 10:07: Sofía is busy
    log_in(screen, staff(org, "Ana"), clock)
    tap = Taps()
    tap(screen.get_by_role("link", name="Llegó ahorita"))
    screen.shot("walk-in")
    tap(screen.get_by_role("button", name="Corte de caballero"))
    expect(screen.get_by_role("status")).to_contain_text(
        "Cliente sin nombre: Corte de caballero con Carlos, desde las 10:07 a.m."
    )
    screen.shot("walked-in")
    assert tap.count == 2
    walk_in = Appointment.get(Appointment.source == "walk_in")
    assert walk_in.start_at == local("2026-12-02", "10:07") and walk_in.staff.name == "Carlos"
    expect(screen.locator(".cal")).to_contain_text("10:07 a.m. Sin nombre Corte de caballero")


def test_a_named_walk_in_that_started_ten_minutes_ago(screen, clock, database):
    org = salon()
    clock.advance(hours=3)  # 12:00
    log_in(screen, staff(org, "Ana"), clock)
    tap = Taps()
    tap(screen.get_by_role("link", name="Llegó ahorita"))
    tap(screen.get_by_text("Nombre, quién atiende y cuándo empezó"))
    screen.get_by_label("Nombre").fill("Jorge")
    tap(screen.get_by_text("Hace 10 min"))
    tap(screen.get_by_role("button", name="Manicure"))
    expect(screen.get_by_role("status")).to_contain_text(
        "Jorge: Manicure con Ana, desde las 11:50 a.m."
    )
    assert tap.count == 4
    assert Appointment.get().customer.name == "Jorge"


def test_finding_a_client_as_you_type_without_accents(screen, clock, database):
    org = salon()
    customer(org, "Lucía Pérez", "+525520000001")
    customer(org, "Rosa Díaz", "+525520000002")
    log_in(screen, staff(org, "Ana"), clock)
    screen.get_by_role("link", name="Clientes").click()
    screen.get_by_label("Buscar cliente").fill("lucia")  # no button pressed
    results = screen.locator("#results")
    expect(results).to_contain_text("1 resultado para «lucia»")
    expect(results).to_contain_text("Lucía Pérez")
    expect(results).not_to_contain_text("Rosa")
    screen.shot("search-lucia")
    screen.get_by_label("Buscar cliente").fill("55 2000 0002")
    expect(results).to_contain_text("Rosa Díaz")
    expect(results).not_to_contain_text("Lucía")
    results.get_by_role("link", name="Rosa Díaz").click()
    expect(screen.get_by_role("link", name="WhatsApp")).to_have_attribute(
        "href", "https://wa.me/525520000002"
    )
    expect(screen.get_by_role("link", name="Llamar")).to_have_attribute(
        "href", "tel:+525520000002"
    )
    expect(screen.get_by_text("55 2000 0002", exact=True)).to_be_visible()
    screen.shot("client")


def test_booking_again_picks_the_client_and_the_picker_finds_others(screen, clock, database):
    org = salon()
    lucia = customer(org, "Lucía Pérez", "+525520000001")
    customer(org, "Rosa Díaz", "+525520000002")
    booking.book(
        org,
        customer=lucia,
        service=service(org, "Manicure"),
        staff=staff(org, "Carlos"),
        start=local("2026-12-02", "10:00"),
        clock=clock,
    )
    log_in(screen, staff(org, "Ana"), clock)
    screen.goto(f"/panel/clientes/{lucia.id}")
    screen.get_by_role("link", name="Agendar otra vez").click()
    expect(screen.get_by_label("Servicio")).to_have_value(str(service(org, "Manicure").id))
    expect(screen.get_by_label("¿Con quién?")).to_have_value(str(staff(org, "Carlos").id))
    expect(screen.get_by_text("Lucía Pérez · 55 2000 0001")).to_be_visible()
    screen.get_by_role("link", name="Otro cliente").click()
    screen.get_by_label("Nombre").fill("rosa")
    screen.get_by_role("button", name="Rosa Díaz · 55 2000 0002").click()
    screen.shot("picked")
    screen.get_by_label("Día").fill("2026-12-03")
    screen.get_by_label("Hora", exact=True).fill("11:00")
    screen.get_by_role("button", name="Agendar cita").click()
    expect(screen.get_by_role("status")).to_contain_text("agendada")
    newest = Appointment.select().order_by(Appointment.id.desc()).first()
    assert newest.customer.name == "Rosa Díaz" and Customer.select().count() == 2


def test_blocking_an_afternoon_in_three_taps(screen, clock, database):
    org = salon()
    log_in(screen, staff(org, "Ana"), clock)
    tap = Taps()
    slot = screen.get_by_role("link", name="Nueva cita con Sofía, 3:00 p.m.")
    slot.scroll_into_view_if_needed()
    tap(slot)
    tap(screen.get_by_role("link", name="Mejor bloquear este horario"))
    expect(screen.get_by_label("Desde")).to_have_value("15:00")
    expect(screen.get_by_label("Hasta", exact=True)).to_have_value("20:00")  # until closing
    screen.get_by_label("Motivo").fill("doctor")
    screen.shot("block")
    tap(screen.get_by_role("button", name="Guardar bloqueo"))
    expect(screen.get_by_role("status")).to_contain_text("guardado")
    assert tap.count == 3
    block = TimeBlock.get()
    assert block.staff.name == "Sofía" and block.reason == "doctor"
    assert (block.start_at, block.end_at) == (
        local("2026-12-02", "15:00"),
        local("2026-12-02", "20:00"),
    )


def test_adding_a_service_in_four_taps(screen, clock, database):
    org = salon()
    log_in(screen, staff(org, "Ana"), clock)
    tap = Taps()
    tap(screen.get_by_role("link", name="Más"))
    tap(screen.get_by_role("link", name="Servicios"))
    tap(screen.get_by_role("link", name="+ Agregar"))
    screen.get_by_label("Nombre", exact=True).fill("Peinado de fiesta")
    screen.get_by_label("Duración en minutos").fill("50")
    screen.get_by_label("Precio en pesos").fill("400")
    tap(screen.get_by_role("button", name="Guardar"))
    expect(screen.get_by_role("status")).to_contain_text("Peinado de fiesta: cambios guardados.")
    assert tap.count == 4
    added = Service.get(Service.name == "Peinado de fiesta")
    assert (added.duration_min, added.price_cents) == (50, 40000)


def test_a_new_block_starts_on_my_own_agenda_and_removing_one_asks_first(phone, clock, database):
    org = salon()
    log_in(phone, staff(org, "Ana"), clock)
    phone.goto("/panel/horario/bloqueos")
    expect(phone.get_by_label("¿Quién?")).to_have_value(str(staff(org, "Ana").id))
    phone.get_by_label("Día", exact=True).fill("2026-12-03")
    phone.get_by_label("Desde").fill("13:00")
    phone.get_by_label("Hasta", exact=True).fill("14:00")
    phone.get_by_role("button", name="Guardar bloqueo").click()
    expect(phone.get_by_role("status")).to_contain_text("guardado")
    phone.get_by_text("Quitar", exact=True).click()  # opens the question, removes nothing
    assert TimeBlock.select().count() == 1
    expect(phone.get_by_text("¿Quitar el bloqueo")).to_be_visible()
    phone.shot("asks-first")
    phone.get_by_role("button", name="Sí, quitar el bloqueo").click()
    expect(phone.get_by_role("status")).to_contain_text("quitado")
    assert TimeBlock.select().count() == 0
