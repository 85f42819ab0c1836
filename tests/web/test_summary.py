"""Resumen: the same figures on the owner's page and in the JSON API; nobody else's."""

from __future__ import annotations

from domain import booking
from domain.auth import create_api_token
from tests.conftest import local
from tests.factories import customer, service, staff
from tests.web.conftest import text_of


def day_of_work(org, clock):
    for at, who, what in (("10:00", "Sofía", "Corte de dama"), ("12:00", "Carlos", "Manicure")):
        booking.book(
            org,
            customer=customer(org),
            service=service(org, what),
            staff=staff(org, who),
            start=local("2026-12-02", at),
            clock=clock,
            source="dashboard",
            actor="system",
        )
    late = type(clock)(local("2026-12-02", "19:00"))
    booking.complete(org, 1, clock=late, actor="system")


def test_the_owner_sees_today_week_and_month_with_charts(owner, org, clock):
    day_of_work(org, clock)
    response = owner.get("/panel/resumen/?periodo=hoy")
    page, html = text_of(response), response.get_data(as_text=True)
    assert "Citas 2 2 2" in page and "Completadas 1 1 1" in page
    assert (
        "Ingresos esperados $600 $600 $600" in page and "Ingresos cobrados $350 $350 $350" in page
    )
    assert "Sofía 1 1 $350 $350" in page and "Carlos 1 0 $250 $0" in page
    assert html.count('<svg class="chart"') == 3 and "style=" not in html


def test_the_api_serves_the_same_figures(client, org, other, clock):
    day_of_work(org, clock)
    day_of_work(other, clock)  # another business's work never adds up here
    _token, raw = create_api_token(org, "figuras", clock.now())
    answer = client.get("/api/v1/summary", headers={"Authorization": f"Bearer {raw}"}).json
    today = answer["today"]
    assert answer["currency"] == "MXN" and today["from"] == today["to"] == "2026-12-02"
    assert (today["appointments"], today["completed"]) == (2, 1)
    assert (today["expected_cents"], today["earned_cents"]) == (60000, 35000)
    assert today["channels"]["dashboard"] == 2 and today["no_show_rate"] == 0
    assert today["busiest_hours"] == [
        {"hour": 10, "appointments": 1},
        {"hour": 12, "appointments": 1},
    ]
    assert [row["name"] for row in today["staff"]] == ["Sofía", "Carlos"]
    assert answer["week"]["from"] == "2026-11-30" and answer["month"]["to"] == "2026-12-31"
    assert client.get("/api/v1/summary").status_code == 401


def test_employees_do_not_see_the_money(employee):
    assert employee.get("/panel/resumen/").status_code == 403
