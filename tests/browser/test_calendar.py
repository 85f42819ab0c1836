"""The agenda as a calendar, on a phone and on a desktop: what the front desk does all day."""

from __future__ import annotations

from playwright.sync_api import expect

from domain import blocks, booking
from domain.models import Appointment, Customer
from tests.browser.conftest import log_in
from tests.conftest import local
from tests.factories import customer, salon, service, staff


def busy_day(org, clock):
    """Wednesday 2 December: Lucía 10:00 with Sofía (1 h), Jorge 12:00 with Carlos (30 min),
    Ana away 15:00–17:00; Saturday 12 December is a holiday."""
    lucia = customer(org, "Lucía Pérez", "+525520000001")
    jorge = customer(org, "Jorge Ramírez", "+525520000003")
    first = booking.book(
        org,
        customer=lucia,
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-02", "10:00"),
        clock=clock,
        source="dashboard",
        actor="system",
    )
    booking.book(
        org,
        customer=jorge,
        service=service(org, "Corte de caballero"),
        staff=staff(org, "Carlos"),
        start=local("2026-12-02", "12:00"),
        clock=clock,
        source="dashboard",
        actor="system",
    )
    blocks.add_block(
        org,
        start=local("2026-12-02", "15:00"),
        end=local("2026-12-02", "17:00"),
        staff=staff(org, "Ana"),
        reason="comida",
    )
    blocks.add_block(
        org,
        start=local("2026-12-12", "00:00"),
        end=local("2026-12-13", "00:00"),
        reason="Virgen de Guadalupe",
        kind="holiday",
    )
    return first


def box(page, locator):
    return page.locator(locator).first.bounding_box()


def test_the_day_is_a_time_grid_with_a_column_per_person(screen, clock, database):
    org = salon()
    busy_day(org, clock)
    log_in(screen, staff(org, "Ana"), clock)
    grid = screen.locator(".cal")
    for name in ("Ana", "Sofía", "Carlos"):
        expect(grid.get_by_role("heading", name=name)).to_be_visible()
    lucia = grid.get_by_role("link", name="10:00 a.m. Lucía Pérez Corte de dama")
    jorge = grid.get_by_role("link", name="12:00 p.m. Jorge Ramírez Corte de caballero")
    expect(lucia).to_be_visible()
    expect(grid.get_by_text("3:00 p.m.–5:00 p.m. · Bloqueado (comida)")).to_be_visible()
    screen.shot("day")
    # Sized by duration: an hour is twice half an hour.
    tall, short = lucia.bounding_box()["height"], jorge.bounding_box()["height"]
    assert abs(tall / short - 2) < 0.25, (tall, short)
    # Each person's colour, and closed hours shaded: the day ends at 8 p.m.
    assert lucia.evaluate("e => getComputedStyle(e).borderLeftColor") != jorge.evaluate(
        "e => getComputedStyle(e).borderLeftColor"
    )
    assert screen.locator(".cal-col[data-staff] .off").count() >= 3
    # The page itself never scrolls sideways; on a phone the columns do, inside the grid.
    widths = screen.evaluate(
        "() => [document.documentElement.scrollWidth, innerWidth,"
        " document.querySelector('.cal').scrollWidth, document.querySelector('.cal').clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    if screen.screen == "phone":
        assert widths[2] > widths[3], "columns scroll inside the grid on a phone"
    else:
        assert widths[2] <= widths[3] and widths[3] > 1100, "the grid uses the desktop's width"


def test_tapping_an_empty_time_opens_a_new_appointment_there(screen, clock, database):
    org = salon()
    busy_day(org, clock)
    log_in(screen, staff(org, "Ana"), clock)
    slot = screen.get_by_role("link", name="Nueva cita con Sofía, 11:00 a.m.")
    slot.scroll_into_view_if_needed()
    slot.click()
    expect(screen.get_by_role("heading", name="Nueva cita")).to_be_visible()
    expect(screen.get_by_label("¿Con quién?")).to_have_value(str(staff(org, "Sofía").id))
    expect(screen.get_by_label("Día")).to_have_value("2026-12-02")
    expect(screen.get_by_label("Hora", exact=True)).to_have_value("11:00")
    screen.shot("new-from-slot")
    screen.get_by_label("Servicio").select_option(label="Corte de dama — 60 min, $350")
    screen.get_by_label("Nombre").fill("Paty")
    screen.get_by_role("button", name="Agendar cita").click()
    expect(screen.get_by_text("agendada.")).to_be_visible()
    paty = Appointment.get(
        Appointment.customer.in_(Customer.select().where(Customer.name == "Paty"))
    )
    assert paty.start_at == local("2026-12-02", "11:00") and paty.staff.name == "Sofía"


def test_a_holiday_reads_all_day_and_closed_days_say_so(screen, clock, database):
    org = salon()
    busy_day(org, clock)
    log_in(screen, staff(org, "Ana"), clock)
    screen.goto("/panel/agenda/?dia=2026-12-12")
    expect(screen.locator(".blk.allday").first).to_contain_text(
        "Todo el día · Día festivo (Virgen de Guadalupe)"
    )
    expect(screen.locator(".cal")).not_to_contain_text("12:00 a.m.")
    screen.shot("holiday")
    screen.goto("/panel/agenda/?dia=2026-12-06")
    expect(
        screen.get_by_text("Cerrado: el domingo 6 de diciembre el negocio no abre.")
    ).to_be_visible()
    screen.get_by_role("link", name="Semana").click()
    expect(screen.get_by_role("region", name="domingo 6 de diciembre")).to_contain_text("Cerrado")
    expect(screen.get_by_role("region", name="miércoles 2 de diciembre")).to_contain_text(
        "Lucía Pérez"
    )
    screen.shot("week-everyone")
    screen.get_by_role("navigation", name="Persona").get_by_role("link", name="Sofía").click()
    expect(screen.locator(".cal-col[data-date='2026-12-06'] .cal-head")).to_contain_text("Cerrado")
    expect(screen.locator(".cal-col[data-date='2026-12-02']")).to_contain_text("Lucía Pérez")
    screen.shot("week-sofia")


def test_moving_by_tapping_a_free_time(screen, clock, database):
    org = salon()
    first = busy_day(org, clock)
    log_in(screen, staff(org, "Ana"), clock)
    screen.get_by_role("link", name="10:00 a.m. Lucía Pérez Corte de dama").click()  # tap 1
    screen.shot("appointment")
    screen.get_by_role("button", name="1:00 p.m.", exact=True).click()  # tap 2
    expect(screen.get_by_text(f"Cita #{first.number} movida.")).to_be_visible()
    assert Appointment.get_by_id(first.id).start_at == local("2026-12-02", "13:00")
    # Another day: tap the day, then the time.
    screen.get_by_role("navigation", name="Día").get_by_role("link", name="vie 4").click()
    screen.get_by_role("button", name="5:00 p.m.", exact=True).click()
    expect(screen.get_by_text(f"Cita #{first.number} movida.")).to_be_visible()
    assert Appointment.get_by_id(first.id).start_at == local("2026-12-04", "17:00")
    screen.shot("moved")


def test_a_conflicting_move_offers_the_nearest_free_times(screen, clock, database):
    org = salon()
    first = busy_day(org, clock)
    log_in(screen, staff(org, "Ana"), clock)
    screen.goto(f"/panel/agenda/cita/{first.number}")
    screen.get_by_text("Otra hora").click()
    screen.get_by_label("Nueva hora").fill("15:30")
    screen.get_by_label("¿Con quién?").select_option(label="Ana")
    screen.get_by_role("button", name="Mover", exact=True).click()
    expect(screen.get_by_text("Ana no está disponible a esa hora.")).to_be_in_viewport()
    screen.shot("conflict")
    choice = screen.get_by_role("button", name="miércoles 2 de diciembre, 5:00 p.m.")
    choice.click()
    expect(screen.get_by_text(f"Cita #{first.number} movida.")).to_be_visible()
    moved = Appointment.get_by_id(first.id)
    assert moved.start_at == local("2026-12-02", "17:00") and moved.staff.name == "Ana"


def test_dragging_an_appointment_on_a_desktop_moves_it(desktop, clock, database):
    org = salon()
    first = busy_day(org, clock)
    log_in(desktop, staff(org, "Ana"), clock)
    card = desktop.get_by_role("link", name="10:00 a.m. Lucía Pérez Corte de dama")
    target = desktop.locator(f".cal-col[data-staff='{staff(org, 'Ana').id}'] .cal-body")
    card.scroll_into_view_if_needed()
    desktop.evaluate("() => window.scrollBy(0, 250)")  # 10 a.m. to 2 p.m. on the screen
    body = target.bounding_box()
    first_hour = int(desktop.locator(".cal").get_attribute("data-first")) // 60
    rows = body["height"] / ((21 - first_hour) * 12)
    # Grab the card at its top edge and drop it at 1:00 p.m. in Ana's column.
    card.drag_to(
        target,
        source_position={"x": 10, "y": 2},
        target_position={"x": 20, "y": (13 - first_hour) * 12 * rows + 2},
    )
    expect(desktop.get_by_text(f"Cita #{first.number} movida.")).to_be_visible()
    desktop.shot("dragged")
    moved = Appointment.get_by_id(first.id)
    assert moved.staff.name == "Ana" and moved.start_at == local("2026-12-02", "13:00")
    assert "/panel/agenda/" in desktop.url  # back on the agenda, not the appointment


def test_the_agenda_works_without_javascript(chromium, live_server, request, clock, database):
    from tests.browser.conftest import PHONE

    org = salon()
    first = busy_day(org, clock)
    context = chromium.new_context(base_url=live_server, java_script_enabled=False, **PHONE)
    page = context.new_page()
    log_in(page, staff(org, "Ana"), clock)
    page.get_by_role("link", name="10:00 a.m. Lucía Pérez Corte de dama").click()
    page.get_by_role("button", name="1:00 p.m.", exact=True).click()
    assert Appointment.get_by_id(first.id).start_at == local("2026-12-02", "13:00")
    page.goto("/panel/agenda/nueva?date=2026-12-03")
    page.get_by_label("Servicio").select_option(label="Manicure — 45 min, $250")
    page.get_by_role("button", name="Ver horarios libres").click()
    page.get_by_role("button", name="11:00 a.m.", exact=True).click()  # fills the time
    assert page.get_by_label("Hora", exact=True).input_value() == "11:00"
    page.get_by_label("Nombre").fill("Rosa")
    page.get_by_role("button", name="Agendar cita").click()
    assert "agendada" in page.get_by_role("status").inner_text()
    rosa = Appointment.select().order_by(Appointment.id.desc()).first()
    assert rosa.customer.name == "Rosa" and rosa.start_at == local("2026-12-03", "11:00")
    context.close()
