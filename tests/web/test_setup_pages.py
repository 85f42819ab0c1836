"""Team, services, spots, hours, blocks and settings: owners change, employees read."""

from __future__ import annotations

import pytest

from domain import booking
from domain.models import (
    ApiToken,
    Location,
    Notification,
    Organization,
    Service,
    Spot,
    SpotService,
    Staff,
    StaffService,
    TimeBlock,
)
from tests.conftest import local
from tests.factories import customer, service, staff
from tests.web.conftest import text_of

PAGES = [
    "/panel/mas",
    "/panel/equipo/",
    "/panel/servicios/",
    "/panel/lugares/",
    "/panel/horario/",
    "/panel/horario/bloqueos",
    "/panel/ajustes/",
    "/panel/mensajes/",
    "/panel/chats/",
    "/panel/clientes/",
    "/panel/agenda/",
    "/panel/agenda/?vista=semana",
    "/panel/agenda/nueva",
    "/panel/equipo/nuevo",
    "/panel/servicios/nuevo",
    "/panel/lugares/nuevo",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_for_owner_and_employee(visitor, org, path):
    visitor.login(staff(org, "Ana"))
    assert visitor.get(path).status_code == 200
    visitor.post("/logout")
    visitor.login(staff(org, "Sofía"))
    assert visitor.get(path).status_code == 200


def test_owner_adds_a_staff_member_with_services(owner, org):
    response = owner.post(
        "/panel/equipo/nuevo",
        {
            "name": "Pedro",
            "phone": "55 1234 5678",
            "role": "employee",
            "active": "1",
            "services": [service(org, "Corte de caballero").id],
        },
    )
    assert response.status_code == 303
    pedro = staff(org, "Pedro")
    # The phone joins only when it says yes: until then Pedro has no WhatsApp on the team.
    assert pedro.phone is None and pedro.hours is None
    invitation = Notification.get(Notification.kind == "staff_invitation")
    assert invitation.recipient == "+525512345678"
    assert "te agregó al equipo de Estética Luna" in invitation.body
    assert [s.service.name for s in StaffService.select().where(StaffService.staff == pedro)] == [
        "Corte de caballero"
    ]


def test_a_staff_member_gets_their_own_hours(owner, org):
    carlos = staff(org, "Carlos")
    owner.post(
        f"/panel/equipo/{carlos.id}",
        {
            "name": "Carlos",
            "phone": carlos.phone,
            "role": "employee",
            "active": "1",
            "own_hours": "1",
            "h0_0_start": "12:00",
            "h0_0_end": "18:00",
        },
    )
    assert Staff.get_by_id(carlos.id).hours == {"0": [["12:00", "18:00"]]}


def test_a_duplicate_phone_or_the_last_owner_is_refused(owner, org):
    sofia, ana = staff(org, "Sofía"), staff(org, "Ana")
    taken = owner.post(
        f"/panel/equipo/{sofia.id}",
        {"name": "Sofía", "phone": ana.phone, "role": "employee", "active": "1"},
    )
    assert taken.status_code == 422 and "ya es de otra persona" in text_of(taken)
    demoted = owner.post(
        f"/panel/equipo/{ana.id}", {"name": "Ana", "phone": ana.phone, "role": "employee"}
    )
    assert demoted.status_code == 422 and "al menos una persona dueña" in text_of(demoted)
    assert Staff.get_by_id(ana.id).role == "owner" and Staff.get_by_id(sofia.id).phone != ana.phone


def test_bad_hours_save_nothing(owner, org):
    before = Location.get(Location.org == org).hours
    response = owner.post(
        "/panel/horario/",
        {"h0_0_start": "10:00", "h0_0_end": "20:00", "h1_0_start": "18:00", "h1_0_end": "09:00"},
    )
    assert response.status_code == 422
    assert "martes: la hora de cierre debe ser después de la de apertura" in text_of(response)
    assert Location.get(Location.org == org).hours == before


def test_owner_sets_split_hours_and_closed_days(owner, org):
    data = {"closed6": "1", "closed5": "1"}
    for day in range(5):
        data |= {f"h{day}_0_start": "10:00", f"h{day}_0_end": "14:00"}
        data |= {f"h{day}_1_start": "16:00", f"h{day}_1_end": "20:00"}
    assert owner.post("/panel/horario/", data).status_code == 303
    hours = Location.get(Location.org == org).hours
    assert hours["0"] == [["10:00", "14:00"], ["16:00", "20:00"]] and "5" not in hours


def test_overlapping_ranges_are_refused(owner, org):
    response = owner.post(
        "/panel/horario/",
        {"h2_0_start": "10:00", "h2_0_end": "15:00", "h2_1_start": "14:00", "h2_1_end": "18:00"},
    )
    assert response.status_code == 422 and "se enciman" in text_of(response)


def test_owner_adds_a_service_and_bad_values_are_refused(owner, org):
    bad = owner.post(
        "/panel/servicios/nuevo", {"name": "Peinado", "duration": "2", "price": "abc"}
    )
    page = text_of(bad)
    assert bad.status_code == 422 and "La duración debe estar entre 5 y 720" in page
    assert "El precio debe ser una cantidad" in page
    assert not Service.select().where(Service.name == "Peinado").exists()
    ok = owner.post(
        "/panel/servicios/nuevo",
        {
            "name": "Peinado",
            "duration": "40",
            "price": "1,250.50",
            "active": "1",
            "staff": [staff(org, "Sofía").id],
        },
    )
    assert ok.status_code == 303
    peinado = service(org, "Peinado")
    assert peinado.price_cents == 125050 and peinado.duration_min == 40


def test_a_duplicate_service_name_is_refused(owner, org):
    response = owner.post(
        "/panel/servicios/nuevo", {"name": "Manicure", "duration": "30", "price": "100"}
    )
    assert response.status_code == 422 and "Ya existe un servicio llamado «Manicure»" in text_of(
        response
    )


def test_owner_adds_a_spot_for_a_service(owner, org):
    manicure = service(org, "Manicure")
    response = owner.post(
        "/panel/lugares/nuevo",
        {"name": "Mesa 2", "kind": "table", "active": "1", "services": [manicure.id]},
    )
    assert response.status_code == 303
    spot = Spot.get(Spot.name == "Mesa 2")
    assert SpotService.get(SpotService.spot == spot).service_id == manicure.id


def test_owner_blocks_a_holiday_and_is_asked_first_about_appointments(owner, org, clock):
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-12", "11:00"),
        clock=clock,
    )
    data = {"staff": "", "date": "2026-12-12", "all_day": "1", "reason": "Virgen", "holiday": "1"}
    asked = owner.post("/panel/horario/bloqueos", data)
    assert asked.status_code == 422 and "Hay citas en ese horario" in text_of(asked)
    assert TimeBlock.select().count() == 0
    assert owner.post("/panel/horario/bloqueos", {**data, "confirm": "1"}).status_code == 303
    block = TimeBlock.get()
    assert block.staff is None and block.kind == "holiday"
    assert block.start_at == local("2026-12-12", "00:00")
    assert block.end_at == local("2026-12-13", "00:00")


def test_employee_blocks_only_their_own_time(employee, org):
    sofia, carlos = staff(org, "Sofía"), staff(org, "Carlos")
    data = {"date": "2026-12-03", "start": "15:00", "end": "16:00", "reason": "comida"}
    assert employee.post("/panel/horario/bloqueos", {**data, "staff": sofia.id}).status_code == 303
    assert (
        employee.post("/panel/horario/bloqueos", {**data, "staff": carlos.id}).status_code == 403
    )
    closed = employee.post("/panel/horario/bloqueos", {**data, "staff": ""})
    assert closed.status_code == 422 and "Solo la persona dueña" in text_of(closed)
    assert [b.staff_id for b in TimeBlock.select()] == [sofia.id]
    number = TimeBlock.get().number
    assert employee.post(f"/panel/horario/bloqueos/{number}/quitar").status_code == 303
    assert TimeBlock.select().count() == 0


def test_owner_changes_booking_settings(owner, org):
    data = {
        "name": "Estética Luna Roma",
        "timezone": "America/Tijuana",
        "slot_interval_min": "30",
        "min_notice_min": "120",
        "horizon_days": "30",
        "cancel_cutoff_hours": "6",
        "reminder_hours": "24",
        "second_reminder_hours": "2",
        "daily_summary_time": "08:00",
        "rebook_nudge_weeks": "",
        "notify_new_booking": "1",
    }
    assert owner.post("/panel/ajustes/", data).status_code == 303
    saved = Organization.get_by_id(org.id)
    assert saved.name == "Estética Luna Roma" and saved.timezone == "America/Tijuana"
    assert saved.slot_interval_min == 30 and saved.second_reminder_hours == 2
    assert saved.notify_new_booking and not saved.notify_cancellation
    assert saved.daily_summary_time == "08:00" and saved.rebook_nudge_weeks is None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"slot_interval_min": "7"}, "El intervalo entre horarios debe ser"),
        ({"horizon_days": "0"}, "El horizonte debe estar entre 1 y 365"),
        ({"second_reminder_hours": "30"}, "El segundo recordatorio debe ir después"),
        ({"daily_summary_time": "7 y media"}, "la hora del resumen, por ejemplo 5:30 p.m."),
        ({"timezone": "Europe/Madrid"}, "Elige la zona horaria"),
    ],
)
def test_bad_settings_are_refused_and_nothing_is_saved(owner, org, changes, message):
    data = {
        "name": "Otro nombre",
        "timezone": "America/Mexico_City",
        "slot_interval_min": "15",
        "min_notice_min": "60",
        "horizon_days": "60",
        "cancel_cutoff_hours": "4",
        "reminder_hours": "24",
        "daily_summary_time": "07:30",
    }
    response = owner.post("/panel/ajustes/", {**data, **changes})
    assert response.status_code == 422 and message in text_of(response)
    assert Organization.get_by_id(org.id).name == "Estética Luna"


def test_api_tokens_are_shown_once_and_revoked(owner, org):
    created = owner.post("/panel/ajustes/tokens", {"token_name": "Página web"})
    assert created.status_code == 201
    raw = ApiToken.get().prefix
    assert raw in text_of(created) and "no se vuelve a mostrar" in text_of(created)
    assert "yume_" in text_of(created)
    later = text_of(owner.get("/panel/ajustes/"))
    assert "Página web" in later and "no se vuelve a mostrar" not in later
    owner.post(f"/panel/ajustes/tokens/{ApiToken.get().id}/revocar")
    assert ApiToken.get().revoked_at is not None


@pytest.mark.parametrize(
    "path, data",
    [
        ("/panel/equipo/nuevo", {"name": "X", "role": "employee"}),
        ("/panel/servicios/nuevo", {"name": "X", "duration": "30", "price": "1"}),
        ("/panel/lugares/nuevo", {"name": "X", "kind": "chair"}),
        ("/panel/horario/", {"closed0": "1"}),
        ("/panel/ajustes/", {"name": "X"}),
        ("/panel/ajustes/tokens", {"token_name": "X"}),
    ],
)
def test_employees_cannot_change_the_setup(employee, org, path, data):
    before = (Staff.select().count(), Service.select().count(), Spot.select().count())
    assert employee.post(path, data).status_code == 403
    assert (Staff.select().count(), Service.select().count(), Spot.select().count()) == before
    assert Organization.get_by_id(org.id).name == "Estética Luna"
    assert ApiToken.select().count() == 0


def test_another_business_cannot_open_or_change_this_ones_setup(stranger, org):
    sofia, manicure = staff(org, "Sofía"), service(org, "Manicure")
    spot = Spot.get(Spot.org == org)
    for path in (
        f"/panel/equipo/{sofia.id}",
        f"/panel/servicios/{manicure.id}",
        f"/panel/lugares/{spot.id}",
    ):
        assert stranger.get(path).status_code == 404
        assert stranger.post(path, {"name": "Robado"}).status_code == 404
    assert Staff.get_by_id(sofia.id).name == "Sofía"
    assert Service.get_by_id(manicure.id).name == "Manicure"
    token = ApiToken.create(org=org, name="x", prefix="yume_abc", token_hash="h" * 64)
    assert stranger.post(f"/panel/ajustes/tokens/{token.id}/revocar").status_code == 404
    assert ApiToken.get_by_id(token.id).revoked_at is None
    owner_services = text_of(stranger.get("/panel/servicios/"))
    assert owner_services.count("Manicure") == 1  # only its own


def test_times_written_the_twelve_hour_way_are_understood(owner, org):
    data = {
        "name": "Estética Luna",
        "timezone": "America/Mexico_City",
        "slot_interval_min": "15",
        "min_notice_min": "60",
        "horizon_days": "60",
        "cancel_cutoff_hours": "4",
        "reminder_hours": "24",
    }
    for typed, stored in (("7:30 p.m.", "19:30"), ("8 am", "08:00"), ("12:15 a.m.", "00:15")):
        response = owner.post("/panel/ajustes/", {**data, "daily_summary_time": typed})
        assert response.status_code == 303, typed
        assert Organization.get_by_id(org.id).daily_summary_time == stored
    refused = owner.post("/panel/ajustes/", {**data, "daily_summary_time": "13 pm"})
    assert refused.status_code == 422


def test_changing_a_calendar_address_and_removing_a_block_ask_first(owner, org):
    html = owner.get("/panel/ajustes/").get_data(as_text=True)
    rotate = html.split('<details class="confirm">')[1].split("</details>")[0]
    assert "/panel/ajustes/calendario/renovar" in rotate and "dejará de funcionar" in rotate
    owner.post(
        "/panel/horario/bloqueos",
        {"staff": staff(org, "Ana").id, "date": "2026-12-03", "start": "13:00", "end": "14:00"},
    )
    blocks_page = owner.get("/panel/horario/bloqueos").get_data(as_text=True)
    remove = blocks_page.split('<details class="confirm">')[1].split("</details>")[0]
    assert "/quitar" in remove and "¿Quitar el bloqueo #1?" in remove
