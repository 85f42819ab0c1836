"""Platform admin: businesses, statistics, debugging, and audited visits as owner."""

from __future__ import annotations

import datetime as dt

import pytest

from domain import booking
from domain.auth import issue_login_token
from domain.models import AuditLog, Conversation, Customer, Message, Organization
from tests.conftest import local
from tests.factories import customer, service, staff
from tests.web.conftest import text_of

OPERATOR = "+525588887777"


@pytest.fixture
def settings(settings):
    return settings.replace(platform={"operators": [OPERATOR]})


@pytest.fixture
def operator(visitor, org, other):
    return visitor.login(phone=OPERATOR)


def test_operator_logs_in_to_the_admin(operator):
    response = operator.get("/panel/agenda/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/")
    assert "Administración de Yume" in text_of(operator.get("/admin/"))


def test_a_phone_no_longer_listed_as_operator_loses_access(visitor, org, settings, clock):
    raw = issue_login_token("+525500000001", None, clock.now())
    assert visitor.post(f"/login/{raw}").status_code == 400
    assert visitor.get("/admin/").status_code == 302  # sent back to the login page


def test_admin_lists_businesses_and_platform_figures(operator, org, clock):
    booking.book(
        org,
        customer=customer(org),
        service=service(org, "Corte de dama"),
        staff=staff(org, "Sofía"),
        start=local("2026-12-03", "12:00"),
        clock=clock,
    )
    Message.create(
        org=org,
        direction="in",
        from_number="+52",
        to_number="+52",
        used_llm=True,
        created_at=clock.now(),
    )
    page = text_of(operator.get("/admin/"))
    assert "2 negocios (2 activos)" in page and "1 mensaje ·" in page and "1 cita ·" in page
    assert "1 llamada al LLM" in page
    assert "miércoles 2 de diciembre 1 0 1 1" in page  # local days, never UTC or ISO


def test_opening_a_business_as_owner_is_audited_on_every_visit(operator, org, clock):
    customer(org, "Lucía Pérez", "+525520000001")
    response = operator.post(f"/admin/negocios/{org.id}/abrir")
    assert response.status_code == 303
    page = text_of(operator.get("/panel/clientes/"))
    assert "Lucía Pérez" in page and "como operador" in page
    operator.get("/panel/agenda/")
    assert AuditLog.get(AuditLog.action == "operator_open").org_id == org.id
    visits = AuditLog.select().where(AuditLog.action == "operator_visit", AuditLog.org == org)
    assert [v.detail["path"] for v in visits] == ["/panel/clientes/", "/panel/agenda/"]
    assert all(v.actor == f"operator:{OPERATOR}" for v in visits)


def test_operator_changes_as_owner_are_allowed_and_audited(operator, org):
    operator.post(f"/admin/negocios/{org.id}/abrir")
    lucia = customer(org)
    operator.post(f"/panel/clientes/{lucia.id}", {"name": "Lucía Pérez", "phone": ""})
    assert Customer.get_by_id(lucia.id).name == "Lucía Pérez"
    visits = AuditLog.select().where(AuditLog.action == "operator_visit")
    assert [v.detail["method"] for v in visits] == ["POST"]


def test_suspending_a_business_closes_its_dashboard(operator, visitor, org, clock):
    operator.post(f"/admin/negocios/{org.id}/estado", {"status": "suspended"})
    assert Organization.get_by_id(org.id).status == "suspended"
    operator.post("/logout")
    ana = staff(org, "Ana")
    raw = issue_login_token(ana.phone, ana, clock.now())
    assert visitor.post(f"/login/{raw}").status_code == 400


def test_conversation_debugging_shows_flow_state_and_messages(operator, org, clock):
    conversation = Conversation.create(
        channel_number=org.whatsapp_number,
        phone="+525530000001",
        org=org,
        flow="booking",
        state="awaiting_time",
        slots={"service": 3},
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    Message.create(
        org=org,
        conversation=conversation,
        direction="in",
        from_number="+525530000001",
        to_number=org.whatsapp_number,
        body="mañana a las 5",
        created_at=clock.now(),
    )
    listing = text_of(operator.get("/admin/conversaciones?telefono=55 3000 0001"))
    assert "booking/awaiting_time" in listing
    page = text_of(operator.get(f"/admin/conversaciones/{conversation.id}"))
    assert "awaiting_time" in page and "mañana a las 5" in page and '"service": 3' in page
    assert AuditLog.get(AuditLog.action == "operator_debug").org_id == org.id


def test_owners_cannot_use_admin_actions(owner, other):
    assert owner.post(f"/admin/negocios/{other.id}/abrir").status_code == 404
    assert (
        owner.post(f"/admin/negocios/{other.id}/estado", {"status": "suspended"}).status_code
        == 404
    )
    assert Organization.get_by_id(other.id).status == "active"


def test_stats_count_per_day(operator, org, clock):
    for days_ago in (0, 0, 2):
        Message.create(
            org=org,
            direction="out",
            from_number="+52",
            to_number="+52",
            created_at=clock.now() - dt.timedelta(days=days_ago),
        )
    page = text_of(operator.get("/admin/"))
    assert "miércoles 2 de diciembre 0 2 0 0" in page
    assert "lunes 30 de noviembre 0 1 0 0" in page


def test_days_are_the_operators_local_days_not_utc(operator, org, clock):
    # 23:30 in Mexico City on Tuesday is already Wednesday in UTC.
    Message.create(
        org=org,
        direction="in",
        from_number="+52",
        to_number="+52",
        created_at=local("2026-12-01", "23:30"),
    )
    page = text_of(operator.get("/admin/"))
    assert "martes 1 de diciembre 1 0 0 0" in page and "UTC" not in page


def test_suspending_asks_first(operator, org, other):
    html = operator.get("/admin/").get_data(as_text=True)
    questions = [
        part.split("</details>")[0] for part in html.split('<details class="confirm">')[1:]
    ]
    for business in (org, other):
        asked = [q for q in questions if f"/admin/negocios/{business.id}/estado" in q]
        assert len(asked) == 1 and "Sí, suspender" in asked[0]
