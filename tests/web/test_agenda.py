"""The agenda: day and week views, booking, moving, cancelling, completing, no-shows."""

from __future__ import annotations

import pytest

from domain import booking
from domain.models import Appointment, Customer, Location, Notification
from tests.conftest import local
from tests.factories import customer, salon, service, staff
from tests.web.conftest import text_of


def book(org, clock, at="17:00", person="Sofía", what="Corte de dama", day="2026-12-03", who=None):
    return booking.book(
        org,
        customer=who or customer(org),
        service=service(org, what),
        staff=staff(org, person),
        start=local(day, at),
        clock=clock,
    )


def form(org, **changes):
    data = {
        "service": service(org, "Corte de dama").id,
        "staff": staff(org, "Sofía").id,
        "date": "2026-12-03",
        "time": "12:00",
        "phone": "55 3000 0099",
        "name": "Lucía Pérez",
    }
    return {**data, **changes}


def test_day_view_shows_each_persons_appointments_in_local_time(owner, org, clock):
    book(org, clock)
    page = text_of(owner.get("/panel/agenda/?dia=2026-12-03"))
    assert "jueves 3 de diciembre" in page
    assert "5:00 p.m. Mariana López Corte de dama" in page
    assert "Sofía" in page and "Carlos" in page


def test_times_show_in_the_business_timezone(visitor, clock, database):
    tijuana = salon("America/Tijuana")
    booking.book(
        tijuana,
        customer=customer(tijuana),
        service=service(tijuana, "Corte de dama"),
        staff=staff(tijuana, "Sofía"),
        start=local("2026-12-03", "17:00", tz=__import__("zoneinfo").ZoneInfo("America/Tijuana")),
        clock=clock,
    )
    visitor.login(staff(tijuana, "Ana"))
    assert "5:00 p.m. Mariana López" in text_of(visitor.get("/panel/agenda/?dia=2026-12-03"))


def test_week_view_lists_the_days_from_monday(owner, org, clock):
    book(org, clock, day="2026-12-04", at="11:00")
    page = text_of(owner.get("/panel/agenda/?dia=2026-12-03&vista=semana"))
    assert "Semana del lunes 30 de noviembre" in page
    assert "vie 4 11:00 a.m. Mariana López Corte de dama · Sofía" in page
    assert "dom 6 Cerrado" in page


def test_agenda_filters_by_staff_member(owner, org, clock):
    book(org, clock)
    carlos = staff(org, "Carlos").id
    page = text_of(owner.get(f"/panel/agenda/?dia=2026-12-03&persona={carlos}"))
    assert "Mariana" not in page


def test_new_appointment_form_lists_free_times(owner, org):
    query = f"service={service(org, 'Corte de dama').id}&staff={staff(org, 'Sofía').id}"
    page = text_of(owner.get(f"/panel/agenda/nueva?{query}&date=2026-12-03"))
    assert "10:00 a.m." in page and "7:00 p.m." in page and "7:15 p.m." not in page


def test_owner_books_an_appointment_for_a_new_customer(owner, org):
    response = owner.post("/panel/agenda/nueva", form(org))
    assert response.status_code == 302
    appointment = Appointment.get()
    assert appointment.source == "dashboard" and appointment.staff.name == "Sofía"
    assert appointment.start_at == local("2026-12-03", "12:00")
    assert appointment.customer.phone == "+525530000099"
    assert appointment.customer.name == "Lucía Pérez"
    assert "Cita #1 agendada" in text_of(owner.get(response.headers["Location"]))


def test_booking_an_existing_customer_reuses_them(owner, org):
    known = customer(org)
    owner.post("/panel/agenda/nueva", form(org, phone=known.phone, name=""))
    assert Appointment.get().customer_id == known.id
    assert Customer.select().count() == 1


def test_a_conflict_is_explained_with_nearby_times_and_nothing_is_saved(owner, org, clock):
    book(org, clock, at="12:00")
    response = owner.post("/panel/agenda/nueva", form(org, phone="55 3000 0077"))
    page = text_of(response)
    assert response.status_code == 422
    assert "Sofía ya tiene una cita a esa hora" in page
    assert "Horarios cercanos libres" in page
    assert Appointment.select().count() == 1
    assert not Customer.select().where(Customer.phone == "+525530000077").exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"date": ""}, "Elige la fecha"),
        ({"time": "25:99"}, "Escribe la hora, por ejemplo 5:30 p.m."),
        ({"phone": "12", "name": ""}, "no parece válido"),
        ({"phone": "", "name": ""}, "Escribe el nombre del cliente"),
        ({"time": "21:00"}, "Sofía no atiende a esa hora"),
    ],
)
def test_bad_booking_input_is_refused_in_spanish(owner, org, changes, message):
    response = owner.post("/panel/agenda/nueva", form(org, **changes))
    assert response.status_code == 422 and message in text_of(response)
    assert Appointment.select().count() == 0 and Customer.select().count() == 0


def test_owner_moves_an_appointment_and_conflicts_are_explained(owner, org, clock):
    first = book(org, clock, at="12:00")
    book(org, clock, at="15:00", who=customer(org, "Rosa Díaz", "+525530000002"))
    url = f"/panel/agenda/cita/{first.number}/mover"
    refused = owner.post(url, {"date": "2026-12-03", "time": "15:30"})
    assert refused.status_code == 422 and "Sofía ya tiene una cita a esa hora" in text_of(refused)
    assert owner.post(url, {"date": "2026-12-04", "time": "10:00"}).status_code == 303
    assert Appointment.get_by_id(first.id).start_at == local("2026-12-04", "10:00")
    told = Notification.get(Notification.kind == "customer_moved")  # the customer hears of it
    assert told.recipient == first.customer.phone and "Ahora: viernes 4 de diciembre" in told.body


def test_owner_cancels_an_appointment(owner, org, clock):
    appointment = book(org, clock)
    owner.post(f"/panel/agenda/cita/{appointment.number}/cancelar", {"reason": "enfermedad"})
    cancelled = Appointment.get_by_id(appointment.id)
    assert cancelled.status == "cancelled" and cancelled.cancelled_by == "business"
    assert cancelled.cancel_reason == "enfermedad"
    told = Notification.get(Notification.kind == "customer_cancelled")
    assert told.recipient == appointment.customer.phone and "Motivo: enfermedad" in told.body


def test_complete_and_no_show(owner, org, clock):
    appointment = book(org, clock, day="2026-12-02", at="10:00")
    clock.advance(hours=2)
    owner.post(f"/panel/agenda/cita/{appointment.number}/no-asistio")
    assert Appointment.get_by_id(appointment.id).status == "no_show"
    assert Customer.get_by_id(appointment.customer_id).no_show_count == 1
    owner.post(f"/panel/agenda/cita/{appointment.number}/completar")
    assert Appointment.get_by_id(appointment.id).status == "completed"
    assert Customer.get_by_id(appointment.customer_id).no_show_count == 0


def test_a_refused_change_shows_the_domain_message(owner, org, clock):
    appointment = book(org, clock)
    response = owner.post(
        f"/panel/agenda/cita/{appointment.number}/no-asistio", follow_redirects=True
    )
    assert "todavía no empieza" in text_of(response)
    assert Appointment.get_by_id(appointment.id).status == "booked"


def test_employee_books_in_their_own_agenda_only(employee, org):
    assert employee.post("/panel/agenda/nueva", form(org)).status_code == 302
    carlos = staff(org, "Carlos").id
    refused = employee.post(
        "/panel/agenda/nueva", form(org, staff=carlos, service=service(org, "Manicure").id)
    )
    assert refused.status_code == 422 and "tu propia agenda" in text_of(refused)
    assert Appointment.select().count() == 1


def test_employee_sees_the_agenda_but_changes_only_their_own(employee, org, clock):
    mine = book(org, clock, at="12:00")
    theirs = book(org, clock, at="12:00", person="Ana", what="Manicure")
    assert "Mariana López" in text_of(employee.get("/panel/agenda/?dia=2026-12-03&persona=todos"))
    page = text_of(employee.get(f"/panel/agenda/cita/{theirs.number}"))
    assert "Cancelar cita" not in page
    assert employee.post(f"/panel/agenda/cita/{theirs.number}/cancelar").status_code == 403
    assert Appointment.get_by_id(theirs.id).status == "booked"
    employee.post(f"/panel/agenda/cita/{mine.number}/cancelar")
    assert Appointment.get_by_id(mine.id).status == "cancelled"


def test_another_business_gets_404_and_never_the_data(stranger, org, clock):
    book(org, clock, at="12:00")
    second = book(org, clock, at="15:00")
    assert stranger.get(f"/panel/agenda/cita/{second.number}").status_code == 404
    assert stranger.post(f"/panel/agenda/cita/{second.number}/cancelar").status_code == 404
    assert Appointment.get_by_id(second.id).status == "booked"
    assert "Mariana" not in text_of(stranger.get("/panel/agenda/?dia=2026-12-03"))
    other_staff = staff(org, "Sofía").id
    response = stranger.post("/panel/agenda/nueva", form(org, staff=other_staff))
    assert response.status_code == 404


def test_walk_ins_without_a_phone_stay_separate_people_with_their_names(owner, org):
    for name, at in (("Jorge", "12:00"), ("Pedro", "13:00")):
        response = owner.post("/panel/agenda/nueva", form(org, phone="", name=name, time=at))
        assert response.status_code == 302, text_of(response)
    names = sorted(a.customer.name for a in Appointment.select())
    assert names == ["Jorge", "Pedro"]
    assert Customer.select().where(Customer.phone.is_null()).count() == 2


def test_a_future_appointment_cannot_be_marked_completed(owner, org, clock):
    appointment = book(org, clock)  # tomorrow
    response = owner.post(
        f"/panel/agenda/cita/{appointment.number}/completar", follow_redirects=True
    )
    assert "todavía no empieza" in text_of(response)
    assert Appointment.get_by_id(appointment.id).status == "booked"
    page = text_of(owner.get(f"/panel/clientes/{appointment.customer_id}"))
    assert "jueves 3 de diciembre, 5:00 p.m." in page.split("Próximas citas")[1]


def test_a_walk_in_already_in_the_chair_is_entered(owner, org, clock):
    clock.advance(hours=3)  # 12:00 in Mexico City
    response = owner.post(
        "/panel/agenda/nueva", form(org, date="2026-12-02", time="11:40", phone="", name="Jorge")
    )
    assert response.status_code == 302, text_of(response)
    appointment = Appointment.get()
    assert appointment.start_at == local("2026-12-02", "11:40")
    assert appointment.source == "walk_in" and appointment.customer.name == "Jorge"


@pytest.mark.parametrize(
    "day, at, message",
    [
        ("2026-12-03", "21:00", "A esa hora el negocio está cerrado"),
        ("2026-12-06", "12:00", "El domingo 6 de diciembre el negocio está cerrado"),
    ],
)
def test_whoever_is_free_at_a_closed_time_hears_the_business_is_closed(
    owner, org, day, at, message
):
    response = owner.post("/panel/agenda/nueva", form(org, staff="", date=day, time=at))
    page = text_of(response)
    assert response.status_code == 422 and message in page
    assert "no atiende" not in page
    assert Appointment.select().count() == 0


def test_the_grid_css_places_every_row_of_a_day():
    import re

    from domain.daygrid import DAY, STEP
    from domain.settings import ROOT

    css = (ROOT / "web" / "static" / "agenda.css").read_text()
    rows = DAY // STEP
    starts = {int(n) for n, m in re.findall(r"\.r(\d+)\{grid-row-start:(\d+)\}", css) if n == m}
    spans = {int(n) for n, m in re.findall(r"\.s(\d+)\{grid-row-end:span (\d+)\}", css) if n == m}
    assert starts == spans == set(range(1, rows + 1))


def test_day_view_draws_each_person_as_a_column_with_tappable_free_times(owner, org, clock):
    book(org, clock)
    html = owner.get("/panel/agenda/?dia=2026-12-03").get_data(as_text=True)
    sofia = staff(org, "Sofía").id
    assert f'data-staff="{sofia}"' in html and "style=" not in html and "<script>" not in html
    assert f"nueva?staff={sofia}&amp;date=2026-12-03&amp;time=16:30" in html
    assert f"nueva?staff={sofia}&amp;date=2026-12-03&amp;time=17:00" not in html  # booked
    assert 'href="cita/1" draggable="true" data-move="cita/1/mover"' in html


def test_an_employee_gets_free_times_only_in_their_own_column(employee, org, clock):
    html = employee.get("/panel/agenda/?dia=2026-12-03&persona=todos").get_data(as_text=True)
    assert f"nueva?staff={staff(org, 'Sofía').id}&amp;" in html
    assert f"nueva?staff={staff(org, 'Carlos').id}&amp;" not in html


def test_week_of_one_person_is_a_grid_of_days(owner, org, clock):
    book(org, clock, day="2026-12-04", at="11:00")
    sofia = staff(org, "Sofía").id
    page = owner.get(f"/panel/agenda/?dia=2026-12-03&vista=semana&persona={sofia}")
    html = page.get_data(as_text=True)
    assert html.count('class="cal-col k') == 7
    assert "dom 6" in text_of(page) and "Cerrado" in text_of(page)


def test_moving_from_the_grid_returns_to_the_agenda(owner, org, clock):
    appointment = book(org, clock)
    response = owner.post(
        f"/panel/agenda/cita/{appointment.number}/mover",
        {"date": "2026-12-03", "time": "12:00", "volver": "/panel/agenda/?dia=2026-12-03"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/panel/agenda/?dia=2026-12-03"
    elsewhere = owner.post(
        f"/panel/agenda/cita/{appointment.number}/mover",
        {"date": "2026-12-03", "time": "13:00", "volver": "https://example.com/"},
    )
    assert elsewhere.headers["Location"].endswith(f"/panel/agenda/cita/{appointment.number}")


def test_a_walk_in_is_one_tap_on_the_service_with_whoever_is_free(owner, org, clock):
    book(org, clock, day="2026-12-02", at="10:00", person="Sofía", what="Corte de caballero")
    clock.advance(hours=1, minutes=7)  # 10:07: Sofía is busy, Carlos is free
    caballero = service(org, "Corte de caballero").id
    response = owner.post("/panel/agenda/llego", {"service": caballero})
    assert response.status_code == 303
    walk_in = Appointment.get(Appointment.source == "walk_in")
    assert walk_in.start_at == local("2026-12-02", "10:07") and walk_in.staff.name == "Carlos"
    assert walk_in.customer.name == "" and walk_in.customer.phone is None
    page = text_of(owner.get(response.headers["Location"]))
    assert "Cliente sin nombre: Corte de caballero con Carlos, desde las 10:07 a.m." in page


def test_a_walk_in_that_started_a_while_ago_with_a_name(owner, org, clock):
    clock.advance(hours=3)  # 12:00
    owner.post(
        "/panel/agenda/llego",
        {"service": service(org, "Manicure").id, "hace": "15", "name": "paty", "staff": ""},
    )
    walk_in = Appointment.get()
    assert walk_in.start_at == local("2026-12-02", "11:45") and walk_in.customer.name == "Paty"


def test_a_walk_in_nobody_can_take_is_explained(owner, org, clock):
    clock.advance(hours=12)  # 21:00, closed
    response = owner.post("/panel/agenda/llego", {"service": service(org, "Manicure").id})
    assert response.status_code == 422
    assert "A esa hora el negocio está cerrado" in text_of(response)
    assert Appointment.select().count() == 0


def test_an_employee_registers_walk_ins_in_their_own_agenda(employee, org, clock):
    clock.advance(hours=1)
    carlos = staff(org, "Carlos").id
    caballero = service(org, "Corte de caballero").id
    refused = employee.post("/panel/agenda/llego", {"service": caballero, "staff": carlos})
    assert refused.status_code == 422 and "tu propia agenda" in text_of(refused)
    assert employee.post("/panel/agenda/llego", {"service": caballero}).status_code == 303
    assert Appointment.get().staff.name == "Sofía"


def test_booking_a_chosen_customer_from_the_picker(owner, org):
    rosa = customer(org, "Rosa Díaz", "+525530000002")
    response = owner.post("/panel/agenda/nueva", form(org, customer=rosa.id, phone="", name=""))
    assert response.status_code == 302
    assert Appointment.get().customer_id == rosa.id and Customer.select().count() == 1


def test_another_business_customer_cannot_be_booked(owner, org, other):
    theirs = customer(other, "Rosa Díaz", "+525530000002")
    response = owner.post("/panel/agenda/nueva", form(org, customer=theirs.id))
    assert response.status_code == 404 and Appointment.select().count() == 0


def test_another_business_service_or_branch_never_books_here(owner, org, other, clock):
    clock.advance(hours=2)
    theirs = service(other, "Manicure").id
    assert owner.post("/panel/agenda/llego", {"service": theirs}).status_code == 404
    their_branch = Location.get(Location.org == other).id
    response = owner.post("/panel/agenda/nueva", form(org, sucursal=their_branch))
    assert response.status_code == 302  # the unknown branch is ignored, not used
    assert Appointment.get().location.org_id == org.id
    assert Appointment.select().where(Appointment.org == other).count() == 0
