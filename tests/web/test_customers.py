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
    assert "1 inasistencia(s)" in page
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
