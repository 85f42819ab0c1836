"""Jinja filters and globals: es-MX dates, prices and phones in the business's timezone."""

from __future__ import annotations

import datetime as dt

from flask import Flask, current_app

from domain import fmt
from domain.hours import WEEKDAYS
from domain.phones import display_phone, mask_phone, wa_me
from domain.platform import PLATFORM_TZ

STATUS = {
    "booked": "Agendada",
    "confirmed": "Confirmada",
    "completed": "Completada",
    "cancelled": "Cancelada",
    "no_show": "No asistió",
}
SOURCE = {
    "whatsapp": "WhatsApp",
    "walk_in": "Sin cita",
    "dashboard": "Panel",
    "api": "API",
}
NOTICE_STATUS = {
    "pending": "Pendiente",
    "sending": "Enviando",
    "sent": "Enviado",
    "delivered": "Entregado",
    "read": "Leído",
    "failed": "Falló",
    "cancelled": "Cancelado",
    "skipped": "Omitido",
}
NOTICE_KIND = {
    "reminder": "Recordatorio",
    "reminder_2h": "Segundo recordatorio",
    "owner_new_booking": "Aviso de nueva cita",
    "owner_cancellation": "Aviso de cancelación",
    "owner_reschedule": "Aviso de cambio",
    "owner_handoff": "Aviso de cliente que pide ayuda",
    "daily_summary": "Resumen diario",
    "customer_cancelled": "Cita cancelada por el negocio",
    "customer_moved": "Cita movida por el negocio",
    "thank_you": "Agradecimiento",
    "rebook_nudge": "Invitación a volver",
    "login_link": "Enlace de acceso",
    "agent_reply": "Respuesta de una persona",
    "staff_message": "Mensaje de alguien del equipo",
    "customer_reply": "Respuesta de un cliente reenviada",
}


def init_app(app: Flask) -> None:
    env = app.jinja_env
    env.filters.update(
        when=lambda moment, tz: fmt.when(moment, tz) if moment else "",
        day=lambda moment, tz=None: fmt.day(moment, tz),
        clock=lambda moment, tz: fmt.clock_time(moment, tz),
        price=fmt.price,
        mask=mask_phone,
        phone=display_phone,
        wa=wa_me,
        minutes_clock=fmt.clock_minutes,
        short_day=fmt.short_day,
        status=lambda s: STATUS.get(s, s),
        source=lambda s: SOURCE.get(s, s),
        notice_status=lambda s: NOTICE_STATUS.get(s, s),
        notice_kind=lambda s: NOTICE_KIND.get(s, s),
        weekday=lambda n: WEEKDAYS[int(n)],
        pesos=lambda cents: f"{cents // 100:,}" if cents % 100 == 0 else f"{cents / 100:,.2f}",
        tzinfo=fmt.zone,
    )
    env.globals.update(
        now=lambda: current_app.extensions["yume.clock"].now(),
        timedelta=dt.timedelta,
        platform_tz=PLATFORM_TZ,
    )
