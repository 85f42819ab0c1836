"""The JSON API: bearer tokens, appointments, customers, services, staff, free times."""

from __future__ import annotations

import pytest

from domain import booking
from domain.auth import create_api_token
from domain.models import Appointment, Customer
from tests.conftest import local
from tests.factories import customer, service, staff


@pytest.fixture
def api(client, org, clock):
    _token, raw = create_api_token(org, "pruebas", clock.now())
    return Api(client, raw)


class Api:
    def __init__(self, client, token):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def __getattr__(self, method):
        def call(url, **kwargs):
            return getattr(self.client, method)(f"/api/v1{url}", headers=self.headers, **kwargs)

        return call


def book(org, clock, at="12:00", person="Sofía", day="2026-12-03"):
    return booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=staff(org, person),
        start=local(day, at),
        clock=clock,
    )


def test_requests_without_a_token_get_a_json_401_in_spanish(client, org):
    response = client.get("/api/v1/services")
    assert response.status_code == 401
    assert response.json["error"]["message"].startswith("Falta el token")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_stops_working(owner, api, org):
    assert api.get("/services").status_code == 200
    from domain.models import ApiToken

    owner.post(f"/panel/ajustes/tokens/{ApiToken.get().id}/revocar")
    response = api.get("/services")
    assert response.status_code == 401 and "revocado" in response.json["error"]["message"]


def test_services_and_staff(api):
    services = api.get("/services").json["services"]
    assert [s["name"] for s in services][:2] == ["Corte de dama", "Corte de caballero"]
    assert {"Ana", "Sofía", "Carlos"} == {m["name"] for m in api.get("/staff").json["staff"]}


def test_appointments_by_date_range_and_staff(api, org, clock):
    book(org, clock, day="2026-12-03")
    book(org, clock, day="2026-12-05", person="Ana")
    found = api.get("/appointments?from=2026-12-03&to=2026-12-04").json["appointments"]
    assert [a["start"] for a in found] == ["2026-12-03T12:00:00-06:00"]
    ana = staff(org, "Ana").id
    mine = api.get(f"/appointments?from=2026-12-01&to=2026-12-07&staff_id={ana}").json
    assert [a["staff"]["name"] for a in mine["appointments"]] == ["Ana"]


def test_creating_an_appointment_for_a_new_customer(api, org):
    response = api.post(
        "/appointments",
        json={
            "service_id": service(org, "Corte de dama").id,
            "staff_id": staff(org, "Sofía").id,
            "start": "2026-12-03T17:00:00-06:00",
            "customer": {"name": "Lucía Pérez", "phone": "55 2000 0001"},
        },
    )
    assert response.status_code == 201
    body = response.json
    assert body["start"] == "2026-12-03T17:00:00-06:00" and body["status"] == "booked"
    assert body["customer"]["phone"] == "+525520000001"
    assert Appointment.get().source == "api"


def test_a_conflict_is_a_409_with_the_reason_and_nothing_is_saved(api, org, clock):
    book(org, clock, at="17:00")
    response = api.post(
        "/appointments",
        json={
            "service_id": service(org, "Corte de dama").id,
            "staff_id": staff(org, "Sofía").id,
            "start": "2026-12-03T17:30:00-06:00",
            "customer": {"name": "Otra", "phone": "5520000077"},
        },
    )
    assert response.status_code == 409
    assert response.json["error"]["message"] == "Sofía ya tiene una cita a esa hora."
    assert Appointment.select().count() == 1
    assert not Customer.select().where(Customer.phone == "+525520000077").exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({"start": "2026-12-03T17:00:00"}, "start"),
        ({"start": "mañana"}, "start"),
        ({"service_id": "x"}, "service_id"),
        ({"customer": None}, "customer"),
        ({"customer": {"name": "Ana", "phone": "12"}}, "phone"),
    ],
)
def test_bad_appointment_input_is_a_422_naming_the_field(api, org, body, field):
    data = {
        "service_id": service(org, "Corte de dama").id,
        "start": "2026-12-03T17:00:00-06:00",
        "customer": {"name": "Lucía"},
        **body,
    }
    response = api.post("/appointments", json=data)
    assert response.status_code == 422 and response.json["error"]["field"] == field
    assert Appointment.select().count() == 0


def test_not_json_is_a_400(api):
    response = api.post("/appointments", data="hola", content_type="text/plain")
    assert response.status_code == 400 and "objeto JSON" in response.json["error"]["message"]


def test_moving_completing_and_cancelling(api, org, clock):
    first = book(org, clock, day="2026-12-02", at="10:00")
    moved = api.patch(f"/appointments/{first.number}", json={"start": "2026-12-02T11:00:00-06:00"})
    assert moved.status_code == 200 and moved.json["start"] == "2026-12-02T11:00:00-06:00"
    clock.advance(hours=3)
    done = api.patch(f"/appointments/{first.number}", json={"status": "completed"})
    assert done.json["status"] == "completed"
    second = book(org, clock, day="2026-12-04")
    cancelled = api.post(f"/appointments/{second.number}/cancel", json={"reason": "lluvia"})
    assert cancelled.json["status"] == "cancelled" and cancelled.json["cancel_reason"] == "lluvia"
    again = api.post(f"/appointments/{second.number}/cancel")
    assert again.status_code == 409 and "está cancelada" in again.json["error"]["message"]


def test_customers_search_create_and_update(api, org):
    customer(org, "Lucía Pérez", "+525520000001")
    assert [c["name"] for c in api.get("/customers?q=lucia").json["customers"]] == ["Lucía Pérez"]
    assert [c["name"] for c in api.get("/customers?q=Lucía").json["customers"]] == ["Lucía Pérez"]
    created = api.post("/customers", json={"name": "rosa díaz", "phone": "5520000002"})
    assert created.status_code == 201 and created.json["name"] == "Rosa Díaz"
    duplicate = api.post("/customers", json={"name": "Otra", "phone": "5520000002"})
    assert duplicate.status_code == 409
    changed = api.patch(f"/customers/{created.json['id']}", json={"name": "Rosa D."})
    assert changed.json["name"] == "Rosa D."
    assert api.get(f"/customers/{created.json['id']}").json["phone"] == "+525520000002"


def test_free_times(api, org):
    query = (
        f"service_id={service(org, 'Tinte').id}&date=2026-12-05&staff_id={staff(org, 'Ana').id}"
    )
    times = api.get(f"/free-times?{query}").json["free_times"]
    assert times[0]["start"] == "2026-12-05T10:00:00-06:00"
    assert times[-1]["start"] == "2026-12-05T13:00:00-06:00"


def test_another_business_token_never_reaches_this_ones_data(client, org, other, clock):
    lucia = customer(org)
    book(org, clock, at="10:00")
    second = book(org, clock, at="12:00")
    _token, raw = create_api_token(other, "suyo", clock.now())
    theirs = Api(client, raw)
    assert theirs.get(f"/customers/{lucia.id}").status_code == 404
    assert theirs.patch(f"/customers/{lucia.id}", json={"name": "X"}).status_code == 404
    assert theirs.get(f"/appointments/{second.number}").status_code == 404
    assert theirs.post(f"/appointments/{second.number}/cancel").status_code == 404
    assert Appointment.get_by_id(second.id).status == "booked"
    assert theirs.get("/appointments?from=2026-12-01&to=2026-12-07").json["appointments"] == []
    response = theirs.post(
        "/appointments",
        json={
            "service_id": service(org, "Corte de dama").id,
            "start": "2026-12-03T17:00:00-06:00",
            "customer_id": lucia.id,
        },
    )
    assert response.status_code == 404
