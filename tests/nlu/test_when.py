"""Tests for the Spanish date/time parser in bot.nlu.when (fixed clocks, never the real one)."""

import datetime as dt
import io
import json

import pytest

from bot.nlu.when import When, main, parse_date_range, parse_time_range, parse_when, to_record

WED = dt.datetime(2025, 12, 3, 12, 0)  # Wednesday 3 December 2025, noon
FRI = dt.datetime(2025, 12, 26, 10, 0)  # a Friday near the year end
SAT_27_DEC = dt.datetime(2025, 12, 27, 10, 0)
NEW_YEARS_EVE = dt.datetime(2025, 12, 31, 18, 0)

D = dt.date
T = dt.time


def salon_10_to_20(day: dt.date) -> list[tuple[dt.time, dt.time]]:
    return [(T(10), T(20))]


def salon_9_to_14(day: dt.date) -> list[tuple[dt.time, dt.time]]:
    return [(T(9), T(14))]


def evening_salon(day: dt.date) -> list[tuple[dt.time, dt.time]]:
    return [(T(12), T(22))]


def early_barbershop(day: dt.date) -> list[tuple[dt.time, dt.time]]:
    return [(T(7), T(15))]


def closed(day: dt.date) -> list[tuple[dt.time, dt.time]]:
    return []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoy", D(2025, 12, 3)),
        ("mañana", D(2025, 12, 4)),
        ("pasado mañana", D(2025, 12, 5)),
        ("ayer", D(2025, 12, 2)),
        ("el viernes", D(2025, 12, 5)),
        ("viernes", D(2025, 12, 5)),
        ("el miércoles", D(2025, 12, 10)),  # said on a Wednesday: today would be "hoy"
        ("el próximo martes", D(2025, 12, 9)),
        ("el martes que viene", D(2025, 12, 9)),
        ("el próximo viernes", D(2025, 12, 12)),
        ("este sábado", D(2025, 12, 6)),
        ("el sáb.", D(2025, 12, 6)),
        ("el lunes de la semana que viene", D(2025, 12, 8)),
        ("la próxima semana", D(2025, 12, 8)),
        ("la semana que viene", D(2025, 12, 8)),
        ("el lunes pasado", D(2025, 11, 24)),
        ("este lunes pasado", D(2025, 12, 1)),
        ("este fin de semana", D(2025, 12, 6)),
        ("15 de diciembre", D(2025, 12, 15)),
        ("15 dic", D(2025, 12, 15)),
        ("15/12", D(2025, 12, 15)),
        ("15-12", D(2025, 12, 15)),
        ("15/12/2026", D(2026, 12, 15)),
        ("15/12/26", D(2026, 12, 15)),
        ("diciembre 20", D(2025, 12, 20)),
        ("20/dic", D(2025, 12, 20)),
        ("el 15", D(2025, 12, 15)),
        ("el día 20", D(2025, 12, 20)),
        ("el 2", D(2026, 1, 2)),
        ("el 1ro de diciembre", D(2026, 12, 1)),
        ("el veintidós de febrero", D(2026, 2, 22)),
        ("el primer sábado de enero", D(2026, 1, 3)),
        ("el sábado 13", D(2025, 12, 13)),
        ("el martes 9", D(2025, 12, 9)),
        ("el lunes 5", D(2026, 1, 5)),
        ("dentro de 3 días", D(2025, 12, 6)),
        ("en una semana", D(2025, 12, 10)),
        ("en 15 días", D(2025, 12, 18)),
        ("en dos meses", D(2026, 2, 3)),
        ("navidad", D(2025, 12, 25)),
        ("el día de reyes", D(2026, 1, 6)),
        ("el 14 de febrero de 2026", D(2026, 2, 14)),
        ("2026-03-01", D(2026, 3, 1)),
    ],
)
def test_dates_resolve_to_the_next_occurrence(text, expected):
    assert parse_when(text, WED).date == expected


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (SAT_27_DEC, "el 3 de enero", D(2026, 1, 3)),
        (SAT_27_DEC, "3/1", D(2026, 1, 3)),
        (SAT_27_DEC, "el 2", D(2026, 1, 2)),
        (SAT_27_DEC, "el lunes", D(2025, 12, 29)),
        (SAT_27_DEC, "en una semana", D(2026, 1, 3)),
        (SAT_27_DEC, "el 27", D(2025, 12, 27)),
        (SAT_27_DEC, "año nuevo", D(2026, 1, 1)),
        (SAT_27_DEC, "navidad", D(2026, 12, 25)),
        (NEW_YEARS_EVE, "mañana", D(2026, 1, 1)),
        (NEW_YEARS_EVE, "pasado mañana", D(2026, 1, 2)),
        (NEW_YEARS_EVE, "el 31", D(2025, 12, 31)),
        (NEW_YEARS_EVE, "el 1", D(2026, 1, 1)),
    ],
)
def test_dates_around_the_year_end_roll_into_next_year(now, text, expected):
    assert parse_when(text, now).date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("el próximo viernes", D(2026, 1, 2)),
        ("el viernes que viene", D(2026, 1, 2)),
        ("el viernes siguiente", D(2026, 1, 2)),
        ("el viernes", D(2026, 1, 2)),  # today would be "hoy"
        ("este viernes", D(2025, 12, 26)),
        ("el viernes pasado", D(2025, 12, 19)),
    ],
)
def test_next_friday_said_on_a_friday_is_a_week_later(text, expected):
    assert parse_when(text, FRI).date == expected


def test_este_keeps_this_year_and_proximo_moves_to_the_next():
    assert parse_when("este 15/06", WED).date == D(2025, 6, 15)
    assert parse_when("el próximo 3/12", WED).date == D(2026, 12, 3)
    assert parse_when("3/12", WED).date == D(2025, 12, 3)


@pytest.mark.parametrize("text", ["30 de febrero", "30/2", "29/2/2025", "31 de abril"])
def test_impossible_dates_resolve_to_nothing(text):
    assert parse_when(text, WED).date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a las 5", T(17)),
        ("a las 10", T(10)),
        ("a las 12", T(12)),
        ("a la una", T(13)),
        ("5pm", T(17)),
        ("5 p.m.", T(17)),
        ("5 PM", T(17)),
        ("10am", T(10)),
        ("10:30 a.m.", T(10, 30)),
        ("5:30", T(17, 30)),
        ("17:30", T(17, 30)),
        ("a las 18", T(18)),
        ("18 hrs", T(18)),
        ("a las 19 horas", T(19)),
        ("14h", T(14)),
        ("5 de la tarde", T(17)),
        ("a las 8 de la noche", T(20)),
        ("a las 12 de la noche", T(0)),
        ("11 de la mañana", T(11)),
        ("a las 3 de la mañana", T(3)),
        ("3 y media", T(15, 30)),
        ("3 y cuarto", T(15, 15)),
        ("a las 10 y 45", T(10, 45)),
        ("cuarto para las 4", T(15, 45)),
        ("diez para las 5", T(16, 50)),
        ("las 8 menos cuarto de la mañana", T(7, 45)),
        ("mediodía", T(12)),
        ("al mediodía", T(12)),
        ("medianoche", T(0)),
        ("una y treinta", T(13, 30)),
        ("a las 9 30", T(9, 30)),
        ("a las 4.30", T(16, 30)),
        ("como a las 4", T(16)),
        ("tipo 5", T(17)),
        ("a eso de las 6 de la tarde", T(18)),
        ("a las 5 en punto", T(17)),
        ("por la tarde a las siete", T(19)),
    ],
)
def test_times_are_read_in_many_spanish_forms(text, expected):
    assert parse_when(text, WED).time == expected


@pytest.mark.parametrize(
    ("text", "ambiguous"),
    [
        ("a las 5", True),
        ("5:30", True),
        ("a las 10", True),
        ("a las 5 de la tarde", False),
        ("5pm", False),
        ("17:30", False),
        ("a las 12", False),
        ("en la tarde a las 4", False),
    ],
)
def test_hour_is_ambiguous_only_without_any_marker(text, ambiguous):
    assert parse_when(text, WED).hour_is_ambiguous is ambiguous


@pytest.mark.parametrize(
    ("hours_for", "text", "expected"),
    [
        (salon_10_to_20, "a las 5", T(17)),
        (salon_10_to_20, "a las 10", T(10)),
        (salon_10_to_20, "a las 12", T(12)),
        (salon_10_to_20, "a las 11:30", T(11, 30)),
        (salon_10_to_20, "a las 7", T(19)),
        (salon_9_to_14, "a las 9", T(9)),
        (salon_9_to_14, "a las 1", T(13)),
        (salon_9_to_14, "a las 12:30", T(12, 30)),
        (salon_9_to_14, "a las 11", T(11)),
        (evening_salon, "a las 9", T(21)),
        (evening_salon, "a las 8:30", T(20, 30)),
        (early_barbershop, "a las 7", T(7)),
        (early_barbershop, "a las 2", T(14)),
        (closed, "a las 5", T(17)),
        (closed, "a las 9", T(9)),
    ],
)
def test_bare_hours_are_read_inside_business_hours(hours_for, text, expected):
    assert parse_when(text, WED, hours_for=hours_for).time == expected


def test_business_hours_are_asked_for_the_date_the_text_names():
    def hours(day: dt.date) -> list[tuple[dt.time, dt.time]]:
        return [(T(9), T(14))] if day.weekday() == 5 else [(T(12), T(22))]

    assert parse_when("el sábado a las 9", WED, hours_for=hours).time == T(9)
    assert parse_when("el lunes a las 9", WED, hours_for=hours).time == T(21)


def test_an_explicit_marker_wins_over_business_hours():
    assert parse_when("a las 9 de la mañana", WED, hours_for=evening_salon).time == T(9)


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("mañana a las 5", D(2025, 12, 4), T(17)),
        ("hola, quiero un corte de dama mañana a las 5 con Sofía", D(2025, 12, 4), T(17)),
        ("el viernes a las 10:30", D(2025, 12, 5), T(10, 30)),
        ("el 24 de diciembre a las 10am", D(2025, 12, 24), T(10)),
        ("jueves 11 a las 11", D(2025, 12, 11), T(11)),
        ("hoy 4:30", D(2025, 12, 3), T(16, 30)),
        ("mover 41 mañana 5pm", D(2025, 12, 4), T(17)),
        ("el lunes 8 a las 4", D(2025, 12, 8), T(16)),
        ("anoche a las 8", D(2025, 12, 2), T(20)),
        ("a las diez esta noche", D(2025, 12, 3), T(22)),
        ("en 2 horas", D(2025, 12, 3), T(14)),
        ("en media hora", D(2025, 12, 3), T(12, 30)),
        ("ahorita", D(2025, 12, 3), T(12)),
    ],
)
def test_dates_and_times_combine(text, date, time):
    when = parse_when(text, WED)
    assert (when.date, when.time) == (date, time)


@pytest.mark.parametrize(
    ("text", "date", "part_of_day"),
    [
        ("en la tarde", None, (T(12), T(19))),
        ("el sábado en la mañana", D(2025, 12, 6), (T(6), T(12))),
        ("mañana en la mañana", D(2025, 12, 4), (T(6), T(12))),
        ("mañana por la tarde", D(2025, 12, 4), (T(12), T(19))),
        ("hoy en la noche", D(2025, 12, 3), (T(19), T(23, 59))),
        ("esta noche", D(2025, 12, 3), (T(19), T(23, 59))),
        ("mañana temprano", D(2025, 12, 4), (T(6), T(11))),
        ("en la mañanita", None, (T(6), T(12))),
        ("después de las 5", None, (T(17), T(23, 59))),
        ("antes de las 12", None, (T(0), T(12))),
        ("el jueves después de las 6", D(2025, 12, 4), (T(18), T(23, 59))),
        ("entre 3 y 5", None, (T(15), T(17))),
        ("mañana de 3 a 5", D(2025, 12, 4), (T(15), T(17))),
        ("el viernes entre las 4 y las 6 de la tarde", D(2025, 12, 5), (T(16), T(18))),
    ],
)
def test_parts_of_the_day_and_windows_are_ranges_without_a_time(text, date, part_of_day):
    when = parse_when(text, WED)
    assert (when.date, when.time, when.part_of_day) == (date, None, part_of_day)


def test_mañana_alone_is_tomorrow_not_the_morning():
    when = parse_when("mañana", WED)
    assert (when.date, when.part_of_day) == (D(2025, 12, 4), None)


@pytest.mark.parametrize(
    "text",
    [
        "corte para 2 personas",
        "opción 2",
        "la 2",
        "$350",
        "precio $1,200.00",
        "mi cel es 5512345678",
        "tel 55 1234 5678",
        "#41",
        "cancelar 41",
        "quiero 3 cortes",
        "somos 4",
        "el tinte dura 2 horas",
        "5",
        "2 cortes de caballero",
        "Hola buenas tardes",
        "buenas noches",
        "",
    ],
)
def test_numbers_that_are_not_times_are_ignored(text):
    when = parse_when(text, WED)
    assert when == When()
    assert not when.found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5", T(17)), ("10", T(10)), ("12", T(12)), ("cinco y media", T(17, 30)), ("5 porfa", T(17))],
)
def test_a_lone_number_is_an_hour_only_when_the_flow_asked_for_one(text, expected):
    assert parse_when(text, WED, bare_number_is_hour=True).time == expected


def test_a_lone_number_of_people_is_not_an_hour_even_when_asked():
    assert parse_when("2 personas", WED, bare_number_is_hour=True).time is None


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("no, mejor a las 6", None, T(18)),
        ("mañana a las 5, no, mejor a las 6", D(2025, 12, 4), T(18)),
        ("no puedo el viernes, mejor el sábado", D(2025, 12, 6), None),
        ("mañana no, el jueves", D(2025, 12, 4), None),
        ("el viernes a las 4, perdón, a las 5", D(2025, 12, 5), T(17)),
    ],
)
def test_corrections_prefer_what_comes_after_them(text, date, time):
    when = parse_when(text, WED)
    assert (when.date, when.time) == (date, time)


def test_span_points_at_the_expression_in_the_original_text():
    text = "hola, quiero un corte de dama mañana a las cinco con Sofía"
    when = parse_when(text, WED)
    assert text[when.span[0] : when.span[1]] == "mañana a las cinco"
    assert [text[a:b] for a, b in when.parts] == ["mañana", "a las cinco"]


def test_parts_let_name_matching_skip_only_the_date_and_time():
    text = "mañana con Sofía a las 5"
    when = parse_when(text, WED)
    assert [text[a:b] for a, b in when.parts] == ["mañana", "a las 5"]
    assert when.blank_out(text) == "       con Sofía        "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bloquear mañana 3 a 5pm doctor", (D(2025, 12, 4), T(15), T(17))),
        ("de 2 a 3", (None, T(14), T(15))),
        ("14:00-15:30", (None, T(14), T(15, 30))),
        ("de 10 a 12:30", (None, T(10), T(12, 30))),
        ("11 a 1pm", (None, T(11), T(13))),
        ("bloquear de 3 a 5 de la tarde comida", (None, T(15), T(17))),
        ("bloquear hoy de 9 a 11am", (D(2025, 12, 3), T(9), T(11))),
        ("de 8 a 9", (None, T(8), T(9))),
        ("10am a 2", (None, T(10), T(14))),
        ("bloquear el viernes 10:00 - 11:30", (D(2025, 12, 5), T(10), T(11, 30))),
        ("de las 4 a las 6", (None, T(16), T(18))),
        ("entre 3 y 5", (None, T(15), T(17))),
    ],
)
def test_time_ranges_carry_the_second_marker_to_the_first(text, expected):
    assert parse_time_range(text, WED) == expected


@pytest.mark.parametrize(
    "text", ["bloquear 5pm a 3pm", "de 6 a 4", "bloquear mañana", "hola", "a las 3 y 15"]
)
def test_time_ranges_are_none_when_there_is_no_valid_range(text):
    assert parse_time_range(text, WED) is None


def test_time_ranges_use_business_hours_for_an_unmarked_start():
    assert parse_time_range("de 9 a 11", WED, hours_for=evening_salon) == (None, T(21), T(23))


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (WED, "cerrar 24 dic", (D(2025, 12, 24), D(2025, 12, 24))),
        (WED, "cerrar del 24 al 26 de diciembre", (D(2025, 12, 24), D(2025, 12, 26))),
        (WED, "24/12 al 2/1", (D(2025, 12, 24), D(2026, 1, 2))),
        (WED, "cerrar del 30 de diciembre al 2 de enero", (D(2025, 12, 30), D(2026, 1, 2))),
        (WED, "cerrar mañana", (D(2025, 12, 4), D(2025, 12, 4))),
        (WED, "cerrar del lunes al miércoles", (D(2025, 12, 8), D(2025, 12, 10))),
        (SAT_27_DEC, "cerrar del 2 al 6 de enero", (D(2026, 1, 2), D(2026, 1, 6))),
    ],
)
def test_date_ranges_for_closing_the_business(now, text, expected):
    assert parse_date_range(text, now) == expected


@pytest.mark.parametrize("text", ["cerrar", "hola", "", "cerrar 30 de febrero"])
def test_date_ranges_are_none_without_a_date(text):
    assert parse_date_range(text, WED) is None


@pytest.mark.parametrize(
    "junk",
    [
        "".join(chr(32 + (i * 7919) % 95) for i in range(5000)),
        "1:" * 2500,
        "a las " * 833,
        "1/" * 2500,
        "de 1 a " * 714,
        "lunes " * 833,
        "12 de " * 833,
        ("mañana a las 5 con Sofía 😀 $350 #41 5512345678 " * 120)[:5000],
    ],
)
def test_five_thousand_characters_of_junk_return(junk):
    assert isinstance(parse_when(junk, WED, bare_number_is_hour=True), When)
    parse_time_range(junk, WED)
    parse_date_range(junk, WED)


def test_command_line_prints_one_json_object_per_line(monkeypatch, capsys):
    lines = "mañana a las 5\nel viernes en la tarde\nhola\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["--now", "2020-05-30T12:00:00"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records == [
        {"date": "2020-05-31", "time": "17:00"},
        {"date": "2020-06-05", "time": None},
        {"date": None, "time": None},
    ]


# --- as people type on WhatsApp -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("mñn a las 5", D(2025, 12, 4), T(17)),
        ("mna a las 5", D(2025, 12, 4), T(17)),
        ("pasado mñn a las 11", D(2025, 12, 5), T(11)),
        ("el sabdo a las 12", D(2025, 12, 6), T(12)),
        ("el jeuves a las 12", D(2025, 12, 4), T(12)),
        ("el vierne a las 4", D(2025, 12, 5), T(16)),
        ("el miercoles q viene a las 10", D(2025, 12, 10), T(10)),
        ("pa mañana a las 10", D(2025, 12, 4), T(10)),
    ],
)
def test_chat_shorthand_and_misspelled_days_are_read(text, date, time):
    when = parse_when(text, WED, hours_for=salon_10_to_20)
    assert (when.date, when.time) == (date, time)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("el sab x la mañana", (T(6), T(12))),
        ("mañana en la tade", (T(12), T(19))),
        ("el jueves en la tard", (T(12), T(19))),
    ],
)
def test_shorthand_parts_of_the_day_are_ranges(text, part):
    assert parse_when(text, WED).part_of_day == part


@pytest.mark.parametrize("text", ["viene el viernes", "la manzana", "tengo coche", "pagado"])
def test_real_words_near_date_words_stay_as_they_are(text):
    assert parse_when("mañana " + text, WED).date == D(2025, 12, 4)


def test_a_weekday_and_day_before_a_part_of_the_day_is_that_date_not_an_hour():
    when = parse_when("el viernes 5 en la tarde", WED, hours_for=salon_10_to_20)
    assert (when.date, when.time, when.part_of_day) == (D(2025, 12, 5), None, (T(12), T(19)))


def test_a_weekday_that_disagrees_with_its_day_lists_both_readings():
    assert parse_when("el viernes 11", WED).alternatives == (D(2025, 12, 11), D(2025, 12, 12))
    assert parse_when("el jueves 11", WED).alternatives == ()


def test_next_saturday_said_midweek_could_be_this_one_or_the_next():
    when = parse_when("el próximo sábado", WED)
    assert when.date == D(2025, 12, 13)  # the convention stays
    assert when.alternatives == (D(2025, 12, 6), D(2025, 12, 13))
    assert parse_when("el sábado de la próxima semana", WED).alternatives == ()
    assert parse_when("el próximo lunes", WED).alternatives == ()  # this week's has passed


@pytest.mark.parametrize(
    ("text", "shift", "direction"),
    [
        ("más tarde", None, 1),
        ("mas temprano", None, -1),
        ("una hora más tarde", 60, 1),
        ("media hora más temprano", 30, -1),
        ("se puede recorrer mi cita una hora?", 60, 1),
        ("adelantarla 15 minutos", 15, -1),
        ("puedo llegar media hora más tarde?", 30, 1),
    ],
)
def test_later_and_earlier_are_relative_to_what_was_proposed(text, shift, direction):
    when = parse_when(text, WED)
    assert (when.shift, when.direction) == (shift, direction)
    assert (when.date, when.part_of_day) == (None, None)  # not today, not "la tarde"


def test_earlier_with_an_hour_keeps_the_hour_in_business_hours():
    when = parse_when("más temprano, a las 3", WED, hours_for=salon_10_to_20)
    assert (when.time, when.direction) == (T(15), -1)


def test_a_day_ruled_out_is_not_read():
    assert parse_when("era para el jueves no para el viernes", WED).date == D(2025, 12, 4)
    assert parse_when("no a las 5, a las 6", WED, hours_for=salon_10_to_20).time == T(18)


def test_a_moment_is_not_an_hour_even_when_one_is_asked_for():
    assert parse_when("un momento", WED, bare_number_is_hour=True).time is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("el día de la Tierra", D(2026, 4, 22)),
        ("San Patricio", D(2026, 3, 17)),
        ("el domingo de pascua de 2026", D(2026, 4, 5)),
        ("semana santa 2027", D(2027, 3, 28)),
        ("el día del niño", D(2026, 4, 30)),
        ("acción de gracias", D(2026, 11, 26)),
        ("el viernes negro", D(2026, 11, 27)),
        ("el día de la revolución", D(2026, 11, 20)),
        ("halloween", D(2026, 10, 31)),
    ],
)
def test_more_named_days_resolve_to_their_next_date(text, expected):
    assert parse_when(text, WED).date == expected


def test_the_end_of_a_day_is_a_late_range_and_its_last_second_as_a_moment():
    when = parse_when("al final de mañana", WED)
    assert (when.date, when.time, when.part_of_day) == (D(2025, 12, 4), None, (T(17), T(23, 59)))
    assert to_record(when, seconds=True) == {"date": "2025-12-04", "time": "23:59:59"}
