"""Customers: search, history, notes, no-shows, editing; employees read; others get 404."""

from __future__ import annotations

from domain import booking
from domain.models import Customer
from tests.conftest import local
from tests.factories import customer, service, staff
from tests.web.conftest import text_of


def test_search_by_name_and_by_phone(owner, org):
    customer(org, "Lucía Pérez", "+525520000001")
    customer(org, "Rosa Díaz", "+525520000002")
    by_name = text_of(owner.get("/panel/clientes/?q=lucía"))
    assert "Lucía Pérez" in by_name and "Rosa" not in by_name
    by_phone = text_of(owner.get("/panel/clientes/?q=55 2000 0002"))
    assert "Rosa Díaz" in by_phone and "Lucía" not in by_phone
    assert "No encontramos clientes con «Zoe»" in text_of(owner.get("/panel/clientes/?q=Zoe"))


def test_customer_page_shows_history_and_no_shows(owner, org, clock):
    lucia = customer(org, "Lucía Pérez", "+525520000001")
    appointment = booking.book(
        org,
        customer=lucia,
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-02", "10:00"),
        clock=clock,
        actor="dashboard:1",
        source="dashboard",
    )
    clock.advance(hours=3)
    booking.mark_no_show(org, appointment.number, clock=clock, actor="dashboard:1")
    page = text_of(owner.get(f"/panel/clientes/{lucia.id}"))
    assert "0 visitas $0 gastado en total 1 inasistencia 0 cancelaciones" in page
    assert "miércoles 2 de diciembre, 10:00 a.m." in page and "No asistió" in page


def test_owner_edits_a_customer_and_adds_a_note(owner, org):
    lucia = customer(org)
    owner.post(f"/panel/clientes/{lucia.id}", {"name": "lucía pérez", "phone": "55 2000 0009"})
    changed = Customer.get_by_id(lucia.id)
    assert changed.name == "Lucía Pérez" and changed.phone == "+525520000009"
    owner.post(f"/panel/clientes/{lucia.id}/nota", {"note": "Prefiere tinte sin amoniaco"})
    assert "[2026-12-02 Ana] Prefiere tinte sin amoniaco" in Customer.get_by_id(lucia.id).notes


def test_a_phone_of_another_customer_is_refused_and_nothing_changes(owner, org):
    lucia = customer(org, "Lucía", "+525520000001")
    customer(org, "Rosa", "+525520000002")
    response = owner.post(f"/panel/clientes/{lucia.id}", {"name": "Otra", "phone": "5520000002"})
    assert response.status_code == 422 and "ya es de otro cliente" in text_of(response)
    assert Customer.get_by_id(lucia.id).name == "Lucía"


def test_an_empty_note_or_name_is_refused(owner, org):
    lucia = customer(org)
    assert owner.post(f"/panel/clientes/{lucia.id}/nota", {"note": " "}).status_code == 422
    response = owner.post(f"/panel/clientes/{lucia.id}", {"name": "", "phone": ""})
    assert response.status_code == 422 and "Escribe el nombre" in text_of(response)
    assert Customer.get_by_id(lucia.id).name == "Mariana López"


def test_employee_reads_customers_but_cannot_change_them(employee, org):
    lucia = customer(org)
    page = text_of(employee.get(f"/panel/clientes/{lucia.id}"))
    assert "Mariana López" in page and "Editar datos" not in page
    assert employee.post(f"/panel/clientes/{lucia.id}", {"name": "X"}).status_code == 403
    assert employee.post(f"/panel/clientes/{lucia.id}/nota", {"note": "x"}).status_code == 403
    assert Customer.get_by_id(lucia.id).name == "Mariana López"


def test_another_business_cannot_see_or_change_a_customer(stranger, org):
    lucia = customer(org)
    assert stranger.get(f"/panel/clientes/{lucia.id}").status_code == 404
    assert stranger.post(f"/panel/clientes/{lucia.id}", {"name": "X"}).status_code == 404
    assert "No encontramos clientes" in text_of(stranger.get("/panel/clientes/?q=Mariana"))
    assert Customer.get_by_id(lucia.id).name == "Mariana López"


def test_search_ignores_accents_and_case_and_reads_any_phone_form(owner, org):
    customer(org, "Lucía Núñez", "+525530000001")
    customer(org, "Rosa Díaz", "+525520000002")
    for typed in (
        "lucia",
        "LUCÍA",
        "nunez",
        "luc nuñ",
        "55 3000 0001",
        "5530000001",
        "+52 1 55 3000 0001",
        "3000 0001",
    ):
        found = text_of(owner.get("/panel/clientes/", query_string={"q": typed}))
        assert "Lucía Núñez" in found and "Rosa" not in found, typed
    assert "1 resultado para «lucia»" in text_of(owner.get("/panel/clientes/?q=lucia"))


def test_results_as_you_type_come_as_a_fragment_and_as_json(owner, org, other):
    customer(org, "Lucía Pérez", "+525530000001")
    customer(other, "Lucía Robles", "+525530000009")  # another business: never shown
    fragment = owner.get("/panel/clientes/?q=luci&parcial=1").get_data(as_text=True)
    assert "Lucía Pérez" in fragment and "<html" not in fragment and "Robles" not in fragment
    found = owner.get("/panel/clientes/buscar?q=lucia").json["customers"]
    assert found == [{"id": found[0]["id"], "name": "Lucía Pérez", "phone": "55 3000 0001"}]


def test_customer_page_counts_visits_money_and_misses(owner, org, clock):
    lucia = customer(org, "Lucía Pérez", "+525520000001")
    for at, ending in (("10:00", "complete"), ("12:00", "complete"), ("15:00", "mark_no_show")):
        appointment = booking.book(
            org,
            customer=lucia,
            service=service(org, "Corte de dama"),
            staff=staff(org, "Sofía"),
            start=local("2026-12-02", at),
            clock=clock,
            actor="dashboard:1",
            source="dashboard",
        )
        later = type(clock)(local("2026-12-02", "19:00"))
        getattr(booking, ending)(org, appointment.number, clock=later, actor="dashboard:1")
    page = text_of(owner.get(f"/panel/clientes/{lucia.id}"))
    assert "2 visitas $700 gastado en total 1 inasistencia 0 cancelaciones" in page
    assert "55 2000 0001 WhatsApp Llamar" in page
    html = owner.get(f"/panel/clientes/{lucia.id}").get_data(as_text=True)
    assert 'href="https://wa.me/525520000001"' in html and 'href="tel:+525520000001"' in html
    assert f"/panel/agenda/nueva?customer={lucia.id}" in html  # Agendar otra vez


def test_notes_are_edited_and_removed_one_by_one(owner, org):
    lucia = customer(org)
    owner.post(f"/panel/clientes/{lucia.id}/nota", {"note": "Prefiere tinte sin amoniaco"})
    owner.post(f"/panel/clientes/{lucia.id}/nota", {"note": "Alérgica al látex"})
    first, second = Customer.get_by_id(lucia.id).notes.splitlines()
    edited = owner.post(
        f"/panel/clientes/{lucia.id}/nota/0/editar",
        {"line": first, "text": "Tinte sin amoniaco, tono 6"},
    )
    assert edited.status_code == 303
    assert Customer.get_by_id(lucia.id).notes.splitlines() == [
        "[2026-12-02 Ana] Tinte sin amoniaco, tono 6",
        second,
    ]
    stale = owner.post(f"/panel/clientes/{lucia.id}/nota/0/quitar", {"line": first})
    assert stale.status_code == 422 and "cambió mientras tanto" in text_of(stale)
    owner.post(f"/panel/clientes/{lucia.id}/nota/1/quitar", {"line": second})
    assert Customer.get_by_id(lucia.id).notes == "[2026-12-02 Ana] Tinte sin amoniaco, tono 6"
    assert "Sin notas" not in text_of(owner.get(f"/panel/clientes/{lucia.id}"))


def test_another_business_cannot_touch_notes_or_search_here(stranger, org):
    lucia = customer(org)
    lucia.notes = "[2026-12-02 Ana] secreta"
    lucia.save()
    response = stranger.post(
        f"/panel/clientes/{lucia.id}/nota/0/quitar", {"line": "[2026-12-02 Ana] secreta"}
    )
    assert response.status_code == 404
    assert Customer.get_by_id(lucia.id).notes == "[2026-12-02 Ana] secreta"
    assert stranger.get("/panel/clientes/buscar?q=Mariana").json == {"customers": []}


def test_employees_read_notes_but_cannot_change_them(employee, org):
    lucia = customer(org)
    lucia.notes = "[2026-12-02 Ana] nota"
    lucia.save()
    line = "[2026-12-02 Ana] nota"
    assert (
        employee.post(f"/panel/clientes/{lucia.id}/nota/0/quitar", {"line": line}).status_code
        == 403
    )
    assert "nota" in text_of(employee.get(f"/panel/clientes/{lucia.id}"))
