"""A new business sets itself up by WhatsApp, then its customers book with it."""

from __future__ import annotations

import pytest

from domain.hours import load_hours
from domain.models import Appointment, Invitation, Location, Organization, Service, Spot, Staff
from tests.conversations.chat import Chat
from tests.factories import salon

pytestmark = pytest.mark.usefixtures("database")

PLATFORM = "+525500000000"
LUIS = "+526641234567"  # a Tijuana number: the business takes Tijuana's time
PEDRO = "+525512345678"
CUSTOMER = "+525530000001"

SETUP = [
    ("Hola, quiero usar Yume para mi barbería", ("bienvenida a Yume", "Cómo se llama tu negocio")),
    ("Barbería El Güero", ("Y tú cómo te llamas",)),
    ("Luis", ("Mucho gusto, Luis", "Qué servicios ofreces")),
    (
        "Corte 30 min 150, barba 20 min 100",
        ("Anoté: Corte (30 min, $150) y Barba (20 min, $100)",),
    ),
    ("listo", ("Qué horario tienen",)),
    ("lun a sab de 9 a 7", ("Tu horario: lunes a sábado 09:00–19:00", "Trabaja alguien más")),
    ("Pedro 5512345678", ("Anoté a Pedro (55 1234 5678)", "Alguien más")),
    ("no", ("dirección",)),
    (
        "no",
        (
            "Revisa que todo esté bien",
            "Barbería El Güero",
            "Corte — 30 min, $150",
            "lunes a sábado 09:00–19:00",
            "Pedro",
        ),
    ),
]


def run(chat: Chat, lines) -> str:
    reply = ""
    for text, facts in lines:
        reply = chat.say(text)
        for fact in facts:
            assert fact in reply, f"{fact!r} missing after {text!r}\n{chat.transcript()}"
    return reply


def created() -> Organization:
    return Organization.get(Organization.name == "Barbería El Güero")


def test_a_barbershop_sets_up_and_a_customer_books_through_the_shared_number(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP)
    done = owner.say("sí")
    org = created()
    assert "ya está en Yume" in done and f"*{org.code}*" in done and "/login/" in done
    assert f"https://wa.me/525500000000?text={org.code}" in done
    assert org.whatsapp_number is None and org.timezone == "America/Tijuana"
    assert org.business_type == "barbería" and org.code == "GUERO"
    assert {(s.name, s.duration_min, s.price_cents) for s in Service.select()} == {
        ("Corte", 30, 15000),
        ("Barba", 20, 10000),
    }
    # Pedro joins when his own phone says yes to the invitation it got.
    assert "Le mandé a Pedro una invitación" in done
    people = {m.name: (m.phone, m.role) for m in Staff.select().where(Staff.org == org)}
    assert people == {"Luis": (LUIS, "owner"), "Pedro": (None, "employee")}
    assert "Ya eres parte del equipo de Barbería El Güero" in Chat(client, PLATFORM, PEDRO).say(
        "sí"
    )
    people = {m.name: (m.phone, m.role) for m in Staff.select().where(Staff.org == org)}
    assert people == {"Luis": (LUIS, "owner"), "Pedro": (PEDRO, "employee")}
    assert Spot.select().where(Spot.org == org).count() == 2  # one chair per person
    hours = load_hours(Location.get(Location.org == org).hours)
    assert sorted(hours) == [0, 1, 2, 3, 4, 5] and 6 not in hours

    customer = Chat(client, PLATFORM, CUSTOMER, "Mariana")
    assert "Soy el asistente de Barbería El Güero" in customer.say(f"Hola {org.code}")
    assert "Corte con" in customer.say("corte mañana a las 12")
    customer.say("si")
    assert "Listo" in customer.say("Mariana López")
    assert Appointment.get().org_id == org.id

    assert "Tu agenda" in owner.say("agenda mañana")  # the owner runs commands here too


def test_corrections_in_the_summary(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP)
    run(
        owner,
        [
            (
                "cambia el precio del corte a 180",
                ("Corte ahora cuesta $180", "Corte — 30 min, $180"),
            ),
            ("quita la barba", ("Quité Barba",)),
            ("agrega tinte 2 hrs 900", ("Agregué Tinte", "Tinte — 120 min, $900")),
            (
                "el horario es lunes a viernes 10 a 8",
                ("Cambié el horario", "lunes a viernes 10:00–20:00"),
            ),
            ("sí", ("ya está en Yume",)),
        ],
    )
    assert {(s.name, s.price_cents) for s in Service.select()} == {
        ("Corte", 18000),
        ("Tinte", 90000),
    }


def test_an_interrupted_setup_resumes_and_an_abandoned_one_expires(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:5])
    clock.advance(hours=5)
    assert "Trabaja alguien más" in owner.say("lun a sab de 9 a 7")  # picked up where it was
    clock.advance(hours=25)
    assert "Cómo se llama tu negocio" in owner.say("Pedro 5512345678")
    assert Organization.select().count() == 0


def test_reiniciar_starts_over(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:4])
    reply = owner.say("reiniciar")
    assert "Empezamos de nuevo" in reply and "Cómo se llama tu negocio" in reply


def test_missing_pieces_are_asked_again(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:3])
    run(
        owner,
        [
            ("corte", ("Cuánto dura y cuánto cuesta Corte",)),
            ("listo", ("al menos un servicio",)),
            ("corte 30 min 150", ("Anoté: Corte",)),
            ("listo", ("Qué horario",)),
            ("cuando abramos", ("No entendí el horario",)),
            ("lunes a viernes 10 a 8", ("Trabaja alguien más",)),
            ("Pedro 123", ("no parece un número válido",)),
            ("Pedro", ("Cuál es el WhatsApp de Pedro",)),
            ("55 1234 5678", ("Anoté a Pedro",)),
        ],
    )


def test_a_number_from_the_pool(settings, clock, database):
    from web import create_app

    app = create_app(settings.replace(twilio={"number_pool": ["+52 55 7777 0001"]}), clock=clock)
    client = app.test_client()
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP)
    done = owner.say("sí")
    assert "escribir a +525577770001: https://wa.me/525577770001" in done
    assert created().whatsapp_number == "+525577770001"
    customer = Chat(client, "+525577770001", CUSTOMER, "Mariana")
    assert "Barbería El Güero" in customer.say("hola")


def test_a_failure_at_creation_leaves_nothing_and_can_be_fixed(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP)
    owner.say("agrega corte 45 min 200")  # a second "Corte"
    reply = owner.say("sí")
    assert "mismo nombre" in reply
    assert Organization.select().count() == 0 and Service.select().count() == 0
    assert "Quité Corte" in owner.say("quita el corte")
    assert "ya está en Yume" in owner.say("sí")
    assert {(s.name, s.duration_min) for s in Service.select()} == {("Corte", 45), ("Barba", 20)}


def test_staff_of_a_business_writing_to_yume_get_their_commands(client, clock):
    org = salon()
    assert org.code == "LUNA"
    reply = Chat(client, PLATFORM, "+525511110002").say("agenda")
    assert "Tu agenda de hoy" in reply
    assert Organization.select().count() == 1


def test_a_number_bought_from_twilio(twilio_settings, clock, database, fake_twilio):
    from web import create_app

    app = create_app(twilio_settings.replace(twilio={"buy_numbers": True}), clock=clock)
    client = app.test_client()
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP)
    done = owner.say("sí")
    bought = created().whatsapp_number
    assert bought in fake_twilio.available and f"escribir a {bought}" in done
    purchase = next(
        r for r in fake_twilio.requests if r["path"].endswith("IncomingPhoneNumbers.json")
    )
    assert purchase["form"]["SmsUrl"] == "https://yume.example.mx/webhooks/twilio"
    assert "Barbería El Güero" in Chat(client, bought, CUSTOMER).say("hola")


def test_a_purchase_failure_falls_back_to_the_shared_number(
    twilio_settings, clock, database, fake_twilio
):
    from web import create_app

    fake_twilio.available.clear()  # Twilio has no Mexican number to sell right now
    app = create_app(twilio_settings.replace(twilio={"buy_numbers": True}), clock=clock)
    owner = Chat(app.test_client(), PLATFORM, LUIS, "Luis")
    run(owner, SETUP)
    done = owner.say("sí")
    assert created().whatsapp_number is None and f"*{created().code}*" in done


def test_a_bought_number_is_given_back_when_creation_fails(
    twilio_settings, clock, database, fake_twilio
):
    from web import create_app

    app = create_app(twilio_settings.replace(twilio={"buy_numbers": True}), clock=clock)
    owner = Chat(app.test_client(), PLATFORM, LUIS, "Luis")
    run(owner, SETUP)
    owner.say("agrega corte 45 min 200")  # two services called Corte: creation is refused
    assert "mismo nombre" in owner.say("sí")
    assert Organization.select().count() == 0
    assert fake_twilio.numbers == {}  # bought, then released


def test_a_question_is_answered_the_pending_question_asked_again_and_nothing_stored(
    settings, clock, database
):
    from web import create_app

    pricing = "Yume cuesta $399 al mes; el primer mes es gratis."
    app = create_app(settings.replace(platform={"pricing": pricing}), clock=clock)
    owner = Chat(app.test_client(), PLATFORM, LUIS, "Luis")
    owner.say("Hola")
    reply = owner.say("¿cuánto cuesta Yume?")
    assert pricing in reply and reply.endswith("¿Cómo se llama tu negocio?")
    reply = owner.say("perdón, se me fue la señal, ¿en qué íbamos?")
    assert reply.endswith("¿Cómo se llama tu negocio?")
    assert "Y tú cómo te llamas" in owner.say("se llama Barbería Los Compas")
    assert "Mucho gusto, Marco" in owner.say("Marco Antonio Reyes, el dueño")
    from domain.models import Conversation

    slots = Conversation.get(Conversation.phone == LUIS).slots
    assert (slots["business_name"], slots["owner_name"]) == (
        "Barbería Los Compas",
        "Marco Antonio Reyes",
    )


def test_the_summary_writes_phones_the_mexican_way_and_joins_names_in_spanish(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:6])
    reply = owner.say(
        "Fernanda 55 1601 5035, Itzel 442 123 4567 y Rocío 33 1234 5678, ya son todas"
    )
    assert "Anoté a Fernanda (55 1601 5035), Itzel (442 123 4567) y Rocío (33 1234 5678)." in (
        reply
    )
    reply = owner.say("Av. Juárez 10, Centro")
    assert "Equipo: Luis (tú), Fernanda (55 1601 5035), Itzel (442 123 4567) y Rocío" in reply
    assert "4 sillas, una por persona" in reply
    owner.say("agrega keratina 3 horas $1,300")
    assert "Keratina — 180 min, $1,300" in owner.say("¿en qué íbamos?")


def test_a_spa_gets_rooms_and_a_home_visit_stylist_gets_no_spots(client, clock):
    spa = Chat(client, PLATFORM, "+525522223333", "Gaby")
    for line in ("Hola", "Spa Serenidad", "Gabriela", "masaje 1 hora 600", "listo"):
        spa.say(line)
    spa.say("todos los días menos domingo de 9 a 7")
    spa.say("Laura 5511112222")
    spa.say("no")
    assert "2 cabinas, una por persona" in spa.say("Calle Morelos 45")
    spa.say("sí")
    org = Organization.get(Organization.name == "Spa Serenidad")
    assert {(s.name, s.kind) for s in Spot.select().where(Spot.org == org)} == {
        ("Cabina 1", "room"),
        ("Cabina 2", "room"),
    }

    stylist = Chat(client, PLATFORM, "+525544445555", "Rocío")
    for line in ("Soy estilista a domicilio", "Cortes Rocío", "Rocío", "corte 45 min 250"):
        stylist.say(line)
    stylist.say("listo")
    stylist.say("lunes a sábado 9 a 6")
    reply = stylist.say("solo yo")
    assert "dirección" not in reply and "trabajas a domicilio, sin lugar fijo" in reply
    stylist.say("sí")
    home = Organization.get(Organization.name == "Cortes Rocío")
    assert home.business_type == "a domicilio"
    assert Spot.select().where(Spot.org == home).count() == 0


def test_a_service_left_without_a_price_is_not_dropped_silently(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:3])
    run(owner, [("corte 30 min 150, barba 20 min", ("Cuánto cuesta Barba",))])
    run(owner, [("listo", ("No anoté Barba: me faltó el precio", "Qué horario tienen"))])
    run(owner, SETUP[5:])
    owner.say("sí")
    assert [s.name for s in Service.select().where(Service.org == created())] == ["Corte"]


def test_asking_whether_a_step_is_required_gets_an_answer_for_that_step(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:8])
    reply = owner.say("es obligatorio?")
    assert "No es obligatoria" in reply and "dirección" in reply
    run(owner, [("no", ("Revisa que todo esté bien", "Dirección: —"))])
    assert owner.say("sí") and created().locations.get().address == ""


def test_home_visits_said_after_a_guessed_type_make_it_a_home_visit_business(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, [("hola", ()), ("Mony Hair", ()), ("Mónica", ("como salón o estética",))])
    reply = owner.say("voy a domicilio, a las casas de mis clientas")
    assert "a domicilio" in reply and "Qué servicios ofreces" not in reply.split("\n")[0]
    assert Organization.select().count() == 0
    run(owner, [("corte 1 hr 250", ("Anoté: Corte (60 min, $250)",)), ("listo", ())])
    run(owner, [("lun a sab 9 a 6", ()), ("solo yo", ("Revisa que todo esté bien",))])
    owner.say("sí")
    org = Organization.get(Organization.name == "Mony Hair")
    assert org.business_type == "a domicilio"
    assert Spot.select().where(Spot.org == org).count() == 0


def test_a_person_without_whatsapp_and_one_whose_phone_never_came(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:6])
    run(owner, [("Karla, Fer y Juan", ("Cuál es el WhatsApp de Karla",))])
    run(owner, [("no tiene whats", ("Anoté a Karla (sin WhatsApp)", "WhatsApp de Fer"))])
    run(owner, [("5523456789", ("Anoté a Fer (55 2345 6789)", "WhatsApp de Juan"))])
    reply = owner.say("Calle Hidalgo 5, Centro")
    assert "No anoté a Juan porque me faltó su WhatsApp" in reply
    assert "Revisa que todo esté bien" in reply and "Calle Hidalgo 5, Centro" in reply
    owner.say("sí")
    people = {s.name: s.phone for s in Staff.select().where(Staff.org == created())}
    assert people == {"Luis": LUIS, "Karla": None, "Fer": None}  # Fer joins on her "sí"
    assert [i.phone for i in Invitation.select()] == ["+525523456789"]


def test_two_corrections_in_one_message_are_both_applied(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP)
    reply = owner.say("el corte cuesta 180 y son 4 sillas")
    assert "Corte ahora cuesta $180" in reply and "Anoté 4 sillas" in reply
    owner.say("sí")
    assert Service.get(Service.org == created(), Service.name == "Corte").price_cents == 18000
    assert Spot.select().where(Spot.org == created()).count() == 4


def test_greetings_and_non_answers_are_not_names_or_types(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, [("hola", ()), ("Buenas tardes", ("Cómo se llama tu negocio",))])
    run(owner, [("Studio 21", ("Y tú cómo te llamas",)), ("ok", ("Cómo te llamas",))])
    run(owner, [("Karla y mi socia Paty", ("Qué tipo de negocio es",))])
    run(owner, [("no sé", ("Qué tipo de negocio es", "Otro")), ("2", ("Mucho gusto, Karla",))])
    run(owner, [("corte 1 hr 250", ()), ("listo", ()), ("lun a sab 10 a 7", ())])
    run(owner, [("solo yo", ()), ("no", ("Revisa que todo esté bien", "a cargo de Karla"))])
    owner.say("sí")
    org = Organization.get(Organization.name == "Studio 21")
    assert org.business_type == "salón"
    assert [s.name for s in Staff.select().where(Staff.org == org)] == ["Karla"]


def test_services_and_hours_said_before_they_were_asked_are_kept(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, [("hola", ()), ("Barbería El Güero", ("Y tú cómo te llamas",))])
    reply = owner.say("Corte $130 (30 min)\nBarba $90 (25 min)")
    assert "Anoté: Corte (30 min, $130) y Barba (25 min, $90)" in reply
    assert "Y tú cómo te llamas" in reply
    run(owner, [("Me llamo Luis pero todos me dicen Güero", ("Algún otro servicio",))])
    run(owner, [("listo", ("Qué horario tienen",)), ("lun a sab 9 a 7", ()), ("solo yo", ())])
    run(owner, [("no", ("Revisa que todo esté bien", "a cargo de Luis", "Barba — 25 min"))])
    owner.say("sí")
    assert Service.select().where(Service.org == created()).count() == 2


def test_hours_said_before_any_service_are_kept_and_services_asked(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:3])
    reply = owner.say("De martes a domingo de 10 am a 9 pm")
    assert "Tu horario: martes a domingo 10:00–21:00" in reply and "qué servicios" in reply
    run(owner, [("corte 30 min 150", ()), ("listo", ("Trabaja alguien más",))])


def test_prices_asked_for_are_taken_from_bare_numbers(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:3])
    run(owner, [("corte 30 min, barba 20 min", ("Cuánto cuesta Corte y Barba",))])
    run(owner, [("150 y 100", ("Anoté: Corte (30 min, $150) y Barba (20 min, $100)",))])
    run(owner, [("tinte $700", ("Cuánto dura Tinte",)), ("2 hrs", ("Anoté: Tinte (120 min",))])


def test_days_first_and_their_hours_in_the_next_message(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:5])
    run(owner, [("de lunes a sábado", ("de qué hora a qué hora, lunes a sábado",))])
    run(owner, [("de 10 a 8", ("Tu horario: lunes a sábado 10:00–20:00", "Trabaja alguien"))])


def test_yes_at_the_staff_question_asks_who(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:6])
    run(owner, [("sí", ("Cómo se llaman",)), ("sí, una chica", ("Quién es la otra persona",))])
    run(owner, [("Rosa 5523456789", ("Anoté a Rosa (55 2345 6789)", "dirección"))])


def test_services_named_first_and_their_values_in_order(client, clock):
    owner = Chat(client, PLATFORM, LUIS, "Luis")
    run(owner, SETUP[:3])
    run(owner, [("corte, barba y tinte", ("Cuánto dura y cuánto cuesta Corte, Barba y Tinte",))])
    reply = owner.say("30 min 150, 20 min 100, 2 hrs 800")
    assert "Anoté: Corte (30 min, $150), Barba (20 min, $100) y Tinte (120 min, $800)" in reply
