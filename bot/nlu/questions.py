"""What a customer asks about the business: prices, durations, hours, address, services,
who works when, payment, and the owner's own questions.

`read_questions` returns the topics a message asks about (several at once: "¿cuánto cuesta el
manicure? ¿y los sábados hasta qué hora?"). `match_faq` finds the owner's question a message
means by the words that carry meaning (stems and a few everyday equivalences), not by exact
text, so "¿hay dónde estacionar el carro?" finds "¿Tienen estacionamiento?".
"""

from __future__ import annotations

import re

from bot.nlu._chat import expand
from bot.nlu.text import normalize

TOPICS = {
    "price": re.compile(
        r"\b(?:precios?|presios?|costos?|cuesta|cuestan|cobr(?:an|as|a|ar|o)|tarifas?|"
        r"cuanto (?:es|son|sale|salen|seria|serian|vale|valen|me sale|me cobr\w*|por)|"
        r"en cuanto (?:sale|esta|me sale)|que precio|informes)\b|"
        r"\bcuanto\b(?! (?:tiempo|dura|duran|tarda|tardan|se tarda|se tardan|antes|falta|demora))"
    ),
    "duration": re.compile(
        r"\b(?:cuanto (?:tiempo|dura|duran|tarda|tardan|se tarda|se tardan|se lleva|lleva|"
        r"demora|se demora)|duracion|cuanto se (?:tarda|tardan|demora)|(?:y )?cuanto tardan)\b"
    ),
    "hours": re.compile(
        r"\b(?:horarios?|abren|abres|abre|abierto|abiertos|abierta|cierran|cierras|cierra|"
        r"atienden|atiendes|trabajan|laboran|estan abiertos)\b|"
        r"\bhasta (?:que|a que) hora\b|\ba que hora (?:abren|cierran|empiezan|terminan|atienden|"
        r"entran|salen|inician)\b|\bque dias (?:abren|trabajan|atienden|estan)\b"
    ),
    "address": re.compile(
        r"\b(?:donde (?:estan|esta|quedan|queda|se encuentran|los encuentro|se ubican|ubicados"
        r"|es|son)|direccion|ubicacion|ubicados|ubicadas|ubican|como llego|como llegar|"
        r"en que (?:parte|calle|colonia)|por donde (?:estan|quedan)|su local|el local|mapa)\b"
    ),
    "services": re.compile(
        r"\b(?:que servicios|servicios (?:tienen|ofrecen|hay|manejan|dan|hacen)|"
        r"que (?:hacen|ofrecen|manejan)$|lista de servicios|catalogo|menu de servicios|"
        r"que tratamientos|que mas (?:hacen|tienen|ofrecen))\b"
    ),
    "payment": re.compile(
        r"\b(?:tarjetas?|efectivo|transferencias?|formas? de pago|metodos? de pago|pago|pagos|"
        r"pagar|pago con|terminal|vales|paypal|mercado ?pago|spei|deposito|amex|visa|"
        r"mastercard|debito|credito)\b"
    ),
    "staff_days": re.compile(
        r"\bquien(?:es)? (?:atiende|atienden|trabaja|trabajan|esta|estan|viene|vienen)\b"
    ),
}
# Asking whether they do something: "¿hacen pedicure?", "¿tienen keratina?".
OFFERED = re.compile(
    r"^(?:y |oye |hola |disculpa |disculpe |oiga )*(?:hacen|haces|tienen|tienes|manejan|"
    r"ofrecen|realizan|dan|hay|se hacen?|aplican|ponen|trabajan)\b"
)
NOT_A_SERVICE_QUESTION = re.compile(
    r"\b(?:lugar|espacio|cita|citas|horario|disponible|disponibilidad|chance|tiempo)\b"
)
STAFF_DAY_WORDS = re.compile(
    r"\b(?:trabaja|viene|esta|atiende|labora|va a estar|descansa|dias|que dia)\b"
)
LOOKS_LIKE_A_QUESTION = re.compile(
    r"^(?:y |oye |hola |disculpa |disculpe |oiga |buenas |buen dia )*(?:tienen|hay|hacen|"
    r"puedo|se puede|pueden|aceptan|manejan|cuentan con|dan|venden|como|cual|cuales|que|donde"
    r"|cuando|cuanto|por que|ofrecen|incluye|es necesario|necesito llevar|dejan|se permite)\b"
)


def read_questions(text: str, *, staff_named: bool = False, service_named: bool = False):
    """The topics `text` asks about, in a fixed order."""
    plain = expand(normalize(text))
    found = [topic for topic, pattern in TOPICS.items() if pattern.search(plain)]
    without_duration = TOPICS["duration"].sub(" ", plain)
    if "duration" in found and "price" in found and not TOPICS["price"].search(without_duration):
        found.remove("price")  # "cuánto tarda" is not a price
    if staff_named and STAFF_DAY_WORDS.search(plain):
        found = [t for t in found if t != "hours"] + ["staff_days"]
    if (
        service_named
        and OFFERED.search(plain)
        and not NOT_A_SERVICE_QUESTION.search(plain)
        and not found
    ):
        found.append("offered")
    return tuple(dict.fromkeys(found))


def looks_like_a_question(text: str) -> bool:
    """A question mark, or the way questions start in Spanish chat."""
    return "?" in (text or "") or bool(LOOKS_LIKE_A_QUESTION.search(expand(normalize(text))))


# --- the owner's own questions -------------------------------------------------------------

# Words that only make a sentence a question; the meaning is in the others.
_FILLER = frozenset(
    """a al algo alguien alguna alguno como con cual cuales cuando cuanto de del donde el
    ella ellos en es esta estan este esto hay la las le les lo los me mi mis no o para pero
    por puedo puede pueden que se si son su sus te tiene tienen tu un una uno unos y ya yo
    usted ustedes ahi aqui alla ir voy van hacer hace hacen dar dan favor porfa oye hola
    buenas buen dia disculpa disculpe oiga saber quisiera quiero gustaria seria ser estar
    tambien nada mas muy bien ok va sale gracias necesito llevar permiten permite dejan""".split()
)
# Everyday equivalences, as one stem each.
_SAME = {
    "carro": "estac", "coche": "estac", "auto": "estac", "parking": "estac",
    "estacionar": "estac", "estacionarme": "estac", "estaciono": "estac", "cochera": "estac",
    "hijo": "nino", "hija": "nino", "hijos": "nino", "hijas": "nino", "ninos": "nino",
    "ninas": "nino", "nina": "nino", "bebe": "nino", "bebes": "nino", "chamacos": "nino",
    "perro": "masco", "perrito": "masco", "gato": "masco", "mascotas": "masco",
    "wi": "wifi", "fi": "wifi", "internet": "wifi", "red": "wifi",
    "bano": "sanit", "banos": "sanit", "sanitario": "sanit",
    "factura": "factu", "facturan": "factu", "facturar": "factu",
    "cafe": "bebid", "agua": "bebid", "bebidas": "bebid",
}  # fmt: skip


def _stems(text: str) -> set[str]:
    words = expand(normalize(text)).replace(".", " ").split()
    joined = " ".join(words).replace("wi fi", "wifi")
    stems = set()
    for word in joined.split():
        if word in _FILLER or len(word) < 3 or word.isdigit():
            continue
        stems.add(_SAME.get(word) or word[:5])
    return stems


def match_faq(text: str, questions: tuple[tuple[int, str], ...]) -> int | None:
    """The id of the owner's question `text` means, or None.

    A question matches when at least half of its meaningful stems appear in the text, and
    clearly better than any other question.
    """
    said = _stems(text)
    if not said:
        return None
    scored = []
    for ident, question in questions:
        wanted = _stems(question)
        if wanted:
            shared = len(wanted & said)
            scored.append((shared / len(wanted), shared, ident))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < 0.5 or scored[0][1] == 0:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0] and scored[1][1] == scored[0][1]:
        return None
    return scored[0][2]
