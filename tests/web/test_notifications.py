"""The sent-messages page: what was sent, what failed and why."""

from __future__ import annotations

from domain.models import Notification
from tests.web.conftest import text_of


def notice(org, clock, key, status="sent", error="", kind="reminder"):
    return Notification.create(
        org=org,
        recipient="+525530000001",
        kind=kind,
        body="Hola",
        dedup_key=key,
        status=status,
        last_error=error,
        created_at=clock.now(),
    )


def test_owner_sees_what_was_sent_and_why_failures_failed(owner, org, clock):
    notice(org, clock, "a")
    notice(org, clock, "b", status="failed", error="63016: fuera de la ventana de 24 horas")
    page = text_of(owner.get("/panel/mensajes/"))
    assert "Recordatorio · 55 3000 0001" in page and "Enviado" in page
    assert "Motivo: 63016: fuera de la ventana de 24 horas" in page


def test_failed_filter_shows_only_failures(owner, org, clock):
    notice(org, clock, "a", kind="daily_summary")
    notice(org, clock, "b", status="failed", error="número inválido")
    page = text_of(owner.get("/panel/mensajes/?estado=failed"))
    assert "número inválido" in page and "Resumen diario" not in page


def test_employees_see_recipients_masked(employee, org, clock):
    notice(org, clock, "a")
    page = text_of(employee.get("/panel/mensajes/"))
    assert "+525530000001" not in page and "+52******0001" in page


def test_another_business_never_sees_them(stranger, org, clock):
    notice(org, clock, "a", status="failed", error="secreto")
    assert "secreto" not in text_of(stranger.get("/panel/mensajes/"))
