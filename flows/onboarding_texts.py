"""What onboarding says, in one place."""

from __future__ import annotations

from domain import fmt
from domain.hours import days_label, describe, load_hours
from domain.models import Organization
from flows.steps import numbered

TYPES = (
    ("Barbería", "barbería"),
    ("Salón o estética", "salón"),
    ("Uñas", "uñas"),
    ("Spa", "spa"),
    ("Pestañas y cejas", "pestañas"),
    ("Maquillaje", "maquillaje"),
    ("A domicilio (vas a casa de tus clientes)", "a domicilio"),
    ("Otro (dime cuál)", "otro"),
)
SPOT_WORDS = {"chair": ("silla", "sillas"), "table": ("mesa", "mesas")}
SPOT_WORDS |= {"room": ("cabina", "cabinas"), "bed": ("cama", "camas")}

WELCOME = (
    "¡Hola! Te damos la bienvenida a Yume. Te ayudo a dejar tu negocio listo para recibir citas "
    "por WhatsApp en unos minutos."
)
BUSINESS_NAME = "¿Cómo se llama tu negocio?"
NAME_PLEASE = "¿Cómo se llama tu negocio? Escribe solo el nombre, por ejemplo: Barbería El Güero."
NO_NAME_YET = (
    "Ponle el nombre con el que tus clientes te conocen; puede ser el tuyo, por ejemplo: "
    "Estética Karla. Después lo puedes cambiar."
)
OWNER_NAME = "¿Y tú cómo te llamas?"
OWNER_PLEASE = "¿Cómo te llamas? Escribe tu nombre, por ejemplo: Ana López."
OTHER_TYPE = "¿Qué tipo de negocio es? Dímelo en pocas palabras, por ejemplo: podología."
HOURS = '¿Qué horario tienen? Por ejemplo: "lunes a viernes 10 a 8, sábado 10 a 3".'
HOURS_AGAIN = (
    'No entendí el horario. Escríbelo con días y horas, por ejemplo: "lunes a viernes 10 a 8, '
    'sábado 10 a 3", "martes a domingo de 11 a 9" o "lunes a sábado 9 a 2 y 4 a 8".'
)
STAFF = (
    "¿Trabaja alguien más contigo? Mándame el nombre y WhatsApp de cada quien (por ejemplo: "
    "Pedro 55 1234 5678), o escribe *solo yo*."
)
STAFF_WHO = (
    "¿Cómo se llaman? Mándame el nombre y WhatsApp de cada quien, por ejemplo: Pedro 55 1234 5678."
)
ADDRESS = (
    "¿Cuál es la dirección del negocio? Tus clientes la verán en sus confirmaciones. Si "
    "trabajas a domicilio o prefieres no ponerla, escribe *no*."
)
SERVICES_STILL = (
    '¿Y qué servicios ofreces? Escríbelos con duración y precio, por ejemplo: "Corte 30 min $150".'
)
MORE_SERVICES = "¿Algún otro servicio? Si ya es todo, dime qué horario tienen."
ONE_SERVICE_AT_LEAST = 'Necesito al menos un servicio, por ejemplo: "Corte 30 min $150".'
WHAT_TO_CHANGE = (
    'Dime qué cambiar, por ejemplo: "el corte cuesta 180", "quita la barba", "agrega tinte '
    '2 hrs 900", "el sábado cerramos a las 3", "el número de Pedro es 55 1234 5678" o "son 3 '
    'sillas". Escribe *reiniciar* para empezar de nuevo.'
)
NOT_UNDERSTOOD_CHANGE = "No entendí qué cambiar. "
ASIDES = {
    "how": (
        "Yume contesta el WhatsApp de tu negocio: tus clientes agendan, cambian y cancelan sus "
        "citas a cualquier hora, reciben recordatorios, y tú ves tu agenda aquí y en tu panel."
    ),
    "customers": (
        "Al terminar te doy el número de WhatsApp al que te escribirán tus clientes y un enlace "
        "para compartir en tus redes o en tu local. Ellos escriben y agendan solos."
    ),
    "next": (
        "Cuando confirmes el resumen, creo tu negocio y te doy el WhatsApp para tus clientes y "
        "el acceso a tu panel. Todo se puede cambiar después."
    ),
    "start": "Solo contesta mis preguntas y en unos minutos queda listo.",
    "later": (
        "Todo se puede cambiar después desde tu panel, y para cerrar un día le escribes aquí "
        "*cerrar* con la fecha (por ejemplo: cerrar 24 dic). Sigamos:"
    ),
    "resume": "Íbamos aquí:",
    "wait": "Claro, aquí te espero. Cuando puedas, seguimos:",
    "question": "Eso te lo resuelve el equipo de Yume al terminar. Sigamos:",
}


def joined(items: list[str]) -> str:
    """ "Fernanda, Itzel y Rocío" (and "e" before a word that sounds like i: "Ana e Itzel")."""
    if len(items) <= 1:
        return "".join(items)
    last = items[-1]
    sounds_i = last[:1].lower() in "ií" or (last[:2].lower() in ("hi", "hí") and last[2:3] != "e")
    return f"{', '.join(items[:-1])} {'e' if sounds_i else 'y'} {last}"


def phone(e164: str | None) -> str:
    """ "+525516015035" -> "55 1601 5035"; three-digit area codes: "442 123 4567"."""
    if not e164:
        return "sin WhatsApp"
    digits = e164.removeprefix("+52")
    if len(digits) != 10:
        return e164
    area = 2 if digits[:2] in ("55", "56", "33", "81") else 3
    return f"{digits[:area]} {digits[area:6]} {digits[6:]}"


def price(pesos: int) -> str:
    return fmt.price(pesos * 100)


# "¿Es obligatorio?": it depends on what was asked.
OPTIONAL = {
    "address": "No es obligatoria: si prefieres no ponerla, escribe *no*.",
    "staff": "No: si trabajas sin equipo, escribe *solo yo*; puedes agregar a alguien después.",
    "type": "Me sirve para acomodar tu agenda; si ninguno encaja, elige *Otro*.",
}
REQUIRED = (
    "Sí, lo necesito para que tus clientes puedan agendar; después lo puedes cambiar en tu panel."
)


def aside(topic: str, pricing: str, state: str = "") -> str:
    if topic == "cost":
        return pricing
    if topic == "optional":
        return OPTIONAL.get(state, REQUIRED)
    return ASIDES.get(topic, ASIDES["question"])


def business_type() -> str:
    return f"¿Qué tipo de negocio es?\n{numbered([label for label, _ in TYPES])}"


def type_label(key: str) -> str:
    return next((label for label, k in TYPES if k == key), key)


def services_first(owner: str, business_type: str | None) -> str:
    noted = f"Anoté tu negocio como {type_label(business_type).lower()}. " if business_type else ""
    return (
        f"Mucho gusto, {owner.split()[0]}. {noted}¿Qué servicios ofreces? Escríbelos con duración "
        'y precio, uno por mensaje o varios juntos, por ejemplo: "Corte 30 min $150, barba 20 min '
        '$100".'
    )


def service_line(s: dict) -> str:
    return f"{s['name']} ({s['duration_min']} min, {price(s['price_pesos'])})"


def services_noted(services: list[dict]) -> str:
    return (
        f"Anoté: {joined([service_line(s) for s in services])}. ¿Algo más? Si ya es todo, dime "
        'qué horario tienen, por ejemplo: "lunes a viernes 10 a 8, sábado 10 a 3".'
    )


def service_missing(items: list[dict]) -> str:
    """Ask only for what is missing, by name."""
    no_time = [s["name"] for s in items if not s.get("duration_min")]
    no_price = [s["name"] for s in items if s.get("price_pesos") is None]
    if no_time and no_time == no_price:
        question = f"¿Cuánto dura y cuánto cuesta {joined(no_time)}?"
    else:
        asks = [f"cuánto dura {joined(no_time)}" for _ in no_time[:1]]
        asks += [f"cuánto cuesta {joined(no_price)}" for _ in no_price[:1]]
        asked = " y ".join(asks)
        question = f"¿{asked[:1].upper()}{asked[1:]}?"  # names keep their capitals
    return f'{question} Por ejemplo: "{items[0]["name"]} 30 min $150".'


def services_left_out(items: list[dict]) -> str:
    """Services the owner left without a price or duration: not noted, and said so."""
    no_time = all(not s.get("duration_min") for s in items)
    no_price = all(s.get("price_pesos") is None for s in items)
    missing = (
        "la duración y el precio"
        if no_time and no_price
        else ("la duración" if no_time else "el precio" if no_price else "la duración o el precio")
    )
    return (
        f"No anoté {joined([s['name'] for s in items])}: me faltó {missing}. Si lo quieres, "
        f'agrégalo en el resumen, por ejemplo: "agrega {items[0]["name"].lower()} 30 min $150".'
    )


def hours_of(days: list[int]) -> str:
    """The days came without their hours: ask for them, naming the days."""
    return f'¿Y de qué hora a qué hora, {days_label(days)}? Por ejemplo: "de 10 a 8".'


def hours_read(hours: dict) -> str:
    return f"Tu horario: {describe(load_hours(hours))}."


def staff_count(others: int) -> str:
    """ "somos 3": ask who the others are."""
    if others == 1:
        return "¿Quién es la otra persona? Mándame su nombre y WhatsApp."
    return f"¿Quiénes son las otras {others} personas? Mándame el nombre y WhatsApp de cada quien."


def staff_phone(name: str) -> str:
    return f"¿Cuál es el WhatsApp de {name}?"


def bad_phone(name: str) -> str:
    return f"El WhatsApp de {name} no parece un número válido. Escríbelo con 10 dígitos."


def staff_left_out(names: list[str]) -> str:
    """People named without a WhatsApp when the owner closed the list."""
    return (
        f"No anoté a {joined(names)} porque me faltó su WhatsApp; si "
        f"{'trabaja' if len(names) == 1 else 'trabajan'} contigo, dímelo en el resumen, por "
        f'ejemplo: "agrega a {names[0]} 55 1234 5678".'
    )


def staff_noted(people: list[dict], more: bool) -> str:
    listed = joined([f"{p['name']} ({phone(p['phone'])})" for p in people])
    tail = (
        " ¿Alguien más? Si ya son todos, dime la dirección del negocio (o *no* si prefieres no "
        "ponerla)."
        if more
        else ""
    )
    return f"Anoté a {listed}.{tail}"


def spots_line(slots: dict, people: int) -> str:
    spots = slots.get("spots")
    if slots.get("home_visits") or slots.get("business_type") == "a domicilio":
        return "trabajas a domicilio, sin lugar fijo"
    kind = (spots or {}).get("kind") or slots.get("spot_kind", "chair")
    one, many = SPOT_WORDS.get(kind, ("lugar", "lugares"))
    if spots:
        count = spots["count"]
        return f"{count} {one if count == 1 else many}"
    count = f"{people} {one if people == 1 else many}"
    return f'{count}, una por persona; si son otras, dime por ejemplo "3 {many}"'


def summary(slots: dict) -> str:
    services = "\n".join(
        f"• {s['name']} — {s['duration_min']} min, {price(s['price_pesos'])}"
        for s in slots["services"]
    )
    team = [f"{slots['owner_name']} (tú)"] + [
        f"{p['name']} ({phone(p['phone'])})" for p in slots.get("staff", [])
    ]
    return (
        "Revisa que todo esté bien:\n"
        f"*{slots['business_name']}* ({type_label(slots['business_type']).lower()}), "
        f"a cargo de {slots['owner_name']}\n"
        f"Servicios:\n{services}\n"
        f"Horario: {describe(load_hours(slots['hours']))}\n"
        f"Equipo: {joined(team)}\n"
        f"Lugares de trabajo: {spots_line(slots, len(team))}\n"
        f"Dirección: {slots.get('address') or '—'}\n"
        "¿Todo correcto? Responde *sí* para crear tu negocio, o dime qué cambiar "
        '(por ejemplo: "el corte cuesta 180").'
    )


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
