"""What Yume's notifications say (es-MX), as plain text and as template variables.

Each function returns the body used inside WhatsApp's 24-hour window and the numbered
variables for the kind's approved template, used outside it. Template variables are single
lines (WhatsApp refuses line breaks in them); config.yaml lists each kind's variables.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import phonenumbers

from domain import fmt
from domain.models import Appointment, Organization, Staff

REMINDER_OPTIONS = "Responde 1 para confirmar, 2 para cambiarla o 3 para cancelarla."
OPT_OUT_HINT = "Si ya no quieres recibir estos mensajes, responde *baja*."
SUMMARY_LIMIT = 1400  # characters: a long agenda is cut and points to the dashboard


@dataclass(frozen=True)
class Text:
    body: str
    variables: dict[str, str]


def text(body: str, *values: str) -> Text:
    return Text(body, {str(i): single_line(v) for i, v in enumerate(values, start=1)})


def single_line(value: str) -> str:
    return re.sub(r"\s+", " ", str(value)).strip() or "-"


def first_name(name: str) -> str:
    return name.split()[0] if name.strip() else ""


def display_phone(phone: str | None) -> str:
    """+525530000001 -> "+52 55 3000 0001"."""
    if not phone:
        return "sin teléfono"
    try:
        number = phonenumbers.parse(phone)
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def customer_label(appointment: Appointment) -> str:
    """ "Mariana López (+52 55 3000 0001)"; "Valeria, de Mariana López (…)" for someone else."""
    customer = appointment.customer
    name = customer.name or "Cliente sin nombre"
    if appointment.attendee:
        name = f"{appointment.attendee}, de {name}"
    return f"{name} ({display_phone(customer.phone)})" if customer.phone else name


def what(appointment: Appointment) -> str:
    """ "Corte de dama con Sofía"."""
    return f"{appointment.service.name} con {appointment.staff.name}"


def by_whom(actor: str, org: Organization) -> str:
    """Who made a change, for the owner: "por el cliente", "por Sofía", "desde la API"."""
    kind, _, ident = actor.partition(":")
    if kind == "customer":
        return "por el cliente"
    if kind in ("staff", "dashboard") and ident.isdigit():
        member = Staff.get_or_none((Staff.id == int(ident)) & (Staff.org == org))
        if member is not None:
            return f"por {member.name}" + (" desde el panel" if kind == "dashboard" else "")
    if kind == "dashboard":
        return "desde el panel"
    if kind == "api":
        return "desde la API"
    return "por el sistema"


def reminder(appointment: Appointment, now: dt.datetime) -> Text:
    org, tz = appointment.org, appointment.org.timezone
    days = (fmt.local(appointment.start_at, tz).date() - fmt.local(now, tz).date()).days
    relative = {0: "de hoy ", 1: "de mañana "}.get(days, "")
    name = first_name(appointment.customer.name)
    greeting = f"Hola {name}" if name else "Hola"
    when = fmt.when(appointment.start_at, tz)
    body = (
        f"{greeting}, te recordamos tu cita {relative}en {org.name}:\n"
        f"{what(appointment)} — {when}\n{REMINDER_OPTIONS}"
    )
    return text(body, name or "hola", org.name, what(appointment), when)


def owner_new_booking(appointment: Appointment, actor: str) -> Text:
    org = appointment.org
    when = fmt.when(appointment.start_at, org.timezone)
    who = by_whom(actor, org)
    body = (
        f"Nueva cita #{appointment.number} ({who}):\n{what(appointment)} — {when}\n"
        f"Cliente: {customer_label(appointment)}"
    )
    return text(
        body, f"#{appointment.number}", what(appointment), when, customer_label(appointment)
    )


def owner_cancellation(appointment: Appointment, actor: str, reason: str) -> Text:
    org = appointment.org
    when = fmt.when(appointment.start_at, org.timezone)
    who = by_whom(actor, org)
    body = (
        f"Cita #{appointment.number} cancelada {who}:\n{what(appointment)} — {when}\n"
        f"Cliente: {customer_label(appointment)}"
    )
    if reason:
        body += f"\nMotivo: {reason}"
    return text(
        body, f"#{appointment.number}", who, what(appointment), when, customer_label(appointment)
    )


def owner_reschedule(appointment: Appointment, actor: str, previous: dt.datetime) -> Text:
    org = appointment.org
    before = fmt.when(previous, org.timezone)
    after = fmt.when(appointment.start_at, org.timezone)
    who = by_whom(actor, org)
    body = (
        f"Cita #{appointment.number} movida {who}:\n{what(appointment)}\n"
        f"Cliente: {customer_label(appointment)}\nAntes: {before}\nAhora: {after}"
    )
    return text(body, f"#{appointment.number}", who, customer_label(appointment), before, after)


def owner_handoff(name: str, phone: str) -> Text:
    person = f"{name} ({display_phone(phone)})" if name else display_phone(phone)
    body = (
        f"{person} pidió hablar con alguien del equipo. Escríbele o contesta desde el panel; "
        "el asistente no le responderá mientras tanto."
    )
    return text(body, person)


def customer_cancelled(appointment: Appointment, reason: str) -> Text:
    org = appointment.org
    name = first_name(appointment.customer.name)
    when = fmt.when(appointment.start_at, org.timezone)
    body = (
        f"Hola{' ' + name if name else ''}, {org.name} canceló tu cita de "
        f"{appointment.service.name} del {fmt.sentence(when)}"
    )
    if reason:
        body += f"\nMotivo: {reason}"
    body += "\nSi quieres agendar otra, escríbenos por aquí."
    return text(body, name or "hola", org.name, appointment.service.name, when)


def customer_moved(appointment: Appointment, previous: dt.datetime) -> Text:
    org = appointment.org
    name = first_name(appointment.customer.name)
    before = fmt.when(previous, org.timezone)
    after = fmt.when(appointment.start_at, org.timezone)
    body = (
        f"Hola{' ' + name if name else ''}, {org.name} cambió tu cita de {what(appointment)}:\n"
        f"Antes: {before}\nAhora: {after}\nSi no te queda, respóndenos por aquí y la ajustamos."
    )
    return text(body, name or "hola", org.name, what(appointment), after, before)


def thank_you(appointment: Appointment) -> Text:
    org = appointment.org
    name = first_name(appointment.customer.name)
    body = (
        f"¡Gracias por tu visita a {org.name}{', ' + name if name else ''}! Esperamos verte "
        f"pronto. Cuando quieras tu próxima cita, escríbenos por aquí.\n{OPT_OUT_HINT}"
    )
    return text(body, name or "hola", org.name)


def rebook_nudge(appointment: Appointment, weeks: int) -> Text:
    org = appointment.org
    name = first_name(appointment.customer.name)
    service = appointment.service.name
    body = (
        f"Hola{' ' + name if name else ''}, ya pasaron {weeks} semanas desde tu último "
        f"{service} en {org.name}. ¿Te agendamos tu próxima cita? Escribe *agendar* y te "
        f"mostramos los horarios libres.\n{OPT_OUT_HINT}"
    )
    return text(body, name or "hola", str(weeks), service, org.name)


def daily_summary(name: str, day: dt.date, lines: list[str], count: int) -> Text:
    """The day's agenda for one person; lines are already formatted (see summary_line)."""
    label = fmt.day(day)
    greeting = f"Buenos días{', ' + first_name(name) if first_name(name) else ''}."
    if count == 0 and not lines:
        body = f"{greeting} Hoy, {label}, no hay citas agendadas todavía."
    else:
        body = f"{greeting} Agenda de hoy, {label}:\n" + _cut("\n".join(lines))
        body += f"\nTotal: {_citas(count)}."
    return text(body, first_name(name) or "hola", label, _citas(count))


def summary_line(appointment: Appointment, tz: str, *, with_staff: bool) -> str:
    line = f"#{appointment.number} {fmt.hhmm(appointment.start_at, tz)} {appointment.service.name}"
    line += f" — {appointment.attendee or appointment.customer.name or 'sin nombre'}"
    return line + (f" ({appointment.staff.name})" if with_staff else "")


def block_line(span: str, who: str, reason: str) -> str:
    """ "🔒 15:00–16:00 Sofía (comida)"."""
    return f"🔒 {span} {who}" + (f" ({reason})" if reason else "")


def _citas(count: int) -> str:
    return "1 cita" if count == 1 else f"{count} citas"


def _cut(agenda: str) -> str:
    if len(agenda) <= SUMMARY_LIMIT:
        return agenda
    kept = agenda[:SUMMARY_LIMIT].rsplit("\n", 1)[0]
    hidden = agenda.count("\n") - kept.count("\n")
    return f"{kept}\n… y {hidden} más: ábrelas en el panel."
