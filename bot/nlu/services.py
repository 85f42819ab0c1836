"""Which services a message names, as customers name them.

A business's services are found by their names, by the other names the owner gave them
("gelish, uñas acrílicas"), and by the everyday words people use for common salon services
("el de hombre" for a men's cut, "uñas" for a manicure, "pintarme el cabello" for a tinte).
Several services in one message come back as several mentions, in the order written, with an
elided head filled in ("corte de dama y de caballero"); services the business does not offer
("¿hacen pedicure?") come back by their everyday name, with the business's services of the
same kind, so the conversation can say what there is instead.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu._chat import expand
from bot.nlu.text import normalize, word_score


@dataclass(frozen=True)
class Concept:
    """A kind of service, whatever a business calls it."""

    label: str  # how we name it to a customer when the business does not offer it
    names: tuple[str, ...]  # names a business gives a service of this kind
    everyday: tuple[str, ...] = ()  # what customers say for it
    kinds: tuple[str, ...] = ()  # families, for offering something similar


CONCEPTS = (
    Concept(
        "corte de caballero",
        ("corte de caballero", "corte caballero", "corte de hombre", "corte hombre",
         "corte masculino", "corte de cabello caballero", "corte para caballero"),
        ("corte de hombre", "corte para hombre", "corte para caballero", "corte de varon",
         "corte masculino", "el de hombre", "el de caballero", "de caballero", "de hombre",
         "pelo corto hombre"),
        ("cabello", "hombre"),
    ),
    Concept(
        "corte de dama",
        ("corte de dama", "corte dama", "corte de mujer", "corte femenino", "corte para dama"),
        ("corte de mujer", "corte para mujer", "corte para dama", "corte de señora",
         "corte para señora", "corte femenino", "el de dama", "el de mujer", "de dama"),
        ("cabello",),
    ),
    Concept(
        "corte",
        ("corte", "corte de cabello", "corte de pelo"),
        ("cortar el pelo", "cortar el cabello", "cortarme el pelo", "cortarme el cabello",
         "corten el pelo", "corten el cabello", "recorte", "corte de pelo", "corte de cabello"),
        ("cabello",),
    ),
    Concept(
        "tinte",
        ("tinte", "coloracion", "color", "tinte de cabello"),
        ("pintar el cabello", "pintarme el cabello", "pintar el pelo", "pintarme el pelo",
         "teñir el cabello", "teñirme el cabello", "color", "retoque de raiz", "raiz",
         "canas", "cubrir canas", "tintura"),
        ("cabello", "color"),
    ),
    Concept(
        "mechas",
        ("mechas", "rayitos", "luces", "balayage", "babylights", "highlights"),
        ("mechas", "rayitos", "luces", "balayage", "babylights"),
        ("cabello", "color"),
    ),
    Concept(
        "alaciado o keratina",
        ("keratina", "alaciado", "alaciado permanente", "botox capilar"),
        ("keratina", "alaciado", "alaciar", "alaciado permanente", "botox capilar"),
        ("cabello",),
    ),
    Concept(
        "peinado",
        ("peinado", "recogido", "ondas", "planchado"),
        ("peinado", "peinar", "peinarme", "recogido", "ondas"),
        ("cabello",),
    ),
    Concept(
        "arreglo de barba",
        ("barba", "arreglo de barba", "perfilado de barba", "afeitado", "rasurado"),
        ("barba", "arreglo de barba", "afeitado", "rasurado", "rasurar", "afeitar"),
        ("hombre",),
    ),
    Concept(
        "manicure",
        ("manicure", "manicura", "manos"),
        ("manicura", "uñas", "arreglo de uñas", "pintar las uñas", "pintarme las uñas",
         "manos", "arreglo de manos", "uñas de las manos",
         "arreglo de unas", "pintar las unas", "pintarme las unas"),
        ("unas",),
    ),
    Concept(
        "pedicure",
        ("pedicure", "pedicura", "pies"),
        ("pedicura", "pies", "uñas de los pies", "unas de los pies", "arreglo de pies"),
        ("unas",),
    ),
    Concept(
        "uñas acrílicas",
        ("uñas acrilicas", "unas acrilicas", "acrilicas", "acrilico", "esculturales"),
        ("acrilicas", "acrilico", "uñas esculturales", "uñas postizas"),
        ("unas",),
    ),
    Concept(
        "uñas de gel",
        ("uñas de gel", "unas de gel", "gelish", "gel", "polygel", "semipermanente"),
        ("gelish", "uñas de gel", "unas de gel", "polygel", "semipermanente"),
        ("unas",),
    ),
    Concept(
        "cejas",
        ("cejas", "diseño de cejas", "depilacion de cejas", "planchado de cejas"),
        ("cejas", "depilar las cejas", "sacar las cejas"),
        ("cara",),
    ),
    Concept(
        "pestañas",
        ("pestañas", "extension de pestañas", "lifting de pestañas", "rizado de pestañas"),
        ("pestañas", "pestanas", "pestañas postizas", "extensiones de pestañas"),
        ("cara",),
    ),
    Concept(
        "maquillaje",
        ("maquillaje",),
        ("maquillaje", "maquillar", "maquillarme"),
        ("cara",),
    ),
    Concept(
        "facial",
        ("facial", "limpieza facial"),
        ("facial", "limpieza facial", "limpieza de cara"),
        ("cara",),
    ),
    Concept(
        "depilación",
        ("depilacion", "cera", "depilacion con cera"),
        ("depilacion", "depilar", "depilarme", "cera"),
        ("cuerpo",),
    ),
    Concept(
        "masaje",
        ("masaje", "masajes"),
        ("masaje", "masajes", "masaje relajante"),
        ("cuerpo",),
    ),
)  # fmt: skip

STOPWORDS = frozenset("de del la el los las y e con para a al en un una mi mis me por".split())
# Everyday words a little misspelling away from a service word ("tiene" and "tinte"): never
# read as a service unless written exactly.
COMMON = frozenset(
    """tiene tienen tienes tengo estan esta estas hasta hora horas cuanto cuantos cuesta
    quiero quiere puedo puede pueden manana tarde noche sabado lunes martes jueves viernes
    domingo miercoles precio precios donde cuando porque entonces gracias favor porfa cita
    citas dia dias semana mismo misma otra otro cierto claro listo bueno buena buenas
    santa canta corta cortas corto pinta pinto menos mano mana tinta tinto una unas uno unos
    pelo""".split()
)
_SOUNDS = str.maketrans({"k": "c", "z": "s", "v": "b"})
# Words that never name a service on their own, even if a name contains them.
WEAK = frozenset("servicio cita hora dia".split())


@dataclass(frozen=True)
class Mention:
    """One service named in a message: the matching ids (several: ambiguous)."""

    ids: tuple[int, ...]
    start: int  # word position, for ordering
    end: int


@dataclass(frozen=True)
class Found:
    mentions: tuple[Mention, ...] = ()
    unknown: tuple[str, ...] = ()  # everyday names of services the business does not offer
    instead: tuple[int, ...] = ()  # the business's services of the same kind as those


@dataclass(frozen=True)
class _Alias:
    service_id: int
    words: tuple[str, ...]  # content words, in order
    weight: float  # names and owner synonyms above everyday words


def _content(text: str) -> tuple[str, ...]:
    """Normalized words, with ñ kept apart ("uñas" is not the article "unas")."""
    kept = (text or "").replace("ñ", "nh").replace("Ñ", "NH")
    return tuple(w for w in expand(normalize(kept)).replace(".", " ").split() if w)


def _key(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in words if w not in STOPWORDS)


@lru_cache(maxsize=1024)
def _concepts_of(name: str) -> tuple[Concept, ...]:
    """The kinds a service's name says it is ("Corte de caballero": a men's cut, a cut)."""
    words = set(_key(_content(name)))
    found = []
    for concept in CONCEPTS:
        for known in concept.names:
            if set(_key(_content(known))) <= words:
                found.append(concept)
                break
    return tuple(found)


@lru_cache(maxsize=256)
def _aliases(
    services: tuple[tuple[int, str], ...], synonyms: tuple[tuple[int, str], ...]
) -> tuple[_Alias, ...]:
    aliases: list[_Alias] = []
    names = {ident: _key(_content(name)) for ident, name in services}
    uses = Counter(word for words in names.values() for word in set(words))
    for ident, name in services:
        aliases.append(_Alias(ident, names[ident], 1.0))
        for word in names[ident]:  # a word only this name has ("acrilicas") stands for it
            if uses[word] == 1 and len(word) >= 3 and len(names[ident]) > 1:
                aliases.append(_Alias(ident, (word,), 0.97))
        for concept in _concepts_of(name):
            for phrase in concept.everyday + concept.names:
                aliases.append(_Alias(ident, _key(_content(phrase)), 0.9))
    for ident, text in synonyms:
        for phrase in re.split(r"[,;\n]", text or ""):
            if _key(_content(phrase)):
                aliases.append(_Alias(ident, _key(_content(phrase)), 1.0))
    return tuple(a for a in aliases if a.words and not set(a.words) <= WEAK)


def find_services(
    text: str,
    services: tuple[tuple[int, str], ...],
    synonyms: tuple[tuple[int, str], ...] = (),
) -> Found:
    """The services `text` names, in order, and those it names that the business lacks."""
    words = _content(text)
    if not words:
        return Found()
    aliases = _aliases(tuple(services), tuple(synonyms))
    hits = [hit for alias in aliases for hit in _occurrences(alias, words)]
    mentions = _best_mentions(hits)
    mentions += _elided(words, mentions, aliases)
    mentions.sort(key=lambda m: m.start)
    covered = {i for m in mentions for i in range(m.start, m.end)}
    unknown, instead = _unknown(words, covered, services)
    return Found(tuple(mentions), unknown, instead)


def _occurrences(alias: _Alias, words: tuple[str, ...]) -> list[tuple[float, int, int, int]]:
    """(score, start, end, id) for each place the alias's words appear in order.

    Between two of the alias's words only stopwords may come ("corte para caballero" is
    "corte de caballero"); each word may be misspelled a little ("korte", "manicur").
    """
    found = []
    first = alias.words[0]
    for start, word in enumerate(words):
        score = _score(first, word)
        if score < 0.8:
            continue
        total, at = score, start
        for needed in alias.words[1:]:
            at += 1
            while at < len(words) and words[at] in STOPWORDS and at - start < 6:
                at += 1
            if at >= len(words):
                break
            piece = _score(needed, words[at])
            if piece < 0.8:
                break
            total += piece
        else:
            mean = total / len(alias.words)
            found.append((mean * alias.weight, start, at + 1, alias.service_id, len(alias.words)))
    return found


def _score(name_word: str, text_word: str) -> float:
    """word_score, stricter: common words only exactly, and the first sound must agree."""
    if name_word == text_word:
        return 1.0
    if text_word in COMMON:
        return 0.0
    a, b = name_word.translate(_SOUNDS), text_word.translate(_SOUNDS)
    if a[0] != b[0]:
        return 0.0
    return word_score(a, b)


def _best_mentions(hits: list) -> list[Mention]:
    """The longest, best matches that do not overlap; ties on one span are ambiguous."""
    mentions: list[Mention] = []
    taken: set[int] = set()
    ordered = sorted(hits, key=lambda h: (-h[4], -h[0], h[1]))
    i = 0
    while i < len(ordered):
        score, start, end, _ident, length = ordered[i]
        same = [h for h in ordered[i:] if h[4] == length and abs(h[0] - score) < 0.05]
        same = [h for h in same if (h[1], h[2]) == (start, end)]
        i += 1
        if taken & set(range(start, end)):
            continue
        ids = tuple(dict.fromkeys(h[3] for h in same))
        mentions.append(Mention(ids, start, end))
        taken |= set(range(start, end))
    return mentions


def _elided(words: tuple[str, ...], mentions: list[Mention], aliases) -> list[Mention]:
    """ "corte de dama y de caballero": the second one borrows the first one's head word."""
    extra = []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    for mention in mentions:
        head = words[mention.start]
        at = mention.end
        while at + 1 < len(words) and words[at] in ("y", "e", "o"):
            at += 1
            while at < len(words) and words[at] in STOPWORDS:
                at += 1
            if at >= len(words) or at in covered:
                break
            borrowed = (head, words[at])
            ids = tuple(
                dict.fromkeys(
                    a.service_id for a in aliases if a.words == _key(borrowed) and a.weight == 1.0
                )
            )
            if len(ids) != 1:
                break
            extra.append(Mention(ids, at, at + 1))
            covered.add(at)
            at += 1
    return extra


def _unknown(words, covered: set[int], services) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Everyday service words the business has nothing for, and its services of that kind."""
    offered = {c.label for _, name in services for c in _concepts_of(name)}
    unknown, kinds = [], set()
    for concept in CONCEPTS:
        if concept.label in offered:
            continue
        for phrase in concept.names + concept.everyday:
            key = _key(_content(phrase))
            hits = _occurrences(_Alias(0, key, 1.0), words)
            if any(not covered & set(range(h[1], h[2])) for h in hits):
                unknown.append(concept.label)
                kinds |= set(concept.kinds)
                break
    instead = tuple(
        ident for ident, name in services if any(set(c.kinds) & kinds for c in _concepts_of(name))
    )
    return tuple(unknown), instead
