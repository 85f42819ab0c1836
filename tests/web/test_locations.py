"""Branches: add and edit locations, who works only there, its spots; the agenda by branch."""

from __future__ import annotations

from domain import booking
from domain.models import Appointment, Location, Spot, Staff
from tests.conftest import local
from tests.factories import customer, service, staff
from tests.web.conftest import text_of


def condesa(owner, org, **changes):
    data = {
        "name": "Condesa",
        "address": "Av. Tamaulipas 45, Condesa",
        "active": "1",
        "h5_0_start": "09:00",
        "h5_0_end": "14:00",
        "staff": [staff(org, "Carlos").id],
        "spots": [Spot.get(Spot.org == org, Spot.name == "Mesa de manicure").id],
    }
    return owner.post("/panel/sucursales/nueva", {**data, **changes})


def test_owner_adds_a_branch_with_hours_staff_and_spots(owner, org):
    assert condesa(owner, org).status_code == 303
    branch = Location.get(Location.name == "Condesa")
    assert branch.address == "Av. Tamaulipas 45, Condesa" and branch.hours == {
        "5": [["09:00", "14:00"]]
    }
    assert Staff.get_by_id(staff(org, "Carlos").id).location_id == branch.id
    assert Spot.get(Spot.name == "Mesa de manicure").location_id == branch.id
    page = text_of(owner.get("/panel/sucursales/"))
    assert "Condesa Av. Tamaulipas 45, Condesa" in page


def test_unticking_someone_lets_them_work_at_every_branch_again(owner, org):
    condesa(owner, org)
    branch = Location.get(Location.name == "Condesa")
    table = Spot.get(Spot.name == "Mesa de manicure").id
    owner.post(
        f"/panel/sucursales/{branch.id}", {"name": "Condesa", "active": "1", "spots": [table]}
    )
    assert Staff.get_by_id(staff(org, "Carlos").id).location_id is None


def test_a_spot_leaves_a_branch_only_by_going_to_another(owner, org):
    condesa(owner, org)
    branch = Location.get(Location.name == "Condesa")
    response = owner.post(f"/panel/sucursales/{branch.id}", {"name": "Condesa", "active": "1"})
    assert response.status_code == 422 and "tiene que estar en alguna sucursal" in text_of(
        response
    )
    assert Spot.get(Spot.name == "Mesa de manicure").location_id == branch.id


def test_the_last_active_branch_cannot_be_switched_off(owner, org):
    only = Location.get(Location.org == org)
    spots = [s.id for s in Spot.select().where(Spot.location == only)]
    response = owner.post(f"/panel/sucursales/{only.id}", {"name": only.name, "spots": spots})
    assert response.status_code == 422 and "al menos una sucursal activa" in text_of(response)
    assert Location.get_by_id(only.id).active


def test_the_agenda_filters_by_branch_when_there_are_several(owner, org, clock):
    assert "Sucursal" not in owner.get("/panel/agenda/").get_data(as_text=True)
    condesa(owner, org)
    branch = Location.get(Location.name == "Condesa")
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-03", "12:00"),
        clock=clock,
    )
    everywhere = text_of(owner.get("/panel/agenda/?dia=2026-12-03"))
    assert "Todas las sucursales" in everywhere and "Mariana López" in everywhere
    there = owner.get(f"/panel/agenda/?dia=2026-12-03&sucursal={branch.id}")
    html, page = there.get_data(as_text=True), text_of(there)
    assert "Mariana López" not in page  # booked at the first branch
    assert f'data-staff="{staff(org, "Carlos").id}"' in html  # works only here
    assert f'data-staff="{staff(org, "Sofía").id}"' in html  # works everywhere


def test_booking_at_a_branch_uses_its_hours(owner, org):
    condesa(owner, org)
    branch = Location.get(Location.name == "Condesa")
    data = {
        "service": service(org, "Manicure").id,
        "staff": staff(org, "Carlos").id,
        "date": "2026-12-05",
        "time": "13:00",
        "name": "Paty",
        "sucursal": branch.id,
    }
    assert owner.post("/panel/agenda/nueva", data).status_code == 302
    assert Appointment.get().location_id == branch.id
    late = owner.post("/panel/agenda/nueva", {**data, "time": "14:00", "name": "Rosa"})
    assert late.status_code == 422 and "Carlos no atiende a esa hora" in text_of(late)


def test_employees_read_branches_and_others_never_see_them(employee, org, visitor, other):
    branch = Location.get(Location.org == org)
    assert employee.get(f"/panel/sucursales/{branch.id}").status_code == 200
    assert employee.post("/panel/sucursales/nueva", {"name": "X"}).status_code == 403
    employee.post("/logout")
    visitor.login(staff(other, "Ana"))
    assert visitor.get(f"/panel/sucursales/{branch.id}").status_code == 404
    assert visitor.post(f"/panel/sucursales/{branch.id}", {"name": "Robada"}).status_code == 404
    assert Location.get_by_id(branch.id).name == "Estética Luna"


def test_a_walk_in_at_a_branch_is_recorded_there(owner, org, clock):
    condesa(owner, org, h2_0_start="09:00", h2_0_end="14:00")
    branch = Location.get(Location.name == "Condesa")
    page = owner.get("/panel/agenda/llego").get_data(as_text=True)
    assert f'name="sucursal" value="{branch.id}"' in page
    clock.advance(hours=1)
    manicure = service(org, "Manicure").id
    assert (
        owner.post("/panel/agenda/llego", {"service": manicure, "sucursal": branch.id}).status_code
        == 303
    )
    walk_in = Appointment.get()
    assert walk_in.location_id == branch.id and walk_in.staff.name == "Ana"  # works everywhere
