"""Corrections an owner makes to the setup, in free words.

"el corte cuesta 180 no 150", "el tinte dura 2 horas y media", "cambia el nombre del fade a
Corte degradado", "no es Lalo, es Eduardo", "quita a Mario, ya no trabaja aquí", "ya no hago
permanente", "agrega keratina 3 horas $1,500", "falta Diana 33 1234 5678", "el número de Pedro
es 55 2345 6789", "el sábado cerramos a las 3", "la dirección es …", "son 4 sillas",
"trabajo a domicilio", "cambia el tipo a maquillaje", "mi nombre es Claudia Fernández".
Each comes back as a SetupEdit whose target is the words the owner used; the flow decides
what they point at (a service, a person, the business's name…).
"""

from __future__ import annotations

import re

from bot.nlu._numbers import spell_numbers
from bot.nlu.owner_hours import read_hours
from bot.nlu.owner_services import read_services
from bot.nlu.owner_staff import PHONE, clean_name, national_digits
from bot.nlu.owner_words import (
    OWNER_TAIL,
    TYPE_WORDS,
    business_type,
    fold_aligned,
    without_service_framing,
)
from bot.nlu.text import normalize_with_map
from flows.understanding import SetupEdit

# Words an owner puts before a correction: "espera, también…", "oye, el corte…".
_LEAD = r"^(?:(?:espera|esperame|oye|ah|ay|y|ok|va|perdon|mira|este|pues|no|ups|uy)\b[\s,.]*)*"
_ART = r"(?:(?:el|la|los|las|a|al|del?) )?"
_NUM = r"(?:\d{1,2}|una?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)"
SPOT_WORDS = {
    "silla": "chair", "sillon": "chair", "lugar": "chair", "estacion": "chair",
    "tocador": "chair", "espacio": "chair", "mesa": "table", "cabina": "room",
    "cuarto": "room", "camilla": "room", "cama": "bed",
}  # fmt: skip
NUMBERS = {"un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6}
NUMBERS |= {"siete": 7, "ocho": 8, "nueve": 9, "diez": 10}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "address",
        re.compile(
            r"\b(?:(?:la )?direccion(?: del negocio| del local)?(?: esta mal)?,? (?:es|correcta "
            r"es|seria|queda)|direccion:|cambia la direccion a|estamos en|nos ubicamos en|"
            r"el local esta en)\s*(?P<v>.+)$"
        ),
    ),
    (
        "home_visits",
        re.compile(
            r"\b(?:(?:trabajo|trabajamos|voy|vamos|atiendo|atendemos|solo|nomas|es|son) "
            r"(?:a|en) domicilio|no tengo local|sin local|no tenemos local)\b"
        ),
    ),
    (
        "spots",
        re.compile(
            rf"\b(?P<n>{_NUM}) (?P<w>sillas?|sillones|sillon|lugares|lugar|estaciones|estacion|"
            r"cabinas?|camas?|camillas?|mesas?|cuartos?|tocadores?|espacios?)\b"
        ),
    ),
    (
        "phone",
        re.compile(
            r"\b(?:el )?(?:numero|whatsapp|whats|cel|celular|telefono|tel) (?:de|del) "
            r"(?P<t>[^\d,:]+?)(?: esta mal)?,? (?:es|era|seria|:)?\s*"
            r"(?P<v>\+?\(?\d[\d\s().-]{8,}\d)"
        ),
    ),
    (
        "rename",
        re.compile(
            r"\bcambia(?:le)? (?:el nombre (?:del|de la|de los|de las|de|a) )(?P<t>.+?) "
            r"(?:a|por) (?P<v>.+)$"
        ),
    ),
    (
        "rename",  # "el rubber se llama rubber base", "Vicky se llama Victoria"
        re.compile(_LEAD + r"(?:el |la |los |las |a )?(?P<t>[^,:]+?) se llaman? (?P<v>.+)$"),
    ),
    (
        "name",
        re.compile(
            r"\b(?:cambia(?:le)? el nombre(?: del negocio)? a|el nombre (?:del negocio |de mi "
            r"negocio )?(?:esta mal,? |no es ese,? )?es|el negocio se llama|se llama|"
            r"el nombre correcto es)\s+(?P<v>.+)$"
        ),
    ),
    (
        "owner",
        re.compile(
            r"^(?:(?:no,? )?(?:mi nombre (?:completo )?es|me llamo|yo soy|soy|el dueno es|"
            r"la duena es|el nombre del dueno es|a cargo esta))\s+(?P<v>.+)$"
        ),
    ),
    (
        "rename",  # "el nombre de la barba es Arreglo de barba"
        re.compile(r"\bel nombre (?:del|de la|de los|de las|de) (?P<t>.+?) es (?P<v>.+)$"),
    ),
    (
        "rename",  # "en lugar de Mario es Mariano", "cambia a Lalo por Eduardo"
        re.compile(
            r"\b(?:en (?:lugar|vez) de (?P<t>[^,]+?),? (?:es|va|pon|ponle|seria)|"
            r"cambia(?:le)? (?:a |al |el |la )?(?P<t2>[^,]+?) por) (?P<v>.+)$"
        ),
    ),
    (
        "type",
        re.compile(
            r"\b(?:cambia el tipo(?: de negocio)? a|el tipo(?: de negocio)? es|"
            r"(?:mas bien|en realidad) es (?:un |una )?|el negocio es (?:un |una )?)(?P<v>.+)$"
        ),
    ),
    (
        "rename",
        re.compile(
            r"^(?:no,? )?no es (?:un |una |el |la )?(?P<t>[^,]+?),? (?:es|sino|se llama) "
            r"(?:un |una |el |la )?(?P<v>.+)$"
        ),
    ),
    (
        "remove",
        re.compile(
            r"\bya no (?:(?:vamos a|voy a|vamos|quiero|queremos) )?(?:hago|hacemos|hacer|"
            r"ofrezco|ofrecemos|ofrecer|doy|damos|dar|manejo|manejamos|manejar|vendo)\s+"
            rf"{_ART}(?P<t>[^,.]+)"
        ),
    ),
    (
        "remove",
        re.compile(
            r"\b(?:quita|quitale|quitar|quitame|borra|borrale|borrar|elimina|eliminar|saca|"
            rf"sacar)\s+(?:el servicio (?:de )?)?{_ART}(?P<t>[^,.]+)"
        ),
    ),
    ("remove", re.compile(r"^(?P<t>[^\d,]+?) ya no (?:trabaja|esta|viene|va a estar)\b")),
    (
        "add",
        re.compile(
            _LEAD + r"(?:agrega|agregale|agregar|anade|anadir|suma|sumale|pon|ponle|falta|"
            r"faltan|falto|me falto|se me olvido|tambien|ademas)\s+(?:el |la |a |que )?(?P<v>.+)$"
        ),
    ),
    (
        "phone",  # "Lalo 33 1234 5678": a person's number, new or changed
        re.compile(
            r"^(?!(?:a|al|el|la|y) )(?P<t>[^\W\d_]+(?: [^\W\d_]+)?),? "
            r"(?P<v>\+?\(?\d[\d\s().-]{8,}\d)$"
        ),
    ),
    (
        "price",
        re.compile(
            r"\bprecio (?:del?|de la|de los|de las) (?P<t>.+?) (?:a|en|es de|es|por)\s+"
            r"\$? ?(?P<n>\d[\d,]*)"
        ),
    ),
    (
        "price",
        re.compile(
            r"\bcobro \$? ?(?P<n>\d[\d,]*)(?: pesos)? (?:por|del|de) (?:el |la )?(?P<t>.+)$"
        ),
    ),
    (
        "price",
        re.compile(
            _LEAD + r"(?:el |la |los |las )?(?P<t>[^\d$]+?) (?:cuesta|cuestan|vale|"
            r"valen|sale|salen|es de|esta en|lo cobro|la cobro|a|en|es|son|seria|era|queda en)"
            r"\s+\$? ?(?P<n>\d[\d,]*)(?![\d,]| ?(?:min|hr|hra|hora|h\b|:|am|pm))"
        ),
    ),
    (
        "duration",
        re.compile(r"\bduracion (?:del?|de la) (?P<t>.+?) (?:a|en|es de|es)\s+(?P<v>.+)$"),
    ),
    (
        "duration",  # "el corte es de 40 min"
        re.compile(
            _LEAD + r"(?:el |la |los |las )?(?P<t>[^\d]+?) (?:es de|son de|es|son)\s+"
            r"(?P<v>(?:\d[\d.,:]*|una|dos|tres) ?(?:minutos|min|mins|horas?|hrs?|hras?|h)\b.*|"
            r"media hora|hora y media)$"
        ),
    ),
    (
        "duration",
        re.compile(
            _LEAD + r"(?:el |la |los |las )?(?P<t>[^\d]+?) (?:dura|duran|tarda|tardo|"
            r"tardamos|lleva)\s+(?P<v>.+)$"
        ),
    ),
]


_BUSINESS = re.compile(
    r"^(?:(?:mi|el|la|nuestr[oa]|este|esta) )?(?:negocio|local|lugar|estudio|salon|estetica|"
    r"barberia|spa|consultorio|changarro|nombre|nombre del negocio|empresa)$"
)
_TYPE_FRAME = re.compile(
    r"\b(?:perdon|no|si|es|son|somos|soy|un|una|el|la|negocio|de|del|mas bien|en realidad|"
    r"realmente|tipo|me equivoque|equivoque|corrijo|correccion|mejor|pon|ponle|ponlo|como|"
    r"cambialo a|cambia a|es un|es una)\b"
)


_ROLE = re.compile(
    r"^(?:el |la |una? )?(?:dueno|duena|propietari[oa]|encargad[oa]|estilista|barbero|"
    r"manicurista|maquillista|cosmetologa|masajista|tatuador[a]?)\b"
)
_VERB = re.compile(
    r"^(?:(?:sube|subele|baja|bajale|pon|ponle|cambia|cambiale|deja|dejale|dejalo|cobra|"
    r"cobro)\b ?)+(?:(?:el|la|los|las|a|al) )?",
    re.IGNORECASE,
)


_NOT_NAME_WORDS = frozenset(
    "yo solo sola nomas namas el la los las un una de quien nada nadie aqui tu su mi".split()
)


def _a_name(value: str) -> bool:
    """ "Juan Pérez", "Rosa María": words of letters, not a role, a type or "yo nomás"."""
    words = re.findall(r"[^\W\d_]+|\S", fold_aligned(value))
    return (
        0 < len(words) <= 5
        and all(w.isalpha() or w in ".'" for w in words)
        and not _NOT_NAME_WORDS & set(words)
        and not business_type(value)
        and not _ROLE.match(fold_aligned(value))
    )


_DAY_NAMES = ("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo")


def _only_days(target: str) -> list[int]:
    """The weekdays a target names when it names nothing else ("el sábado", "los domingos")."""
    words = [w for w in re.findall(r"[a-z]+", fold_aligned(target)) if w not in _LINK_WORDS]
    days = [w if w in _DAY_NAMES else w[:-1] for w in words]
    return [_DAY_NAMES.index(d) for d in days] if days and set(days) <= set(_DAY_NAMES) else []


_LINK_WORDS = frozenset(("el", "la", "los", "las", "de", "y", "e", "dia", "dias"))


def _closed(days: list[int]) -> dict:
    return {"hours": {}, "closed": days, "closes_at": {}, "opens_at": {}, "breaks": []}


def _type_statement(folded: str) -> str | None:
    """ "perdón, es spa, no salón", "no es estética, es barbería", "somos spa": the type."""
    said = re.sub(r"\bno (?:es |somos )?(?:un |una )?[a-z]+(?: [a-z]+)?(?=,|$)", " ", folded)
    kind = business_type(said)
    if kind is None or len(said.split()) > 6:
        return None
    rest = _TYPE_FRAME.sub(" ", said)
    for _key, words in TYPE_WORDS:
        rest = re.sub(rf"\b(?:{words})\b", " ", rest)
    return kind if not re.sub(r"[\W_]", "", rest) else None


def read_edit(text: str) -> SetupEdit | None:
    """The correction in text, or None when it is not one."""
    text = " ".join((text or "").split()).strip(" .!¡")
    folded = fold_aligned(text)
    if kind := _type_statement(folded):
        return SetupEdit("type", None, kind)
    hours = read_hours(text)
    for field, pattern in PATTERNS:
        if field == "spots" and hours.found:
            break
        m = pattern.search(folded)
        if not m:
            continue
        edit = _build(field, m, text)
        if edit is not None:
            return edit
    if hours.found:
        return SetupEdit("hours", None, hours_dict(hours))
    return None


def _group(m: re.Match[str], text: str, *names: str) -> str | None:
    for name in names:
        if m.groupdict().get(name) is not None:
            return text[m.start(name) : m.end(name)].strip(" .,;:!¡¿?\"'«»")
    return None


def _build(field: str, m: re.Match[str], text: str) -> SetupEdit | None:
    value = _group(m, text, "v")
    target = _group(m, text, "t", "t2")
    if field == "address":
        return SetupEdit("address", None, value[:200]) if value else None
    if field == "home_visits":
        return SetupEdit("home_visits", None, True)
    if field == "spots":
        count = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"]]
        word = m["w"]
        word = word[:-2] if word.endswith(("ones", "ares", "ores")) else word.rstrip("s")
        kind = SPOT_WORDS.get(word, "chair")
        return SetupEdit("spots", None, {"count": count, "kind": kind})
    if field == "phone":
        phone = national_digits(value or "")
        return SetupEdit("phone", clean_name(target or "") or target, phone) if phone else None
    if field == "owner" and value and (tail := OWNER_TAIL.search(fold_aligned(value))):
        value = value[: tail.start()]  # "Marco Antonio Reyes, el dueño"
    if field == "owner" and not _a_name(value or ""):
        return None  # "soy barbero", "soy la dueña", "soy yo nomás": not a name
    if field in ("name", "owner"):
        return SetupEdit(field, None, value) if value else None
    if field == "type":
        return SetupEdit("type", None, business_type(value) or value.lower()) if value else None
    if field == "rename" and target and _BUSINESS.match(fold_aligned(target)) and value:
        return SetupEdit("name", None, value)  # "mi negocio se llama…"
    if field == "rename" and target and business_type(target) and value:
        return SetupEdit("type", None, business_type(value) or value.lower())
    if field == "rename" and value and re.fullmatch(r"\$? ?\d[\d,]*(?: pesos)?", value):
        return SetupEdit(
            "price", target, int(re.sub(r"\D", "", value))
        )  # "cambia el corte por 180"
    if field == "rename":
        return SetupEdit("rename", target, value) if target and value else None
    if field == "remove" and target and (days := _only_days(target)):
        return SetupEdit("hours", None, _closed(days))  # "quita el sábado"
    if field == "remove":
        return SetupEdit("remove", target, None) if target else None
    if field == "add":
        return _addition(value or "")
    if field in ("price", "duration") and target:
        target = _VERB.sub("", target)  # "sube el corte a 200"
    if field == "price":
        number = _group(m, text, "n")
        return SetupEdit("price", target, int(number.replace(",", ""))) if number else None
    if field == "duration":
        minutes = read_minutes(value or "")
        return SetupEdit("duration", target, minutes) if minutes else None
    return None


def _addition(rest: str) -> SetupEdit | None:
    services = read_services(without_service_framing(rest))
    if services and services[0]["duration_min"] and services[0]["price_pesos"] is not None:
        return SetupEdit("add_service", None, services[0])
    phone = PHONE.search(rest)
    name = clean_name(rest[: phone.start()] if phone else rest)
    if name:
        return SetupEdit("add_staff", name, national_digits(phone.group()) if phone else None)
    return None


_MINUTES = re.compile(
    r"(?P<h>\d{1,2}(?:[.,]5)?) ?(?:horas|hora|hrs|hr|h)\b(?: ?y ?(?:(?P<half>media)|"
    r"(?P<quarter>cuarto)|(?P<hm>\d{1,2}) ?(?:minutos|min)))?"
    r"|(?P<m>\d{1,3}) ?(?:minutos|min|mins|m)\b"
    r"|(?P<word>hora y media|media hora|hora y cuarto|una hora|hora)\b"
)


def read_minutes(text: str) -> int | None:
    """ "2 horas y media" -> 150, "45 min" -> 45, "media hora" -> 30."""
    norm, positions = normalize_with_map(text, keep=".,")
    norm = spell_numbers(norm, [(i, i) for i in positions])[0]
    m = _MINUTES.search(norm)
    if not m:
        bare = re.fullmatch(r"\D*?(\d{1,3})\D*", norm)
        return int(bare[1]) if bare and 5 <= int(bare[1]) <= 300 else None
    if m["word"]:
        return {"hora y media": 90, "media hora": 30, "hora y cuarto": 75}.get(m["word"], 60)
    if m["m"]:
        return int(m["m"])
    hours = float(m["h"].replace(",", "."))
    extra = 30 if m["half"] else 15 if m["quarter"] else int(m["hm"] or 0)
    return round(hours * 60) + extra


def hours_dict(reading) -> dict:
    """A reading of hours as plain data the flow can apply: "HH:MM" strings, day numbers."""

    def hhmm(t):
        return t.strftime("%H:%M")

    return {
        "hours": {str(d): [[hhmm(a), hhmm(b)] for a, b in r] for d, r in reading.hours.items()},
        "closed": sorted(reading.closed),
        "closes_at": {str(d): hhmm(t) for d, t in reading.closes_at.items()},
        "opens_at": {str(d): hhmm(t) for d, t in reading.opens_at.items()},
        "breaks": [
            [hhmm(a), hhmm(b), sorted(days) if days else None] for days, (a, b) in reading.breaks
        ],
    }
