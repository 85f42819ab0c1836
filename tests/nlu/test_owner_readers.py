"""Reading what owners write while setting up: hours, staff lists, asides and corrections."""

import datetime as dt

import pytest

from bot.nlu.owner_clauses import read_edits
from bot.nlu.owner_edits import hours_dict, read_edit
from bot.nlu.owner_hours import read_hours
from bot.nlu.owner_staff import has_no_phone, read_staff
from bot.nlu.owner_words import (
    NAME_FRAMING,
    OWNER_FRAMING,
    OWNER_TAIL,
    is_done,
    split_asides,
    strip_framing,
    works_alone,
)
from bot.nlu.setup import read_setup
from domain.hours import describe, load_hours
from flows.onboarding_edits import change_days, week_from

T = dt.time


def week(text: str) -> str:
    return describe(load_hours(week_from(hours_dict(read_hours(text))) or {}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("todos los días menos domingo de 9 a 7", "lunes a sábado 09:00–19:00"),
        ("todos los días de 9 a 9 excepto lunes", "martes a domingo 09:00–21:00"),
        (
            "lunes a viernes de 9 a 7, cerramos de 2 a 3 para comer. sábados de 9 a 2",
            "lunes a viernes 09:00–14:00 y 15:00–19:00; sábado 09:00–14:00",
        ),
        (
            "de 9:00 a 19:00 lunes a viernes y sábados de 9:00 a 14:00",
            "lunes a viernes 09:00–19:00; sábado 09:00–14:00",
        ),
        ("de lunes a sábado de 10 de la mañana a 8 de la noche", "lunes a sábado 10:00–20:00"),
        ("9am-7pm", "lunes a domingo 09:00–19:00"),
        ("de martes a domingo de 10 a 8, los lunes descansamos", "martes a domingo 10:00–20:00"),
        (
            "lunes a viernes de 10 a 2 y de 4 a 8, sábado de 10 a 3",
            "lunes a viernes 10:00–14:00 y 16:00–20:00; sábado 10:00–15:00",
        ),
    ],
)
def test_hours_as_owners_write_them(text, expected):
    assert week(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("el sábado cerramos a las 3", "lunes a viernes 10:00–20:00; sábado 10:00–15:00"),
        ("el horario del sábado es de 9 a 3", "lunes a viernes 10:00–20:00; sábado 09:00–15:00"),
        (
            "el domingo también abrimos de 10 a 2",
            "lunes a sábado 10:00–20:00; domingo 10:00–14:00",
        ),
        ("el sábado no abrimos", "lunes a viernes 10:00–20:00"),
        ("el horario es de lunes a viernes de 9 a 6", "lunes a viernes 09:00–18:00"),
    ],
)
def test_changing_one_day_leaves_the_others(text, expected):
    current = week_from(hours_dict(read_hours("lunes a sábado de 10 a 8")))
    assert describe(load_hours(change_days(current, hours_dict(read_hours(text))))) == expected


@pytest.mark.parametrize(
    ("text", "people", "total"),
    [
        ("somos 3: Lalo, Mario y yo", [("Lalo", None), ("Mario", None)], 3),
        ("me ayudan mi hermana Sandra y Luis", [("Sandra", None), ("Luis", None)], None),
        ("también Diana 33 4545 4545", [("Diana", "3345454545")], None),
        ("Sí, Paola 443 123 4567", [("Paola", "4431234567")], None),
        ("mi socia Dulce +52 1 55 6677 8899", [("Dulce", "5566778899")], None),
        (
            "Chava 33 1212 3434 y Nacho 33 5656 7878",
            [("Chava", "3312123434"), ("Nacho", "3356567878")],
            None,
        ),
    ],
)
def test_staff_lists_in_any_shape(text, people, total):
    reading = read_staff(text)
    assert (reading.people, reading.total) == (people, total)


@pytest.mark.parametrize(
    "text", ["nomás yo", "no, trabajo sola", "ahorita no hay nadie más, nomás yo"]
)
def test_working_alone_ends_the_list(text):
    assert read_staff(text).alone and not read_staff(text).people


@pytest.mark.parametrize("text", ["ya son todas", "no", "es todo"])
def test_done_words_end_the_list(text):
    assert read_staff(text).done and not read_staff(text).people


@pytest.mark.parametrize(
    ("text", "topics", "answer"),
    [
        ("¿cuánto cuesta Yume?", ["cost"], ""),
        ("perdón, se me fue la señal, ¿en qué íbamos?", ["resume"], ""),
        ("ah ok. Se llama Barbería Don Chuy", [], "Se llama Barbería Don Chuy"),
        ("espérame tantito, estoy con una clienta", ["wait"], ""),
        ("¿y mis clientes cómo me van a escribir?", ["customers"], ""),
        (
            "espera, también hago uñas acrílicas 2 horas 350",
            [],
            "espera, también hago uñas acrílicas 2 horas 350",
        ),
        ("Av. Juárez 10, Centro", [], "Av. Juárez 10, Centro"),
    ],
)
def test_asides_are_split_from_the_answer(text, topics, answer):
    assert split_asides(text) == (topics, answer)


def test_framing_is_stripped_with_or_without_accents():
    assert strip_framing("se llama Barbería Los Compas", NAME_FRAMING) == "Barbería Los Compas"
    assert strip_framing("Marco Antonio Reyes, el dueño", OWNER_FRAMING, OWNER_TAIL) == (
        "Marco Antonio Reyes"
    )
    assert strip_framing("Me llamo Rebeca Garza, soy la duena", OWNER_FRAMING, OWNER_TAIL) == (
        "Rebeca Garza"
    )


@pytest.mark.parametrize(
    ("text", "field", "target", "value"),
    [
        ("el corte cuesta 180 no 150", "price", "corte", 180),
        ("cambia el precio del corte a 180", "price", "corte", 180),
        ("el tinte dura 2 horas y media", "duration", "tinte", 150),
        ("cambia el nombre del fade a Corte degradado", "rename", "fade", "Corte degradado"),
        ("no es Lalo, es Eduardo", "rename", "Lalo", "Eduardo"),
        ("no es barbería, es estética", "type", None, "salón"),
        ("quita a Mario, ya no trabaja aquí", "remove", "Mario", None),
        ("ya no hago permanente, quítalo", "remove", "permanente", None),
        ("falta Diana 33 1234 5678", "add_staff", "Diana", "3312345678"),
        ("el número de Pedro es 55 2345 6789", "phone", "Pedro", "5523456789"),
        ("son 4 sillas", "spots", None, {"count": 4, "kind": "chair"}),
        ("tenemos 2 cabinas", "spots", None, {"count": 2, "kind": "room"}),
        ("trabajo a domicilio", "home_visits", None, True),
        ("mi nombre completo es Claudia Fernández", "owner", None, "Claudia Fernández"),
        ("cambia el nombre a Estética Mayra", "name", None, "Estética Mayra"),
    ],
)
def test_corrections_in_free_words(text, field, target, value):
    edit = read_edit(text)
    assert (edit.field, edit.target, edit.value) == (field, target, value)


@pytest.mark.parametrize("text", ["así está bien", "sí", "perfecto"])
def test_a_yes_is_not_a_correction(text):
    assert read_edit(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # the break is said for the weekdays, before Saturday's hours
            "lunes a viernes de 10 a 8, cerramos de 2 a 3 para comer. sábado de 9 a 5",
            "lunes a viernes 10:00–14:00 y 15:00–20:00; sábado 09:00–17:00",
        ),
        (
            "lun a vie 10 a 8, sab 10 a 6, cerramos de 2 a 3 para comer",
            "lunes a viernes 10:00–14:00 y 15:00–20:00; sábado 10:00–14:00 y 15:00–18:00",
        ),
        ("de martes a domingo de mediodia a 8 de la noche", "martes a domingo 12:00–20:00"),
    ],
)
def test_breaks_and_noon(text, expected):
    assert week(text) == expected


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("mi hijo Beto también corta, su cel es 3312345670", [("Beto", "3312345670")]),
        ("nomás somos mi hermana y yo, ella es Juana 7771234567", [("Juana", "7771234567")]),
    ],
)
def test_names_without_what_is_said_around_them(text, people):
    assert read_staff(text).people == people


def test_a_count_is_not_a_phone():
    reading = read_staff("somos 2, Itzel y yo")
    assert (reading.people, reading.total, reading.stray_digits) == ([("Itzel", None)], 2, False)
    assert read_staff("Pedro 123").stray_digits


@pytest.mark.parametrize(
    ("text", "field", "target", "value"),
    [
        ("perdón el corte es 170 no 150", "price", "corte", 170),
        ("el corte de caballero es de 40 min", "duration", "corte de caballero", 40),
        ("el rubber se llama rubber base", "rename", "rubber", "rubber base"),
        ("Vicky se llama Victoria", "rename", "Vicky", "Victoria"),
        ("mi negocio se llama Barbería Real", "name", None, "Barbería Real"),
        ("perdón es spa, no salón", "type", None, "spa"),
        ("somos barbería", "type", None, "barbería"),
    ],
)
def test_more_corrections_in_free_words(text, field, target, value):
    edit = read_edit(text)
    assert (edit.field, edit.target, edit.value) == (field, target, value)


@pytest.mark.parametrize("text", ["Nail Bar Coco", "Spa Zen", "uñas acrílicas 2 hrs 350"])
def test_a_name_or_a_service_is_not_a_type_correction(text):
    edit = read_edit(text)
    assert edit is None or edit.field != "type"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("cuanto me va a costar usar yume?", "cost"),
        ("y esto tiene costo?", "cost"),
        ("es obligatorio?", "optional"),
        ("como le hago para registrar mi salon?", "start"),
    ],
)
def test_more_asides(text, topic):
    assert split_asides(text) == ([topic], "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "L-V 9:00-20:00\nS y D 9:00-15:00",
            "lunes a viernes 09:00–20:00; sábado y domingo 09:00–15:00",
        ),
        (
            "lunes a viernes 10 a 8, sabado hasta las 2",
            "lunes a viernes 10:00–20:00; sábado 10:00–14:00",
        ),
        (
            "de 9 a 7 todos los dias y el domingo solo hasta las 3",
            "lunes a sábado 09:00–19:00; domingo 09:00–15:00",
        ),
        ("de jueves a lunes de 12 a 9 pm", "jueves a lunes 12:00–21:00"),
        (
            "lun mie y vie de 9 a 6, sab de 8 a 4",
            "lunes, miércoles y viernes 09:00–18:00; sábado 08:00–16:00",
        ),
    ],
)
def test_hours_read_back_the_way_they_were_said(text, expected):
    assert week(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no, el sábado es hasta las 2", "lunes a viernes 10:00–20:00; sábado 10:00–14:00"),
        ("el sábado abrimos a las 9", "lunes a viernes 10:00–20:00; sábado 09:00–20:00"),
        ("el sábado cerramos a las 9", "lunes a viernes 10:00–20:00; sábado 10:00–21:00"),
    ],
)
def test_moving_one_day_earlier_or_later(text, expected):
    current = week_from(hours_dict(read_hours("lunes a sábado de 10 a 8")))
    assert describe(load_hours(change_days(current, hours_dict(read_hours(text))))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("el facial cuesta 850 y son 2 cabinas", [("price", "facial"), ("spots", None)]),
        ("el corte cuesta 180 y dura 40 min", [("price", "corte"), ("duration", "corte")]),
        ("quita a Mario y a Lalo", [("remove", "Mario"), ("remove", "Lalo")]),
        (
            "quita el tinte y agrega keratina 3 hrs 1500",
            [("remove", "tinte"), ("add_service", None)],
        ),
        (
            "agrega a Pau 5512345678 y a Nancy 5523456789",
            [("add_staff", "Pau"), ("add_staff", "Nancy")],
        ),
        # one correction whose value has a "y" in it stays one
        ("agrega corte y barba 50 min 200", [("add_service", None)]),
        ("la dirección es Calle 60 x 45 y 47, Centro", [("address", None)]),
        ("el sábado cerramos a las 3 y el domingo no abrimos", [("hours", None)]),
        ("quita a Mario, ya no trabaja aquí", [("remove", "Mario")]),
    ],
)
def test_several_corrections_in_one_message(text, expected):
    assert [(edit.field, edit.target) for edit in read_edits(text)] == expected


def test_a_labelled_name_and_a_name_said_with_the_owner():
    assert read_setup("Nombre: Glam Nails Studio")["business_name"] == "Glam Nails Studio"
    both = read_setup("Estética Fabiola, y yo soy Fabiola Mendez")
    assert (both["business_name"], both["owner"]) == ("Estética Fabiola", "Fabiola Mendez")


@pytest.mark.parametrize("text", ["no tiene whats", "ella no usa celular", "no me lo sé"])
def test_a_person_without_whatsapp(text):
    assert has_no_phone(text)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        (
            "5512093847 Ricardo\n5538475610 Hugo",
            [("Ricardo", "5512093847"), ("Hugo", "5538475610")],
        ),
        (
            "Karla: 33 18 27 36 45\nTere: 33 29 38 47 56",
            [("Karla", "3318273645"), ("Tere", "3329384756")],
        ),
    ],
)
def test_phones_before_names_and_in_pairs_of_digits(text, people):
    assert read_staff(text).people == people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "abrimos a las 10 y cerramos a las 8, de martes a domingo",
            "martes a domingo 10:00–20:00",
        ),
        ("de lunes a sabado abrimos a las 9 y cerramos a las 7", "lunes a sábado 09:00–19:00"),
    ],
)
def test_opening_and_closing_said_in_words(text, expected):
    assert week(text) == expected


def test_a_correction_and_an_answer_in_one_message_come_apart():
    pieces = read_setup("no, trabajo sola y voy a domicilio", "staff")["pieces"]
    assert [p["edit"] and p["edit"].field for p in pieces] == [None, "home_visits"]
    assert pieces[0]["setup"]["staff"]["alone"]
    pieces = read_setup("no, el sábado es hasta las 2", "staff")["pieces"]
    assert pieces[0]["filler"] and pieces[1]["edit"].field == "hours"


def test_asking_whether_it_can_be_changed_later():
    assert split_asides("y si un día cierro temprano cómo le hago?") == (["later"], "")


@pytest.mark.parametrize(
    ("text", "field", "target", "value"),
    [
        ("cambia a Lalo por Eduardo", "rename", "Lalo", "Eduardo"),
        ("en lugar de Mario es Mariano", "rename", "Mario", "Mariano"),
        ("el nombre de la barba es Arreglo de barba", "rename", "barba", "Arreglo de barba"),
        ("cambia el corte por 180", "price", "corte", 180),
        ("sube el corte a 200", "price", "corte", 200),
        ("ya no vamos a hacer tinte", "remove", "tinte", None),
        ("Lalo 33 1234 5678", "phone", "Lalo", "3312345678"),
        ("soy Juan Pérez", "owner", None, "Juan Pérez"),
        ("el nombre está mal, es Barbería El Rey", "name", None, "Barbería El Rey"),
    ],
)
def test_corrections_in_yet_more_words(text, field, target, value):
    edit = read_edit(text)
    assert (edit.field, edit.target, edit.value) == (field, target, value)


def test_removing_a_day_closes_it():
    edit = read_edit("quita el sábado")
    assert (edit.field, edit.value["closed"]) == ("hours", [5])


@pytest.mark.parametrize("text", ["soy yo nomás", "soy la dueña"])
def test_what_is_not_a_name_does_not_rename_the_owner(text):
    edit = read_edit(text)
    assert edit is None or edit.field != "owner"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“Uñas Glam”", "Uñas Glam"),
        ("El Rey barbershop 💈", "El Rey barbershop"),
        ("jaja ok. Spa Lumina", "Spa Lumina"),
        ("Salón Perla (Beauty)", "Salón Perla (Beauty)"),
    ],
)
def test_business_names_without_quotes_emojis_or_laughs(text, name):
    assert read_setup(text, "business_name")["business_name"] == name


def test_a_name_said_with_what_the_business_does():
    assert read_setup("se llama Nails by Caro y es de uñas")["name"] == "Nails by Caro"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lu-Sa 10-8", "lunes a sábado 10:00–20:00"),
        ("lu mi vi 4 a 8", "lunes, miércoles y viernes 16:00–20:00"),
        ("L M X J V 9 a 7", "lunes a viernes 09:00–19:00"),
        # a whole day of two hours is not what anyone means
        ("lunes a domingo 8 a 10", "lunes a domingo 08:00–22:00"),
        ("de 8 a 11 y de 4 a 8", "lunes a domingo 08:00–11:00 y 16:00–20:00"),
        ("todos los días de 11 a 8 excepto martes", "todos los días menos el martes 11:00–20:00"),
    ],
)
def test_abbreviated_days_and_short_bare_ranges(text, expected):
    assert week(text) == expected


@pytest.mark.parametrize(
    ("text", "people", "total"),
    [
        (
            "1) Ana 5512345678 2) Rosa 5523456789",
            [("Ana", "5512345678"), ("Rosa", "5523456789")],
            None,
        ),
        ("tengo dos ayudantes, Pepe y Toño", [("Pepe", None), ("Toño", None)], 3),
        ("si, 2 personas", [], 3),
        ("044 55 1234 5678 Lupe", [("Lupe", "5512345678")], None),
    ],
)
def test_numbered_lists_counts_and_prefixes(text, people, total):
    reading = read_staff(text)
    assert (reading.people, reading.total) == (people, total)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("Me llamo Gerardo pero todos me dicen Gera", "Gerardo"),
        ("me llamo Rosa María", "Rosa María"),
    ],
)
def test_the_owner_name_without_what_follows(text, owner):
    assert read_setup(text, "owner_name")["owner"] == owner


@pytest.mark.parametrize(
    "text", ["yo voy a casa de mis clientas", "atiendo a domicilio", "voy a sus casas"]
)
def test_home_visits_in_words(text):
    assert read_setup(text, "type")["type"] == "a domicilio"


@pytest.mark.parametrize(
    "text",
    [
        "con eso",
        "ya estuvo",
        "ahorita son esos",
        "esos nada más",
        "por ahora es todo",
        "ya son todos los servicios",
        "ok es todo",
        "ya nomás",
    ],
)
def test_more_ways_to_end_a_list(text):
    assert is_done(text)


@pytest.mark.parametrize("text", ["yo nada más", "yo solito", "solo somos yo"])
def test_more_ways_to_say_nobody_else(text):
    assert works_alone(text)


@pytest.mark.parametrize(
    ("name", "kind"), [("Brow Bar Ags", "pestañas"), ("Ceja Perfecta", "pestañas")]
)
def test_the_type_in_a_business_name(name, kind):
    assert read_setup(name, "business_name")["type"] == kind
