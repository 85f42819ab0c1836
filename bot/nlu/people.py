"""Who the visit is for, what the person is called, and whether they write in *usted*.

"para mi hija Valeria" is a booking for Valeria (a daughter) made from her parent's phone;
"a nombre de mi mamá, Rosa" names Rosa; "es para mí" is the phone's owner. Names are cleaned
of emoji, laughter and courtesy ("soy Lupita jeje" -> "Lupita"). The register is read from the
forms people use: "¿me podría…?", "disculpe", "usted" against "oye", "porfa", "¿me agendas…?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu._chat import expand
from bot.nlu.text import normalize

RELATIVES = {
    "hija": "hija", "hijo": "hijo", "esposo": "esposo", "esposa": "esposa",
    "marido": "esposo", "mujer": "esposa", "mama": "mamá", "mami": "mamá", "madre": "mamá",
    "papa": "papá", "papi": "papá", "padre": "papá", "abuela": "abuela", "abuelo": "abuelo",
    "abuelita": "abuela", "abuelito": "abuelo", "hermana": "hermana", "hermano": "hermano",
    "novia": "novia", "novio": "novio", "sobrina": "sobrina", "sobrino": "sobrino",
    "tia": "tía", "tio": "tío", "prima": "prima", "primo": "primo", "amiga": "amiga",
    "amigo": "amigo", "suegra": "suegra", "suegro": "suegro", "nieta": "nieta",
    "nieto": "nieto", "cunada": "cuñada", "cunado": "cuñado", "pareja": "pareja",
    "nena": "hija", "nene": "hijo", "bebe": "bebé", "hijita": "hija", "hijito": "hijo",
    "chavo": "hijo", "chava": "hija", "jefa": "mamá", "jefe": "papá", "senora": "esposa",
    "viejo": "esposo", "vieja": "esposa", "comadre": "comadre", "compadre": "compadre",
}  # fmt: skip
_RELATIVE = "|".join(sorted(RELATIVES, key=len, reverse=True))
FOR_RELATIVE = re.compile(
    rf"\b(?:para|de|a nombre de|es|son|seria|sera) (?:mi|mis) (?P<rel>{_RELATIVE})s?\b"
    r"(?P<rest>.*)$"
)
FOR_ME = re.compile(r"^(?:es |seria |sera )?(?:para|a nombre de) mi(?: mismo| misma)?$")
HONORIFICS = frozenset("la el senora senor sra sr dona don srita senorita joven".split())
# Words around a name that are not part of it.
FILLER = frozenset(
    """jaja jajaja jajajaja jeje jejeje jiji jijiji lol xd ok okay va sale gracias muchas mil
    porfa porfavor favor por plis please pls si sip ah oh eh ay pues este bueno mira oye hola
    soy me llamo mi nombre es a de la el para nombre seria sera con ella el se llama llama
    yo ahi y""".split()
)
NAME_WORD = re.compile(r"^[A-Za-zÁÉÍÓÚÜÑáéíóúüñ'.-]{2,}$")
NOT_NAMES = frozenset(
    """de del la el los las y con para por que en un una uno unos años ano anos meses
    corte tinte manicure cita manana tarde noche hoy lunes martes miercoles jueves viernes
    sabado domingo a al se llama es tiene quiere necesita""".split()
)


@dataclass(frozen=True)
class ForWhom:
    relative: str | None = None  # "hija", "esposo", … when the visit is for someone else
    name: str | None = None  # their name, when given
    for_me: bool = False  # "es para mí"


def read_for_whom(text: str) -> ForWhom:
    """Whether a message says the visit is for a relative (and their name), or for oneself."""
    plain = expand(normalize(text))
    if FOR_ME.search(plain):
        return ForWhom(for_me=True)
    match = FOR_RELATIVE.search(plain)
    if not match:
        return ForWhom()
    relative = RELATIVES[match["rel"]]
    return ForWhom(relative=relative, name=_name_after(text, match["rest"]))


def _name_after(text: str, rest: str) -> str | None:
    """The name that follows "mi hija": "Valeria", ", se llama doña Carmen", "que se llama…"."""
    rest = re.sub(r"^(?: ?,? ?(?:que )?(?:se llama|llamad[ao]|de nombre|nombre))", "", rest)
    words = rest.split()
    if not words or words[0] in NOT_NAMES or not words[0].isalpha():
        return None
    original = _original_words(text)
    taken = []
    for word in words[:3]:
        if word in NOT_NAMES or not word.isalpha():
            break
        taken.append(original.get(word, word.title()))
    name = clean_person_name(" ".join(taken))
    return name or None


def _original_words(text: str) -> dict[str, str]:
    """Normalized word -> the word as written (keeps "López" for "lopez")."""
    mapping = {}
    for word in re.findall(r"[^\W\d_]+", text or ""):
        mapping.setdefault(normalize(word), word)
    return mapping


def clean_person_name(text: str) -> str:
    """A name without emoji, laughter, courtesy or honorifics: "soy Lupita jeje" -> "Lupita"."""
    kept = "".join(ch if ch.isalpha() or ch in " '.-," else " " for ch in text or "")
    words = [w for w in kept.replace(",", " , ").split() if w.strip(".")]
    while words and (normalize(words[0]) in FILLER or words[0] == ","):
        words.pop(0)
    while words and (normalize(words[-1]) in FILLER or words[-1] == ","):
        words.pop()
    if "," in words:  # "Karla, gracias"; "Valeria, es mi hija"
        words = words[: words.index(",")]
    while words and normalize(words[0].rstrip(".")) in HONORIFICS:
        words.pop(0)
    name = " ".join(w for w in words if NAME_WORD.match(w))
    return name.title() if name.islower() else name


# --- register: tú or usted -------------------------------------------------------------

FORMAL = re.compile(
    r"\b(?:usted|disculpe|oiga|digame|me (?:puede|podria|pudiera|haria|hace)|"
    r"(?:la|lo|le|nos) (?:puede|podria|pudiera)|podria (?:usted|agendar|decirme|darme|"
    r"cancelar|cambiar|apartar|ayudarme|confirmar|informarme|indicarme)|le agradezco|"
    r"(?:usted )?tiene (?:algo|lugar|espacio|disponible|disponibilidad|horario|cita)|"
    r"seria tan amable|si fuera tan amable|muy amable|le encargo|"
    r"(?:usted )?(?:tendria|podria|habria|sabria|daria|haria|pudiera)(?! usted)\b)\b"
)
POLITE = re.compile(r"\b(?:quisiera|por favor|buen dia|buenos dias|buenas tardes|buenas noches)\b")
INFORMAL = re.compile(
    r"\b(?:oye|porfa|plis|wey|guey|bro|amiga|amigo|jaja\w*|jeje\w*|me (?:agendas|apartas|pasas"
    r"|cambias|cancelas|das|dices|mandas)|puedes|tienes|quieres|dime|sabes|tu)\b"
)


def read_register(text: str) -> bool | None:
    """True when the message is in *usted*, False in *tú*, None when it does not tell."""
    plain = expand(normalize(text))
    informal = len(INFORMAL.findall(plain))
    formal = 2 * len(FORMAL.findall(plain)) + len(POLITE.findall(plain))
    if informal and informal >= formal:
        return False
    if formal >= 2:
        return True
    return None
