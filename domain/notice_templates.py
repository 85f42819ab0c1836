"""Every kind of message the outbox sends, and the WhatsApp template each needs.

Outside WhatsApp's 24-hour window a business may only send templates that Meta approved. This
is the one list an operator registers from (`flask --app web templates` prints it): for each
template its category, language, body with `{{n}}` variables, buttons and an example, with
the variables numbered exactly as domain/notice_texts.py fills them. `twilio.templates` in
config.yaml maps each template name to its Content SID.

A notification that failed only for want of a template is sent after all once its template is
configured (`retry_without_template`), while it is still of use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from domain.models import Notification

LANGUAGE = "es_MX"
NO_TEMPLATE = "fuera de la ventana de 24 horas de WhatsApp y sin plantilla aprobada para"

# Every kind the outbox accepts: who receives it. Kinds in WINDOW_ONLY are never sent outside
# the window (a person's free-form reply has no template), so they need none.
KINDS = {
    "reminder": "cliente, antes de su cita",
    "reminder_2h": "cliente, unas horas antes de su cita",
    "owner_new_booking": "dueños, cuando se agenda una cita",
    "owner_cancellation": "dueños, cuando se cancela una cita",
    "owner_reschedule": "dueños, cuando se mueve una cita",
    "owner_handoff": "dueños, cuando un cliente pide hablar con alguien",
    "daily_summary": "dueños (y equipo, si se activa), cada mañana",
    "customer_cancelled": "cliente, cuando el negocio cancela su cita",
    "customer_moved": "cliente, cuando el negocio mueve su cita",
    "thank_you": "cliente, después de su visita (opcional)",
    "rebook_nudge": "cliente, semanas después de su visita (opcional)",
    "login_link": "equipo u operador que pidió entrar al panel",
    "staff_invitation": "un teléfono que alguien agregó al equipo",
    "agent_reply": "cliente, una respuesta escrita por una persona en el panel",
    "location": "cliente que preguntó dónde está el negocio: el pin del mapa",
    "staff_message": "cliente, un mensaje de alguien del equipo, firmado con su nombre",
    "customer_reply": "alguien del equipo, lo que contestó el cliente al que le escribió",
}
WINDOW_ONLY = frozenset({"agent_reply", "location"})


@dataclass(frozen=True)
class Template:
    kind: str  # the notification kind it carries
    category: str  # utility | authentication | marketing
    body: str
    variables: tuple[str, ...]  # what {{1}}, {{2}}… hold
    example: tuple[str, ...]
    buttons: tuple[str, ...] = ()
    note: str = ""
    useful_for: dt.timedelta = field(default=dt.timedelta(days=2))

    def sample(self) -> str:
        text = self.body
        for number, value in enumerate(self.example, start=1):
            text = text.replace("{{" + str(number) + "}}", value)
        return text


OPTIONS = "Responde 1 para confirmar, 2 para cambiarla o 3 para cancelarla."
OPT_OUT = "Si ya no quieres recibir estos mensajes, responde *baja*."
WHEN = "jueves 4 de diciembre, 5:00 p.m."
CUSTOMER = "Mariana López (+52 55 3000 0001)"

TEMPLATES = {
    "reminder": Template(
        "reminder",
        "utility",
        "Hola {{1}}, te recordamos tu cita en {{2}}: {{3}} — {{4}}. " + OPTIONS,
        ("nombre del cliente", "negocio", "servicio con quién", "fecha y hora"),
        ("Mariana", "Estética Luna", "Corte de dama con Sofía", WHEN),
    ),
    "reminder_2h": Template(
        "reminder_2h",
        "utility",
        "Hola {{1}}, tu cita en {{2}} es en unas horas: {{3}} — {{4}}. " + OPTIONS,
        ("nombre del cliente", "negocio", "servicio con quién", "fecha y hora"),
        ("Mariana", "Estética Luna", "Corte de dama con Sofía", WHEN),
    ),
    "owner_new_booking": Template(
        "owner_new_booking",
        "utility",
        "Nueva cita {{1}}: {{2}} — {{3}}. Cliente: {{4}}.",
        ("número de cita", "servicio con quién", "fecha y hora", "cliente"),
        ("#41", "Corte de dama con Sofía", WHEN, CUSTOMER),
    ),
    "owner_cancellation": Template(
        "owner_cancellation",
        "utility",
        "Cita {{1}} cancelada {{2}}: {{3}} — {{4}}. Cliente: {{5}}.",
        ("número de cita", "quién canceló", "servicio con quién", "fecha y hora", "cliente"),
        ("#41", "por el cliente", "Corte de dama con Sofía", WHEN, CUSTOMER),
    ),
    "owner_reschedule": Template(
        "owner_reschedule",
        "utility",
        "Cita {{1}} movida {{2}}. Cliente: {{3}}. Antes: {{4}}. Ahora: {{5}}.",
        ("número de cita", "quién la movió", "cliente", "antes", "ahora"),
        ("#41", "por el cliente", CUSTOMER, WHEN, "viernes 5 de diciembre, 11:00 a.m."),
    ),
    "owner_handoff": Template(
        "owner_handoff",
        "utility",
        "{{1}} pidió hablar con alguien del equipo. Escríbele o contesta desde el panel; "
        "el asistente no le responderá mientras tanto.",
        ("cliente y teléfono",),
        (CUSTOMER,),
    ),
    "daily_summary": Template(
        "daily_summary",
        "utility",
        "Buenos días, {{1}}. Agenda de hoy, {{2}}: {{3}}. Escribe *agenda* para verla.",
        ("nombre", "día", "cuántas citas"),
        ("Ana", "miércoles 3 de diciembre", "3 citas"),
        useful_for=dt.timedelta(hours=12),
    ),
    "customer_cancelled": Template(
        "customer_cancelled",
        "utility",
        "Hola {{1}}, {{2}} canceló tu cita de {{3}} del {{4}}. "
        "Si quieres agendar otra, escríbenos por aquí.",
        ("nombre del cliente", "negocio", "servicio", "fecha y hora"),
        ("Mariana", "Estética Luna", "Corte de dama", WHEN),
    ),
    "customer_moved": Template(
        "customer_moved",
        "utility",
        "Hola {{1}}, {{2}} cambió tu cita de {{3}}. Ahora: {{4}}. Antes: {{5}}. "
        "Si no te queda, respóndenos por aquí y la ajustamos.",
        ("nombre del cliente", "negocio", "servicio con quién", "ahora", "antes"),
        ("Mariana", "Estética Luna", "Corte de dama con Sofía", WHEN, "miércoles 3, 4:00 p.m."),
    ),
    "thank_you": Template(
        "thank_you",
        "marketing",
        "¡Gracias por tu visita a {{2}}, {{1}}! Esperamos verte pronto. Cuando quieras tu "
        "próxima cita, escríbenos por aquí. " + OPT_OUT,
        ("nombre del cliente", "negocio"),
        ("Mariana", "Estética Luna"),
        useful_for=dt.timedelta(days=3),
    ),
    "rebook_nudge": Template(
        "rebook_nudge",
        "marketing",
        "Hola {{1}}, ya pasaron {{2}} semanas desde tu último {{3}} en {{4}}. ¿Te agendamos "
        "tu próxima cita? Escribe *agendar* y te mostramos los horarios libres. " + OPT_OUT,
        ("nombre del cliente", "semanas", "servicio", "negocio"),
        ("Mariana", "6", "Corte de dama", "Estética Luna"),
        useful_for=dt.timedelta(days=7),
    ),
    "login_code": Template(
        "login_link",
        "authentication",
        "{{1}} es tu código de verificación. Por tu seguridad, no lo compartas.",
        ("código de 6 dígitos",),
        ("482913",),
        buttons=("copiar código (COPY_CODE)",),
        note="Meta fija el texto de las plantillas de autenticación; activa la recomendación "
        "de seguridad y la caducidad de 10 minutos. Se usa con app.login_outside_window: code.",
        useful_for=dt.timedelta(minutes=10),
    ),
    "login_link": Template(
        "login_link",
        "utility",
        "Tu enlace para entrar a {{1}}. Vale 15 minutos y sirve una sola vez. "
        "Si no lo pediste, ignora este mensaje.",
        ("a dónde entra (el panel de tu negocio)", "token del enlace (sufijo del botón)"),
        ("el panel de Estética Luna", "Jx3…"),
        buttons=("URL «Entrar»: {base}/login/{{2}}",),
        note="Se usa con app.login_outside_window: link.",
        useful_for=dt.timedelta(minutes=10),
    ),
    "staff_invitation": Template(
        "staff_invitation",
        "utility",
        "{{1}} te agregó al equipo de {{2}} en Yume. Responde *sí* para aceptar o *no* para "
        "rechazar la invitación.",
        ("quién invita", "negocio"),
        ("Ana", "Estética Luna"),
        buttons=("respuesta rápida «Sí»", "respuesta rápida «No»"),
        useful_for=dt.timedelta(days=7),
    ),
    "staff_message": Template(
        "staff_message",
        "utility",
        "{{1}} de {{2}} te escribe: {{3}}",
        ("quien escribe (nombre)", "negocio", "el mensaje"),
        ("Sofía", "Estética Luna", "llego 10 minutos tarde, ¿te esperas?"),
        useful_for=dt.timedelta(hours=12),
    ),
    "customer_reply": Template(
        "customer_reply",
        "utility",
        "{{1}} te contestó: {{2}}",
        ("cliente", "lo que contestó"),
        ("Mariana López", "sí, no hay problema"),
        useful_for=dt.timedelta(hours=12),
    ),
}


def needing_templates() -> set[str]:
    """The kinds that may go outside the 24-hour window."""
    return set(KINDS) - WINDOW_ONLY


def templates_for(kind: str) -> list[str]:
    return [name for name, template in TEMPLATES.items() if template.kind == kind]


def missing(name: str) -> str:
    """The failure reason of a notification that had no template to go in."""
    return f"{NO_TEMPLATE} «{name}» (twilio.templates en config.yaml)"


def unconfigured(configured: dict[str, str], login_by: str) -> list[str]:
    """Templates Yume needs that config.yaml does not name (of the two login ones, the one
    app.login_outside_window uses)."""
    unused = "login_link" if login_by == "code" else "login_code"
    return [name for name in TEMPLATES if name != unused and not configured.get(name)]


def retry_without_template(configured: dict[str, str], now: dt.datetime) -> int:
    """Send again the notifications that failed only because their template was missing,
    now that it is configured, while they are still of use; return how many."""
    again = 0
    for name, template in TEMPLATES.items():
        if not configured.get(name):
            continue
        again += (
            Notification.update(
                status="pending",
                attempts=0,
                next_attempt_at=now,
                locked_until=None,
                last_error="",
                updated_at=now,
            )
            .where(
                Notification.status == "failed",
                Notification.kind == template.kind,
                Notification.last_error.startswith(NO_TEMPLATE),
                Notification.created_at > now - template.useful_for,
            )
            .execute()
        )
    return again
