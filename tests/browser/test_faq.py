"""An owner writes what customers ask, on a phone, in a real browser."""

from __future__ import annotations

from playwright.sync_api import expect

from domain.models import FaqEntry, Organization
from tests.browser.conftest import log_in
from tests.factories import salon, staff


def test_owner_adds_a_question_and_the_payment_methods(phone, clock, database):
    org = salon()
    log_in(phone, staff(org, "Ana"), clock)
    phone.goto("/panel/mas")
    phone.get_by_role("link", name="Preguntas de clientes, pagos y ubicación").click()
    expect(phone.get_by_role("heading", name="Preguntas de clientes")).to_be_visible()
    phone.shot("questions")
    phone.get_by_role("link", name="+ Agregar").click()
    phone.get_by_label("Pregunta").fill("¿Tienen estacionamiento?")
    phone.get_by_label("Respuesta").fill("Sí, atrás del local y es gratis.")
    phone.shot("new-question")
    phone.get_by_role("button", name="Guardar").click()
    expect(phone.get_by_text("Pregunta guardada.")).to_be_visible()
    expect(phone.get_by_text("atrás del local y es gratis")).to_be_visible()
    phone.get_by_label("Formas de pago").fill("efectivo, tarjeta y transferencia")
    phone.get_by_role("button", name="Guardar").click()
    expect(phone.get_by_text("Datos guardados.")).to_be_visible()
    phone.shot("saved")
    assert FaqEntry.get(FaqEntry.org == org).question == "¿Tienen estacionamiento?"
    assert Organization.get_by_id(org.id).payment_methods == "efectivo, tarjeta y transferencia"
