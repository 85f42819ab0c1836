"""Which staff command a message asks for, from the words staff actually use.

Each verb has its strict form ("completar", "noshow") and the phrases people type instead
("ya terminé con", "no llegó", "qué tengo", "dile a"). All forms are written normalised
(lowercase, no accents). The phrase that starts earliest wins, the longest one on a tie, so
"no llegó la de las 4" is a no-show and not a walk-in, and "cerrar chat" is not closing the
business. Typos are forgiven only in the first words, where a command's verb goes.
"""

from __future__ import annotations

import difflib
import re

VERBS: dict[str, tuple[str, ...]] = {
    "agenda": (
        "agenda",
        "citas",
        "mis citas",
        "pendientes",
        "que tengo",
        "k tengo",
        "q tengo",
        "que me toca",
        "a quien tengo",
        "a quienes tengo",
        "tengo algo",
        "tengo citas",
        "cuantas citas",
        "como viene",
        "como esta mi",
        "como esta el",
        "como vamos",
        "como va",
        "que hay",
        "que tiene",
        "que tienen",
        "quien tiene",
        "quienes tienen",
        "tengo clientas",
        "tengo clientes",
        "primera cita",
        "ultima cita",
        "siguiente cita",
        "proxima cita",
    ),
    "bloquear": (
        "bloquear",
        "bloquea",
        "bloqueame",
        "bloqueo",
        "ponme",
        "apartame",
        "aparta",
        "no me agendes",
        "no agendes",
        "no vengo",
        "no voy a venir",
        "no voy a estar",
        "no voy a trabajar",
        "no trabajo",
        "dia libre",
        "me tomo el",
    ),
    "desbloquear": (
        "desbloquear",
        "desbloquea",
        "quitar bloqueo",
        "quita el bloqueo",
        "quita bloqueo",
        "libera",
        "liberar",
    ),
    "cerrar": ("cerrar", "cierra", "cerramos", "cerrado", "no abrimos", "no vamos a abrir"),
    "walkin": (
        "walkin",
        "walk in",
        "sin cita",
        "llego",
        "acaba de llegar",
        "me llego",
        "entro un",
        "entro una",
        "vino un",
        "vino una",
        "tengo un cliente",
        "tengo una clienta",
        "tengo un walk in",
    ),
    "completar": (
        "completar",
        "completa",
        "completada",
        "terminada",
        "terminar",
        "termine",
        "ya termine",
        "ya termino",
        "ya acabe",
        "ya quedo",
        "hecha",
        "lista",
        "ya se fue",
        "ya pago",
    ),
    "noshow": (
        "noshow",
        "no show",
        "no vino",
        "no llego",
        "nunca llego",
        "no se presento",
        "falto",
        "no asistio",
        "me dejo plantada",
        "me dejo plantado",
    ),
    "cancelar": ("cancelar", "cancela", "cancelada", "cancelala", "cancelale", "borra la cita"),
    "mover": (
        "mover",
        "mueve",
        "cambiame",
        "mueva",
        "muevele",
        "cambiar",
        "cambia",
        "cambiale",
        "pasa",
        "pasale",
        "pasar",
        "recorre",
        "reagenda",
    ),
    "cliente": (
        "cliente",
        "buscar",
        "busca",
        "quien es",
        "telefono de",
        "tel de",
        "cel de",
        "numero de",
        "datos de",
        "whatsapp de",
        "info de",
        "informacion de",
    ),
    "nota": ("nota", "anota", "anotar", "apunta", "apuntale", "anotale"),
    "mensaje": (
        "mensaje",
        "recado",
        "dile",
        "digale",
        "avisale",
        "escribele",
        "mandale",
        "enviale",
        "preguntale",
        "contestale",
        "respondele",
        "manda mensaje",
        "manda un mensaje",
    ),
    "soltar": (
        "soltar",
        "suelta",
        "sueltala",
        "sueltalo",
        "devolver",
        "devuelve",
        "devuelvela",
        "devuelvelo",
        "regresala al bot",
        "regresalo al bot",
        "cerrar chat",
        "cierra el chat",
        "terminar chat",
        "ya no le escribo",
    ),
    "panel": ("panel", "dashboard", "tablero", "pagina", "liga", "link"),
    "ayuda": (
        "ayuda",
        "comandos",
        "help",
        "que puedo hacer",
        "que hago",
        "como funciona",
        "no se que escribir",
        "instrucciones",
    ),
}
SINGLE_FORMS = {form: verb for verb, forms in VERBS.items() for form in forms if " " not in form}
PHRASES = sorted(
    ((form, verb) for verb, forms in VERBS.items() for form in forms if " " in form),
    key=lambda pair: -len(pair[0]),
)
# A day off when no hours are given: the whole day is blocked.
WHOLE_DAY = re.compile(
    r"\b(?:no vengo|no voy a venir|no voy a estar|no trabajo|no voy a trabajar|dia libre|"
    r"me tomo el|todo el dia)\b"
)
TYPO_WORDS = 2  # typos are forgiven among the first words only


def find_verb(plain: str) -> tuple[str | None, str, tuple[int, int] | None]:
    """The verb in normalised text, the text without it, and where the verb's words were.

    Forms written right win over typos ("mándame el link" asks for the panel, although
    "mandame" is one letter from "mandale").
    """
    found: list[tuple[bool, int, int, str]] = []
    padded = f" {plain} "
    for form, verb in PHRASES:
        at = padded.find(f" {form} ")
        if at >= 0:
            found.append((False, at, -len(form), verb))
    offset = 0
    for i, word in enumerate(plain.split()):
        if word in SINGLE_FORMS:
            found.append((False, offset, -len(word), SINGLE_FORMS[word]))
        elif i < TYPO_WORDS and (verb := closest(word)):
            found.append((True, offset, -len(word), verb))
        offset += len(word) + 1
    if not found:
        return None, plain, None
    _, at, minus_length, verb = min(found)
    end = at - minus_length
    rest = (plain[:at] + " " + plain[end:]).split()
    return verb, " ".join(rest), (at, end)


def closest(word: str, typos: bool = True) -> str | None:
    """The verb a single word stands for, forgiving small typos when asked to."""
    if word in SINGLE_FORMS:
        return SINGLE_FORMS[word]
    if not typos or word.isdigit() or len(word) < 5:
        return None
    match = difflib.get_close_matches(word, SINGLE_FORMS, n=1, cutoff=0.8)
    return SINGLE_FORMS[match[0]] if match else None
