"""The Resumen page on a phone and a desktop: figures an owner reads, charts that fit."""

from __future__ import annotations

from playwright.sync_api import expect

from domain import booking
from domain.clock import FixedClock
from tests.browser.conftest import log_in
from tests.conftest import local
from tests.factories import customer, salon, service, staff


def test_the_resumen_reads_on_both_screens(screen, clock, database):
    org = salon()
    plan = [
        ("10:00", "Sofía", "Corte de dama", "whatsapp", "completed"),
        ("11:00", "Sofía", "Corte de dama", "dashboard", "completed"),
        ("12:00", "Carlos", "Manicure", "walk_in", "no_show"),
        ("13:00", "Ana", "Tinte", "whatsapp", None),
    ]
    for at, who, what, source, end in plan:
        appointment = booking.book(
            org,
            customer=customer(org),
            service=service(org, what),
            staff=staff(org, who),
            start=local("2026-12-02", at),
            clock=clock,
            source=source,
            actor="system",
        )
        later = FixedClock(local("2026-12-02", "19:00"))
        if end == "completed":
            booking.complete(org, appointment.number, clock=later, actor="system")
        elif end == "no_show":
            booking.mark_no_show(org, appointment.number, clock=later, actor="system")
    log_in(screen, staff(org, "Ana"), clock)
    screen.get_by_role("link", name="Más").click()
    screen.get_by_role("link", name="Resumen: citas y dinero").click()
    table = screen.get_by_role("table").first
    expect(table).to_contain_text("Ingresos cobrados$700$700$700")
    expect(table).to_contain_text("No asistieron33 %33 %33 %")
    screen.get_by_role("navigation", name="Periodo").get_by_role("link", name="Hoy").click()
    expect(screen.get_by_role("img", name="Citas por hora de inicio")).to_be_visible()
    expect(screen.get_by_role("img", name="Citas por origen")).to_contain_text("Sin cita")
    expect(screen.get_by_role("img", name="Ingresos esperados por persona")).to_contain_text(
        "Sofía"
    )
    screen.shot("resumen")
    widths = screen.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths
    for chart in screen.locator("svg.chart").all():
        assert chart.bounding_box()["width"] <= widths[1]
