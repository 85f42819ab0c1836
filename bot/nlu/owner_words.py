"""The words around an owner's answers during onboarding: fillers, framing, asides, types.

An owner rarely answers with the bare value: "se llama Barbería Los Compas", "Marco Antonio
Reyes, el dueño", "ah ok. Andrés 33…", "perdón, se me fue la señal, ¿en qué íbamos?". These
helpers split a message into its asides (questions about Yume, "espérame tantito") and the
answer itself, and strip the framing around a value, with or without accents.
"""

from __future__ import annotations

import re
import unicodedata

from bot.nlu.text import normalize_with_map

# Sentences that carry no data: acknowledgements, apologies, throat-clearing.
FILLER_SENTENCE = re.compile(
    r"^(?:(?:ah|ah ok|ok|okay|oki|va|vale|sale|orale|bueno|pues|claro|perfecto|listo|ya|mmm+|"
    r"eh|este|oye|mira|ay|si|gracias|muchas gracias|perdon|disculpa|una disculpa|"
    r"perdon la tardanza|ya estoy|ya regrese|aqui estoy|ya volvi|de acuerdo|entendido|"
    r"esta bien|muy bien|hola|holi|holaa+|buenas|buen dia|buenos dias|buenas tardes|"
    r"buenas noches|que tal|que onda|saludos|ja(?:ja)+|je(?:je)+|ji(?:ji)+|xd|lol|ok ok|"
    r"okey|sip|aja|mande|digame|dime)\b ?)+$"
)
# Questions and asides, by topic; checked on accent-free lowercase text.
ASIDES = {
    "cost": r"\b(?:cuanto (?:me |nos |te |le )?(?:(?:va|van|vas) a )?(?:cuesta|costar|cobra|"
    r"cobrar|cobran|sale|salir|vale|es|pago|pagaria|tengo que pagar|hay que pagar)|"
    r"que (?:precio|costo)|cual es el (?:precio|costo)|tiene (?:algun )?(?:costo|precio)|"
    r"es gratis|es de a gratis|hay que pagar|tengo que pagar|(?:precio|costo|costos|precios|"
    r"planes|tarifa|tarifas) de yume|cobran|mensualidad|cuota)\b",
    "resume": r"\b(?:en que (?:ibamos|estabamos|quedamos)|donde (?:ibamos|nos quedamos)|que me "
    r"(?:preguntaste|pediste|decias)|se me fue (?:la senal|el internet)|me repites|no vi (?:tu|el)"
    r" mensaje|se corto)\b",
    "customers": r"\b(?:mis |los )?clientes? (?:como|a donde|donde|a que numero) .*"
    r"(?:escrib|agend|encuentr|contact|llega|reserv)|como (?:me )?(?:van a )?(?:escribir|"
    r"agendar|encontrar)|a que numero (?:me )?(?:escriben|van a escribir)\b",
    "next": r"\b(?:que (?:sigue|pasa|hago) (?:despues|luego|ahora)?|y (?:luego|despues) que|"
    r"que (?:mas )?falta|cuanto falta|que pasa cuando|que pasa despues)",
    "later": r"\b(?:(?:y )?si (?:un dia|algun dia|luego|despues|mas adelante|me equivoco|"
    r"cambio|quiero cambiar)|(?:despues|luego|mas adelante) (?:lo )?(?:puedo|se puede)|"
    r"(?:lo |la |los )?puedo (?:cambiar|modificar|editar)|se puede(?:n)? (?:cambiar|modificar|"
    r"editar)|como (?:cambio|modifico|cierro|bloqueo|le cambio))\b",
    "start": r"\b(?:como (?:le )?hago (?:para|pa)|como me (?:registro|doy de alta|inscribo|"
    r"uno)|como (?:lo |le )?(?:registro|doy de alta)|que (?:tengo|necesito) (?:que )?hacer|"
    r"como empiezo|como empezamos|por donde empiezo)\b",
    "how": r"\b(?:como funciona|que (?:es|hace) yume|para que sirve|como se usa|me sirve|"
    r"sirve para|como trabaja|de que se trata)\b",
    "optional": r"\b(?:es (?:obligatori[oa]|necesari[oa]|forzos[oa]|requisito)|tengo que "
    r"(?:ponerl[oa]s?|poner|darte|dartel[oa]s?|dar)|(?:se )?puede (?:ir |quedar )?(?:vaci[oa]|"
    r"sin)|puedo (?:no ponerl[oa]|omitir|saltar|dejarl[oa] (?:para despues|vaci[oa]))|"
    r"a fuerza|se (?:puede )?(?:omitir|saltar))\b",
    "wait": r"\b(?:esperame|espera|un momento|un segundo|tantito|ahorita (?:te digo|regreso|"
    r"vuelvo|te escribo|sigo)|estoy con (?:un|una) client|dame chance|dejame ver|"
    r"ahorita lo busco|luego te digo)\b",
}
_ASIDE_RX = {topic: re.compile(pattern) for topic, pattern in ASIDES.items()}
_SENTENCE = re.compile(r"(?<=[?!])\s*|(?<=[.\n])\s+|^\s*¿|(?<=\S)\s*¿|\n")


def fold(text: str) -> str:
    """Lowercase, accents and punctuation gone, spaces collapsed."""
    return normalize_with_map(text, keep="")[0]


def is_filler(text: str) -> bool:
    """ "no", "ah ok", "perdón": words around a correction that carry no answer of their own."""
    plain = fold(text)
    return not plain or plain in ("no", "nop", "no no") or bool(FILLER_SENTENCE.match(plain))


def aside_topic(sentence: str) -> str | None:
    plain = fold(sentence)
    for topic, rx in _ASIDE_RX.items():
        if rx.search(plain):
            return topic
    return None


def split_asides(text: str) -> tuple[list[str], str]:
    """(the asides' topics, the rest of the message with asides and filler sentences gone).

    A question mark marks a question even when no topic is known ("question")."""
    topics: list[str] = []
    kept: list[str] = []
    for sentence in _sentences(text):
        plain = fold(sentence)
        if not plain:
            continue
        topic = aside_topic(sentence)
        asks = sentence.rstrip().endswith("?") or sentence.lstrip().startswith("¿")
        if topic and (asks or _short(plain, 9) and not re.search(r"\d", plain)):
            topics.append(topic)
        elif FILLER_SENTENCE.match(plain):
            continue
        elif asks and not re.search(r"\d", plain) and _short(plain):
            topics.append("question")
        else:
            kept.append(sentence)
    if not kept and not topics:  # "sí", "ok", "listo": the filler is the answer
        return [], " ".join((text or "").split())
    return list(dict.fromkeys(topics)), " ".join(part.strip() for part in kept).strip()


def _short(plain: str, words: int = 12) -> bool:
    return len(plain.split()) <= words


def _sentences(text: str) -> list[str]:
    parts, start = [], 0
    for m in _SENTENCE.finditer(text or ""):
        if m.start() > start:
            parts.append(text[start : m.start()])
        start = m.end()
    parts.append((text or "")[start:])
    # Keep "Av. Juárez" and "$100.00" whole: a period splits only before a capital or a word
    # after a space, and a part of two letters or fewer (an abbreviation) glues to the next.
    merged: list[str] = []
    for part in parts:
        abbreviation = merged and re.fullmatch(r".*\b\w{1,4}\.", merged[-1].strip())
        if abbreviation and part[:1].isupper() and not FILLER_SENTENCE.match(fold(merged[-1])):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return [p for p in merged if p.strip()]


# --- framing around a value ------------------------------------------------------------------

_LEAD = (
    r"(?:(?:buenas tardes|buenas noches|buenos dias|buen dia|hola|buenas|ok perfecto|ah ok|"
    r"ah bueno|ah perdon|okay|ok|va|vale|sale|ah|ya|pues|bueno|claro|si|este|mira|oye|listo|"
    r"perfecto|perdon|ja(?:ja)+|je(?:je)+)\b[\s,.:;!¡-]*)*"
)
NAME_FRAMING = re.compile(
    rf"^{_LEAD}(?:(?:el nombre (?:del negocio |de mi negocio )?es|(?:mi|el|la|nuestr[oa]) "
    r"(?:negocio|barberia|barber|salon|estetica|spa|estudio|local|consultorio|changarro) "
    r"(?:se llama|es)|se llama|nos llamamos|somos|es|(?:nombre|negocio)(?: del negocio)? ?:)"
    r"(?:\b|(?<=:))[\s:,-]*)?",
    re.IGNORECASE,
)
OWNER_FRAMING = re.compile(
    rf"^{_LEAD}(?:(?:yo )?(?:soy|me llamo)|mi nombre (?:completo )?es|el dueno es|la duena es|"
    r"a cargo esta|habla|te saluda|le saluda|nombre ?:|dueno ?:|duena ?:)(?:\b|(?<=:))[\s:,-]*",
    re.IGNORECASE,
)
OWNER_TAIL = re.compile(
    r"[\s,;-]+(?:(?:y )?(?:soy )?(?:el|la) (?:dueno|duena|propietari[oa]|encargad[oa]|"
    r"jef[ea]|administrador[a]?)|para servirte|a tus ordenes|mucho gusto|un gusto|"
    r"servidor[a]?|pero|aunque|y (?:me|todos|todas|aqui|en)|(?:todos|todas|aqui) me)\b.*$",
    re.IGNORECASE,
)


def fold_aligned(text: str) -> str:
    """Accent-free lowercase of text, character for character (so spans line up)."""
    out = []
    for ch in text:
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
        ).lower()
        out.append(folded[:1] if folded else " ")
    return "".join(out)


def strip_framing(text: str, framing: re.Pattern[str], tail: re.Pattern[str] | None = None) -> str:
    """The value inside "se llama X" / "soy X, el dueño": framing matched without accents."""
    text = " ".join(text.split())
    folded = fold_aligned(text)
    if tail is not None and (m := tail.search(folded)):
        text, folded = text[: m.start()], folded[: m.start()]
    if m := framing.match(folded):
        text = text[m.end() :]
    text = text.strip(" .,;:!¡¿?-\"'«»“”‘’")
    # emojis and symbols at the edges ("El Rey barbershop 💈"); a closing ")" or "." may stay
    return re.sub(r"[^\w).'’]+$", "", re.sub(r"^[^\w¡¿(]+", "", text))


# --- business types --------------------------------------------------------------------------

# Most specific first: "salón de uñas" is nails, "estilista a domicilio" visits homes.
TYPE_WORDS = (
    (
        "a domicilio",
        r"a domicilio|domicilios?|(?:voy|vamos|ir|atiendo|atender) a (?:la |las |su |sus )?"
        r"casas?|a casa de|casas? de (?:mis|las|los|sus) clientes?|casas? de (?:mis|las|sus) "
        r"clientas",
    ),
    ("pestañas", r"pestanas?|lash|lashes|cejas?|brows?|lifting|microblading"),
    ("maquillaje", r"maquillaje|maquillista|make ?up|makeup|mua"),
    ("uñas", r"unas|nails?|manicurista|naildesigner"),
    ("barbería", r"barberia|barber|barbershop|barbero|barberos"),
    ("spa", r"spa|masajes|masajista"),
    ("salón", r"salon|estetica|estilista|peluqueria|belleza|hair|beauty"),
)
_TYPE_RX = [(key, re.compile(rf"\b(?:{words})\b")) for key, words in TYPE_WORDS]


def business_type(text: str) -> str | None:
    """The kind of business named anywhere in text, by whole words."""
    plain = fold(text)
    for key, rx in _TYPE_RX:
        if rx.search(plain):
            return key
    return None


# --- ends of lists -----------------------------------------------------------------------

DONE = re.compile(
    r"^(?:(?:no|si|ya|ok|okay|pues|bueno|listo|eso|es todo|seria todo|son todos|son todas|"
    r"por ahora|de momento|por el momento|ahorita|creo que|y)\b ?)*"
    r"(?:listo|ya|ya es todo|es todo|eso es todo|eso seria todo|seria todo|ya seria todo|"
    r"nada mas|ya no|ya no hay mas|no hay mas|es todo gracias|ya son todos|ya son todas|"
    r"son todos|son todas|nadie mas|ningun otro|ninguna otra|ningun otra|nada|no|nop|nel|fin|"
    r"ya esta|ya quedo|ya estuvo|terminamos|termine|ya termine|solo esos|solo esas|solo eso|"
    r"nomas esos|nomas esas|nomas eso|nomas|namas|esos son todos|esas son todas|esos son|"
    r"esas son|son esos|son esas|esos|esas|eso|con eso|todos|todas)"
    r"(?: (?:gracias|muchas gracias|por ahora|de momento|por el momento|por hoy|es todo|"
    r"son todos|son todas|nada mas|nomas|los servicios|mis servicios|de servicios|"
    r"los que (?:hago|tengo|manejo|hacemos|tenemos|manejamos)))*$"
)
ALONE = re.compile(
    r"(?:^|\b)(?:no\b ?)?(?:(?:solo|nomas|namas|nada mas|unicamente|puro) (?:yo|somos yo)|"
    r"no hay nadie|yo (?:sol[oa]|solit[oa]|nada mas|nomas|namas|y nadie mas)|trabajo sol[oa]|"
    r"estoy sol[oa]|nadie|ninguno|ninguna|no tengo (?:empleados|equipo|a nadie|personal)|"
    r"por ahora (?:solo|nomas) yo|soy yo sol[oa]|yo nomas|solo trabajo yo|"
    r"(?:no )?(?:trabajo|atiendo) sol[oa]|nadie mas|no nadie|no, nadie|"
    r"(?:aun|todavia|por ahora|de momento|por el momento|ahorita) no)\b.*$"
)


SERVICE_FRAMING = re.compile(
    r"^(?:(?:pues|bueno|mira|ok|va|ya|si|claro|este|ah|y|tambien|ademas|oye|perdon)\b[\s,.:]*)*"
    r"(?:(?:nosotros |yo )?"
    r"(?:manejamos|manejo|tenemos|tengo|ofrecemos|ofrezco|hacemos|hago|damos|doy|son|es)\b\s*)?"
)


def without_service_framing(text: str) -> str:
    """ "pues manejamos masaje relajante…" -> "masaje relajante…"."""
    return text[SERVICE_FRAMING.match(fold_aligned(text)).end() :]


def is_done(text: str) -> bool:
    """ "listo", "ya es todo", "no, es todo", "ya son todas"."""
    return bool(DONE.match(fold(text)))


def works_alone(text: str) -> bool:
    """ "nomás yo", "solo yo", "no, trabajo sola"."""
    return bool(ALONE.search(fold(text)))


ADDRESS_WORDS = re.compile(
    r"\b(?:calle|c\.|av|avenida|blvd|boulevard|bulevar|col|colonia|fracc|fraccionamiento|"
    r"plaza|local|privada|priv|andador|cerrada|carretera|km|esquina|esq|manzana|mz|lote|lt|"
    r"int|interior|depto|edificio|piso|centro|cp|c\.p|codigo postal|barrio|calzada|calz|"
    r"prolongacion|prol|circuito|retorno|callejon|glorieta|periferico|eje|no\.|num\.)\b|#"
)


DECLINE_ADDRESS = re.compile(
    r"\b(?:prefiero no|mejor no|no (?:la |lo )?(?:quiero|puedo) (?:poner|dar|compartir)|"
    r"no (?:la |lo )?pongas|sin direccion|no (?:tengo|tenemos) (?:local|direccion)|"
    r"(?:es |atiendo |trabajo )?en mi (?:casa|domicilio|depa|departamento)|es (?:mi )?casa|"
    r"es privad[ao]|(?:la |lo )?doy (?:por|en) (?:privado|mensaje)|se las? doy despues|"
    r"no (?:es|hay) (?:local|direccion))\b|^(?:no tengo|ninguna|ninguno|no hay|sin)$"
)


def declines_address(text: str) -> bool:
    """ "prefiero no ponerla, es en mi casa", "no la quiero poner", "sin dirección"."""
    return bool(DECLINE_ADDRESS.search(fold(text)))


def looks_like_address(text: str) -> bool:
    """ "Calle Durango 22, Roma Norte", "Av. Juárez 10", "Plaza Dorada local 8"."""
    return bool(ADDRESS_WORDS.search(fold_aligned(text)))
