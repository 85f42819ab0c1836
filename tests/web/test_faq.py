"""What customers ask, as the owner writes it in the panel and a customer meets it on WhatsApp."""

from __future__ import annotations

from domain import faq
from domain.models import FaqEntry, Location, Organization, Service, SpotService
from tests.conversations.chat import Chat
from tests.factories import service, staff
from tests.web.conftest import text_of

CUSTOMER = "+525530000001"


def customer_asks(client, org, text: str) -> str:
    return Chat(client, org.whatsapp_number, CUSTOMER, "Mariana").say(text)


def test_a_question_added_in_the_panel_is_answered_in_other_words(owner, org, client):
    response = owner.post(
        "/panel/preguntas/nueva",
        {"question": "¿Tienen estacionamiento?", "answer": "Sí, atrás del local, gratis."},
    )
    assert response.status_code == 303
    assert "¿Tienen estacionamiento?" in text_of(owner.get("/panel/preguntas/"))
    assert "atrás del local" in customer_asks(client, org, "oigan hay donde estacionar el carro?")


def test_the_owner_edits_and_deletes_a_question(owner, org, client):
    entry = faq.add_question(org, "¿Tienen wifi?", "Sí.")
    owner.post(
        f"/panel/preguntas/{entry.id}",
        {"question": "¿Tienen wifi?", "answer": "Sí, la clave está en recepción."},
    )
    assert "clave está en recepción" in customer_asks(client, org, "tienen wi fi?")
    owner.post(f"/panel/preguntas/{entry.id}/borrar")
    assert FaqEntry.select().where(FaqEntry.org == org).count() == 0
    assert "clave" not in customer_asks(client, org, "¿tienen wifi?")


def test_a_question_without_words_or_answer_is_refused(owner, org):
    response = owner.post("/panel/preguntas/nueva", {"question": "", "answer": "Sí"})
    assert response.status_code == 422 and "Escribe la pregunta" in text_of(response)
    response = owner.post("/panel/preguntas/nueva", {"question": "¿Hay café?", "answer": " "})
    assert response.status_code == 422 and "Escribe la respuesta" in text_of(response)
    assert FaqEntry.select().count() == 0


def test_employees_read_the_questions_but_cannot_change_them(employee, org):
    entry = faq.add_question(org, "¿Aceptan mascotas?", "Solo perritos chicos.")
    assert "Solo perritos chicos" in text_of(employee.get("/panel/preguntas/"))
    assert (
        employee.post("/panel/preguntas/nueva", {"question": "x?", "answer": "y"}).status_code
        == 403
    )
    assert employee.post(f"/panel/preguntas/{entry.id}/borrar").status_code == 403
    assert FaqEntry.get_by_id(entry.id).answer == "Solo perritos chicos."


def test_another_business_cannot_see_change_or_be_answered_with_these(
    stranger, org, other, client
):
    entry = faq.add_question(org, "¿Tienen estacionamiento?", "Sí, atrás del local.")
    assert "atrás del local" not in text_of(stranger.get("/panel/preguntas/"))
    assert stranger.get(f"/panel/preguntas/{entry.id}").status_code == 404
    assert stranger.post(f"/panel/preguntas/{entry.id}/borrar").status_code == 404
    assert "atrás del local" not in customer_asks(client, other, "¿tienen estacionamiento?")


def test_payment_methods_and_map_point_set_in_the_panel_reach_customers(owner, org, client):
    response = owner.post(
        "/panel/preguntas/datos",
        {"payment_methods": "efectivo y transferencia", "latitude": "19.4", "longitude": "-99.17"},
    )
    assert response.status_code == 303
    assert Organization.get_by_id(org.id).payment_methods == "efectivo y transferencia"
    reply = customer_asks(client, org, "aceptan tarjeta?")
    assert "No aceptamos tarjeta" in reply and "efectivo y transferencia" in reply
    assert "query=19.400000,-99.170000" in customer_asks(client, org, "donde estan?")


def test_impossible_coordinates_are_refused_and_nothing_is_saved(owner, org):
    response = owner.post(
        "/panel/preguntas/datos",
        {"payment_methods": "solo efectivo", "latitude": "190", "longitude": "-99.17"},
    )
    assert response.status_code == 422 and "no existen" in text_of(response)
    location = Location.get(Location.org == org)
    assert (location.latitude, location.longitude) == (19.41915, -99.16175)  # the demo's point
    assert "solo efectivo" not in Organization.get_by_id(org.id).payment_methods


def test_a_synonym_written_on_the_service_form_books_that_service(owner, org, client):
    manicure = service(org, "Manicure")
    response = owner.post(
        f"/panel/servicios/{manicure.id}",
        {
            "name": "Manicure",
            "duration": "45",
            "price": "250",
            "buffer": "0",
            "active": "1",
            "staff": [staff(org, "Ana").id, staff(org, "Carlos").id],
            "spots": [
                s.spot_id for s in SpotService.select().where(SpotService.service == manicure)
            ],
            "synonyms": "gelish, uñas esculturales",
        },
    )
    assert response.status_code == 303
    assert Service.get_by_id(manicure.id).synonyms == "gelish, uñas esculturales"
    reply = customer_asks(client, org, "quiero gelish mañana a las 11")
    assert "Manicure con" in reply and "11:00 a.m." in reply
