"""Every dashboard form, submitted as the browser renders it: one field changes, the rest stay."""

from __future__ import annotations

from playwright.sync_api import expect

from domain.models import Service, Spot, SpotService, Staff, StaffService
from tests.browser.conftest import log_in
from tests.browser.forms import round_trip
from tests.factories import salon, service, staff


def service_state(service_id: int) -> dict:
    row = Service.get_by_id(service_id)
    return {
        "name": row.name,
        "duration": row.duration_min,
        "price": row.price_cents,
        "buffer": row.buffer_min,
        "active": row.active,
        "staff": sorted(
            r.staff_id for r in StaffService.select().where(StaffService.service == row)
        ),
        "spots": sorted(r.spot_id for r in SpotService.select().where(SpotService.service == row)),
    }


def staff_state(staff_id: int) -> dict:
    row = Staff.get_by_id(staff_id)
    return {
        "name": row.name,
        "phone": row.phone,
        "role": row.role,
        "active": row.active,
        "hours": row.hours,
        "services": sorted(
            r.service_id for r in StaffService.select().where(StaffService.staff == row)
        ),
    }


def spot_state(spot_id: int) -> dict:
    row = Spot.get_by_id(spot_id)
    return {
        "name": row.name,
        "kind": row.kind,
        "active": row.active,
        "services": sorted(
            r.service_id for r in SpotService.select().where(SpotService.spot == row)
        ),
    }


def test_editing_a_service_keeps_who_offers_it_and_where(phone, clock, database):
    org = salon()
    tinte = service(org, "Tinte")
    log_in(phone, staff(org, "Ana"), clock)
    before = service_state(tinte.id)
    assert before["staff"] and before["spots"]
    round_trip(
        phone,
        f"/panel/servicios/{tinte.id}",
        lambda page: page.get_by_label("Precio en pesos").fill("950"),
        stored=lambda: service_state(tinte.id),
        expect_stored={"price": 95000},
        shot="service",
    )
    # Saving a second time, untouched, must not lose the links either.
    round_trip(
        phone,
        f"/panel/servicios/{tinte.id}",
        lambda page: page.get_by_label("Minutos de limpieza después").fill("20"),
        stored=lambda: service_state(tinte.id),
        expect_stored={"buffer": 20},
    )


def test_a_checkbox_set_change_is_stored_and_the_rest_kept(phone, clock, database):
    org = salon()
    manicure, carlos = service(org, "Manicure"), staff(org, "Carlos")
    log_in(phone, staff(org, "Ana"), clock)
    round_trip(
        phone,
        f"/panel/servicios/{manicure.id}",
        lambda page: page.get_by_role("checkbox", name="Carlos").uncheck(),
        stored=lambda: service_state(manicure.id),
        expect_stored={"staff": [staff(org, "Ana").id]},
    )
    round_trip(
        phone,
        f"/panel/equipo/{carlos.id}",
        lambda page: page.get_by_role("checkbox", name="Tinte").check(),
        stored=lambda: staff_state(carlos.id),
        expect_stored={
            "services": sorted([*staff_state(carlos.id)["services"], service(org, "Tinte").id])
        },
    )


def test_editing_a_spot_keeps_its_services(phone, clock, database):
    org = salon()
    table = Spot.get(Spot.org == org, Spot.name == "Mesa de manicure")
    log_in(phone, staff(org, "Ana"), clock)
    round_trip(
        phone,
        f"/panel/lugares/{table.id}",
        lambda page: page.get_by_label("Nombre").fill("Mesa de uñas"),
        stored=lambda: spot_state(table.id),
        expect_stored={"name": "Mesa de uñas"},
    )


def test_adding_a_service_from_the_form_saves_it_bookable(phone, clock, database):
    org = salon()
    log_in(phone, staff(org, "Ana"), clock)
    phone.goto("/panel/servicios/nuevo")
    phone.get_by_label("Nombre").fill("Peinado")
    phone.get_by_label("Precio en pesos").fill("300")
    phone.shot("new-service")
    phone.get_by_role("button", name="Guardar").click()
    expect(phone.get_by_text("Peinado: cambios guardados.")).to_be_visible()
    peinado = service_state(service(org, "Peinado").id)
    assert peinado["price"] == 30000 and peinado["duration"] == 30
    assert len(peinado["staff"]) == 3 and peinado["spots"]
