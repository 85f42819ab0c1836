"""Every dashboard and admin page, scanned by axe-core on a phone and on a desktop; tap
targets, errors in view, chats at their newest message."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from domain import blocks, booking, handoff
from domain.auth import issue_login_token
from domain.models import Conversation, Customer, Location, Message, Spot
from tests.browser.conftest import log_in
from tests.conftest import local
from tests.factories import customer, salon, service, staff

OPERATOR = "+525588887777"
SERIOUS = ("serious", "critical")


@pytest.fixture
def settings(settings):
    return settings.replace(platform={"operators": [OPERATOR]})


def a_business_at_work(clock):
    """Estética Luna with appointments, a block, a client with notes and a chat."""
    org = salon()
    lucia = customer(org, "Lucía Pérez", "+525520000001")
    lucia.notes = "[2026-12-01 Ana] Prefiere tinte sin amoniaco"
    lucia.save()
    first = booking.book(
        org,
        customer=lucia,
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-02", "10:00"),
        clock=clock,
    )
    blocks.add_block(
        org,
        start=local("2026-12-02", "15:00"),
        end=local("2026-12-02", "17:00"),
        staff=staff(org, "Ana"),
        reason="comida",
    )
    chat = Conversation.create(
        channel_number=org.whatsapp_number,
        phone=lucia.phone,
        org=org,
        last_inbound_at=clock.now(),
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    for minutes in range(30):
        Message.create(
            org=org,
            conversation=chat,
            direction="in" if minutes % 2 == 0 else "out",
            from_number=lucia.phone,
            to_number=org.whatsapp_number,
            body=f"Mensaje número {minutes + 1}",
            created_at=clock.now() - dt.timedelta(minutes=60 - minutes),
        )
    handoff.take_over(chat, actor="dashboard:1", name="Ana", hours=12, now=clock.now())
    return org, first, lucia, chat


def pages(org, first, lucia, chat) -> list[str]:
    sofia = staff(org, "Sofía").id
    return [
        "/panel/agenda/",
        f"/panel/agenda/?vista=semana&persona={sofia}",
        "/panel/agenda/?vista=semana&persona=todos",
        "/panel/agenda/nueva",
        f"/panel/agenda/nueva?service={service(org, 'Manicure').id}&date=2026-12-03",
        "/panel/agenda/llego",
        f"/panel/agenda/cita/{first.number}",
        "/panel/clientes/",
        f"/panel/clientes/{lucia.id}",
        "/panel/chats/",
        f"/panel/chats/{chat.id}",
        "/panel/mas",
        "/panel/resumen/",
        "/panel/equipo/",
        f"/panel/equipo/{sofia}",
        "/panel/servicios/",
        f"/panel/servicios/{service(org, 'Tinte').id}",
        "/panel/lugares/",
        f"/panel/lugares/{Spot.get(Spot.org == org).id}",
        "/panel/sucursales/",
        f"/panel/sucursales/{Location.get(Location.org == org).id}",
        "/panel/horario/",
        "/panel/horario/bloqueos",
        "/panel/ajustes/",
        "/panel/mensajes/",
    ]


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def test_no_page_has_a_serious_accessibility_violation(screen, clock, database, request):
    if request.node.callspec.params["database_url"] != "sqlite":
        pytest.skip("the pages are the same on both databases; scanned once")
    org, first, lucia, chat = a_business_at_work(clock)
    found = []
    screen.goto("/login")
    found += serious(screen)
    log_in(screen, staff(org, "Ana"), clock)
    for url in pages(org, first, lucia, chat):
        screen.goto(url)
        found += serious(screen)
    # A form refused, with its errors showing.
    screen.goto("/panel/agenda/nueva")
    screen.get_by_role("button", name="Agendar cita").click()
    found += serious(screen)
    # The platform's admin.
    screen.get_by_role("button", name="Salir").click()
    raw = issue_login_token(OPERATOR, None, clock.now())
    screen.goto(f"/login/{raw}")
    screen.get_by_role("button", name="Entrar").click()
    for url in ("/admin/", "/admin/conversaciones", f"/admin/conversaciones/{chat.id}"):
        screen.goto(url)
        found += serious(screen)
    assert found == []


def test_tap_targets_are_at_least_44_px(phone, clock, database):
    org, first, lucia, chat = a_business_at_work(clock)
    log_in(phone, staff(org, "Ana"), clock)
    checked = 0
    for url, selector in (
        ("/panel/mas", ".list.links a"),
        ("/panel/equipo/", ".back"),
        ("/panel/agenda/", ".chips a"),
        ("/panel/mensajes/", ".chips a"),
        ("/panel/clientes/", ".list.links a"),
        (f"/panel/agenda/cita/{first.number}", ".chips a, .chips button"),
        ("/panel/agenda/", "nav.tabs a"),
        (f"/panel/clientes/{lucia.id}", ".btn"),
    ):
        phone.goto(url)
        for element in phone.locator(selector).all():
            size = element.bounding_box()
            if size is None:
                continue  # not shown (a closed disclosure)
            assert size["height"] >= 44, (url, element.inner_text(), size)
            checked += 1
    assert checked > 30


def test_after_a_refused_form_the_first_error_is_in_view(phone, clock, database):
    org = salon()
    log_in(phone, staff(org, "Ana"), clock)
    phone.goto("/panel/servicios/nuevo")
    phone.get_by_label("Nombre", exact=True).fill("Peinado")
    phone.get_by_label("Precio en pesos").fill("mucho")
    phone.get_by_role("button", name="Guardar").click()
    error = phone.get_by_text("El precio debe ser una cantidad")
    expect(error).to_be_in_viewport()
    expect(phone.get_by_label("Precio en pesos")).to_be_focused()
    phone.shot("service-error")
    phone.goto("/panel/agenda/nueva")
    phone.get_by_label("Servicio").select_option(label="Manicure — 45 min, $250")
    phone.get_by_label("Nombre").fill("Rosa")
    phone.get_by_label("Hora", exact=True).fill("23:00")  # closed then
    phone.get_by_role("button", name="Agendar cita").click()
    expect(phone.locator(".field-error").first).to_be_in_viewport()
    phone.shot("booking-error")


def test_a_chat_opens_at_its_newest_message_and_the_list_shows_it(screen, clock, database):
    org, first, lucia, chat = a_business_at_work(clock)
    log_in(screen, staff(org, "Ana"), clock)
    screen.get_by_role("link", name="Chats").click()
    row = screen.get_by_role("link", name="Lucía Pérez").first
    expect(row).to_contain_text("Mensaje número 30")
    row.click()
    newest, oldest = screen.locator(".bubble").last, screen.locator(".bubble").first
    expect(newest).to_contain_text("Mensaje número 30")
    expect(newest).to_be_in_viewport()
    expect(oldest).to_contain_text("Mensaje número 1 ")
    expect(oldest).not_to_be_in_viewport()
    screen.shot("chat")


def test_a_customer_without_a_name_and_an_operator_page_read_well(phone, clock, database):
    org = salon()
    nameless = Customer.create(org=org, phone=None, name="", created_at=clock.now())
    log_in(phone, staff(org, "Ana"), clock)
    phone.goto(f"/panel/clientes/{nameless.id}")
    expect(phone.get_by_role("heading", name="Sin nombre")).to_be_visible()
    expect(phone.get_by_text("Sin WhatsApp")).to_be_visible()
