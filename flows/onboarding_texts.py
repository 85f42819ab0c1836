"""What onboarding says, in one place."""

from __future__ import annotations

from domain import fmt
from domain.models import Organization
from flows.steps import numbered

WELCOME = (
    "¡Bienvenido a Yume! Te ayudo a dejar todo listo en unos minutos. ¿Cómo se llama tu negocio?"
)
NAME_PLEASE = "¿Cómo se llama tu negocio? Escribe solo el nombre."
OWNER_NAME = "¿Y tú cómo te llamas?"
HOURS = '¿Qué horario tienen? Por ejemplo: "lunes a viernes 10 a 8, sábado 10 a 3".'
HOURS_AGAIN = (
    'No entendí el horario. Escríbelo con días y horas, por ejemplo: "lunes a viernes 10 a 8, '
    'sábado 10 a 3" o "lun a sab de 9 a 7".'
)
STAFF = (
    "¿Trabaja alguien más contigo? Mándame nombre y WhatsApp (por ejemplo: Pedro 5512345678), "
    "o escribe *no*."
)
ADDRESS = "¿Cuál es la dirección del negocio? Si prefieres no ponerla, escribe *no*."
ONE_SERVICE_AT_LEAST = 'Necesito al menos un servicio, por ejemplo: "Corte 30 min $150".'
WHAT_TO_CHANGE = (
    'Dime qué cambiar, por ejemplo: "cambia el precio del corte a 180", "quita la barba", '
    '"agrega tinte 2 hrs 900", "el horario es lunes a sábado 9 a 7". Escribe *reiniciar* para '
    "empezar de nuevo."
)


def business_type(labels: list[str]) -> str:
    return f"¿Qué tipo de negocio es?\n{numbered(labels)}"


def services_first(owner: str) -> str:
    return (
        f"Mucho gusto, {owner.split()[0]}. ¿Qué servicios ofreces? Escríbelos con duración y "
        'precio, uno por mensaje o varios juntos, por ejemplo: "Corte 30 min $150". '
        "Escribe *listo* al terminar."
    )


def services_noted(services: list[dict]) -> str:
    items = [
        f"{s['name']} ({s['duration_min']} min, {fmt.price(s['price_pesos'] * 100)})"
        for s in services
    ]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" y {items[-1]}"
    return f"Anoté: {listed}. ¿Algo más? Escribe *listo* al terminar."


def service_missing(names: list[str]) -> str:
    listed = ", ".join(f"«{n}»" for n in names)
    return f'A {listed} le falta la duración o el precio. Escríbelo así: "{names[0]} 30 min $150".'


def staff_phone(name: str) -> str:
    return f"¿Cuál es el WhatsApp de {name}?"


def bad_phone(name: str) -> str:
    return f"El WhatsApp de {name} no parece un número válido. Escríbelo con 10 dígitos."


def staff_noted(names: list[str]) -> str:
    return f"Anoté a {' y '.join(names)}. ¿Alguien más? Escribe *no* si ya son todos."


def summary(slots: dict, hours_text: str) -> str:
    services = "\n".join(
        f"• {s['name']} — {s['duration_min']} min, {fmt.price(s['price_pesos'] * 100)}"
        for s in slots["services"]
    )
    team = [f"{slots['owner_name']} (tú)"] + [
        f"{p['name']} ({p['phone']})" for p in slots.get("staff", [])
    ]
    return (
        "Revisa que todo esté bien:\n"
        f"*{slots['business_name']}* ({slots['business_type']}), "
        f"a cargo de {slots['owner_name']}\n"
        f"Servicios:\n{services}\n"
        f"Horario: {hours_text}\n"
        f"Equipo: {', '.join(team)}\n"
        f"Lugares de trabajo: {_spots(slots, len(team))}\n"
        f"Dirección: {slots.get('address') or '—'}\n"
        "¿Todo correcto? Responde *sí* para crear tu negocio, o dime qué cambiar "
        '(por ejemplo: "cambia el precio del corte a 180").'
    )


def _spots(slots: dict, people: int) -> str:
    if slots.get("spots"):
        return f"{slots['spots']}"
    return f'una silla por persona ({people}); si son otros, dime por ejemplo "3 sillas"'


def welcome_aboard(org: Organization, platform_number: str, login_link: str | None) -> str:
    if org.whatsapp_number:
        where = (
            f"Tus clientes pueden escribir a {org.whatsapp_number}: "
            f"https://wa.me/{org.whatsapp_number.lstrip('+')}"
        )
    else:
        where = (
            f"Tus clientes pueden escribirnos a {platform_number} con tu código *{org.code}*. "
            f"Compárteles este enlace: https://wa.me/{platform_number.lstrip('+')}?text={org.code}"
        )
    panel = f"\nTu panel: {login_link} (el enlace vale 15 minutos)." if login_link else ""
    return (
        f"¡Listo! {org.name} ya está en Yume.\n{where}{panel}\n"
        "Desde aquí también puedes usar tus comandos; escribe *ayuda* para verlos."
    )
