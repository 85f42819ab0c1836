"""Phones, es-MX formatting, weekly hours and log masking."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from domain import fmt
from domain.hours import HoursError, describe, dump_hours, load_hours
from domain.logs import MaskPhones
from domain.phones import mask_phone, normalize_phone


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("whatsapp:+5215512345678", "+525512345678"),  # WhatsApp's form of a Mexican mobile
        ("+525512345678", "+525512345678"),
        ("55 1234 5678", "+525512345678"),
        ("+52 1 55 1234 5678", "+525512345678"),
        ("5215512345678", "+525512345678"),
        ("whatsapp:+14155550100", "+14155550100"),
        ("123", None),
        ("", None),
        ("hola", None),
        ("+52+55", None),
    ],
)
def test_phone_numbers_become_e164(raw, expected):
    assert normalize_phone(raw) == expected


def test_masked_phone_keeps_only_the_last_digits():
    assert mask_phone("+525512345678") == "+52******5678"


def test_dates_and_prices_read_as_in_mexico():
    moment = dt.datetime(2026, 12, 5, 23, 0, tzinfo=dt.UTC)  # 17:00 in Mexico City
    assert fmt.when(moment, "America/Mexico_City") == "sábado 5 de diciembre, 5:00 p.m."
    assert fmt.day(moment, "America/Mexico_City") == "sábado 5 de diciembre"
    assert fmt.clock_time(moment, "America/Tijuana") == "3:00 p.m."
    assert fmt.price(35000) == "$350"
    assert fmt.price(125050) == "$1,250.50"


def test_hours_round_trip_and_read_well():
    raw = {"0": [["10:00", "14:00"], ["16:00", "20:00"]], "5": [["10:00", "15:00"]]}
    hours = load_hours(raw)
    assert dump_hours(hours) == raw
    assert describe(hours) == "lunes 10:00–14:00 y 16:00–20:00; sábado 10:00–15:00"


@pytest.mark.parametrize(
    "raw, message",
    [
        ({"0": [["20:00", "10:00"]]}, "cierre debe ser después"),
        ({"1": [["10:00", "14:00"], ["13:00", "18:00"]]}, "se enciman"),
        ({"9": [["10:00", "14:00"]]}, "no es un día"),
        ({"2": [["10", "14:00"]]}, "no es una hora válida"),
    ],
)
def test_bad_hours_are_explained_in_spanish(raw, message):
    with pytest.raises(HoursError, match=message):
        load_hours(raw)


def test_logs_never_carry_a_whole_phone_number():
    record = logging.LogRecord(
        "t",
        logging.INFO,
        __file__,
        1,
        "message from %s to %s",
        ("whatsapp:+5215512345678", "+525550001000"),
        None,
    )
    MaskPhones().filter(record)
    line = record.getMessage()
    assert "12345678" not in line and "50001000" not in line
    assert "5678" in line
