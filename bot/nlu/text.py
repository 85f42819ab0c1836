"""Normalise Mexican-Spanish chat text and read the small answers a conversation waits for.

Pure functions, standard library only: `normalize` for matching, `read_number_choice` for
"la 2" / "la segunda", `read_yes_no` for "sí porfa" / "nel", and `best_match` to find service
and staff names inside free text despite missing accents, case and small typos.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from bot.nlu._numbers import ORDINAL_WORDS, SMALL_NUMBER_WORDS

# Characters that carry meaning for times, dates and prices; everything else that is not a
# letter or digit (punctuation, emoji) becomes a separator.
KEEP_CHARS = ":/$."


@lru_cache(maxsize=4096)
def _fold(ch: str) -> str:
    """Lowercase one character and drop its accents ("Í" -> "i", "ñ" -> "n", "º" -> "o")."""
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def normalize_with_map(text: str, keep: str = KEEP_CHARS) -> tuple[str, list[int]]:
    """Normalise `text` and return, for each output character, its index in `text`.

    The index map lets a caller report where in the original message something was found.
    """
    out: list[str] = []
    index: list[int] = []
    gap_at = -1  # where the current run of separators started, if any
    for i, ch in enumerate(text or ""):
        for c in _fold(ch):
            if c.isalnum() or c in keep:
                if gap_at >= 0 and out:
                    out.append(" ")
                    index.append(gap_at)
                gap_at = -1
                out.append(c)
                index.append(i)
            elif gap_at < 0:
                gap_at = i
    return "".join(out), index


def normalize(text: str) -> str:
    """Lowercase, strip accents, drop emoji and punctuation (keeping : / $ .), collapse spaces."""
    return normalize_with_map(text)[0]


# --- numbered choices -------------------------------------------------------------------

_TIME_MARKERS = re.compile(
    r"\d ?[ap]\.? ?m\b|\ba las? \d|\blas \d|:\d\d|\bde la (?:manana|tarde|noche|madrugada)\b"
    r"|\d ?(?:h|hrs?|horas?)\b|\bmediodia\b"
)
_CHOICE_FILLERS = frozenset(
    "quiero me gustaria prefiero mejor dame deme seria escojo elijo tomo va sale ok okay si "
    "pues entonces bueno porfa por favor plis pls please gracias esta bien esa ese eso es "
    "agendame apartame reservame la de que dice".split()
)
_CHOICE = re.compile(
    r"(?:(?:el|la|los|las) )?(?:(?:opcion|numero|num|no\.?|op) ?)*"
    r"(?P<n>\d{1,2}|[a-z]+)(?:(?:o|a|er|era|ro|ra|do|da|to|ta|vo|va|no|na)\b)?\.?"
    r"(?: (?:opcion|op))?"
)


def _strip_fillers(words: list[str]) -> list[str]:
    """Drop courtesy and filler words around the core of a short answer."""
    start, end = 0, len(words)
    while start < end and words[start] in _CHOICE_FILLERS - {"la"}:
        start += 1
    while end > start and words[end - 1] in _CHOICE_FILLERS:
        end -= 1
    return words[start:end]


def read_number_choice(text: str, n_options: int) -> int | None:
    """Read which of `n_options` numbered options the person chose (1-based), or None.

    "2", "la 2", "opción 2", "#2", "dos", "la segunda", "segunda opción", "la última" all
    choose; "a las 2", "2 de la tarde" and "2pm" are times, not choices.
    """
    norm = normalize(text)
    if not norm or len(norm) > 60 or _TIME_MARKERS.search(norm):
        return None  # a choice is a short answer; long texts are not read here
    core = " ".join(_strip_fillers(norm.split()))
    match = _CHOICE.fullmatch(core)
    if not match:
        return None
    word = match["n"]
    if word.isdigit():
        number = int(word)
    elif word in ("ultima", "ultimo"):
        number = n_options
    elif word == "una" and core.startswith("la "):
        return None  # "la una" is one o'clock, not option one
    else:
        number = ORDINAL_WORDS.get(word) or SMALL_NUMBER_WORDS.get(word) or 0
    return number if 1 <= number <= n_options else None


# --- yes / no ---------------------------------------------------------------------------

_YES_EMOJI = ("👍", "👌", "✅", "✔", "🙌", "👏")
_NO_EMOJI = ("👎", "❌", "✖", "🚫")
_UNSURE = re.compile(
    r"^(?:no se\b|nose\b|no lo se\b|ni idea\b|no estoy segur|quiza|tal vez|talvez|a lo mejor"
    r"|depende\b|m+\b|este\s*$)"
)
_YES_WITH_NO = re.compile(r"\b(?:no hay (?:problema|bronca|pedo|falla)|por que no|como no)\b")
_NO_START = re.compile(
    r"^(?:no+|nel|nop|nope|nah|nones|negativo|para nada|mejor no|ahorita no|ahora no|todavia no"
    r"|aun no|por ahora no|creo que no|ya no|siempre no|tampoco|no gracias)\b"
)
_NO_ANYWHERE = re.compile(
    r"\b(?:mejor no|ahorita no|por ahora no|creo que no|todavia no|siempre no|no gracias"
    r"|no puedo|no quiero|no me (?:queda|late|sirve))\b"
)
_YES_START = re.compile(
    r"^(?:si+|sip|sipi|simon|simona|va|vale|sale|orale|andale|claro|ok|okay|oki|okey|okis|k"
    r"|de acuerdo|perfecto|perfect|confirmo|confirmado|confirmada|esta bien|me parece bien"
    r"|adelante|dale|listo|correcto|exacto|asi es|afirmativo|por supuesto|obvio|seguro"
    r"|yes|yep|muy bien|excelente|genial|bueno|con gusto|sale y vale|chido)\b"
)
_CHANGE = re.compile(
    r"\b(?:pero|mejor|aunque|nada mas que|solo que|cambia|cambiar|en vez|en lugar|otra hora"
    r"|otro dia)\b"
)
_REFUSAL_START = re.compile(r"^(?:no+|nel)\b(?! hay)")
_YES_LATER = re.compile(
    r"\b(?:creo|claro) que si\b|^(?:ahi|alli|alla) (?:estare|estaremos|nos vemos|voy|llego)\b"
    r"|^nos vemos\b|^si voy\b|^cuenta conmigo\b|^asistire\b|^(?:ahi|alli) (?:estoy|estamos)\b"
)
_STRETCHED = re.compile(r"([a-z])\1{2,}")  # "siii" -> "si", "nooo" -> "no"
_LEADING_FILLER = re.compile(r"^(?:(?:pues|ah|oh|eh|ay|ahh|este|oye|mira|hola|ehh) )+")


def read_yes_no(text: str) -> bool | None:
    """Read a yes/no answer in Mexican Spanish; None when it is neither or unclear.

    A "no" followed by a correction ("no, mejor a las 6") is False: the proposal is refused
    and the rest of the text stays for the date/time parser. A "yes" that asks for a change
    ("sí pero a las 6") is None, because confirming the original proposal would be wrong;
    the caller should look for the new time in the same text.
    """
    raw = text or ""
    yes_emoji = any(e in raw for e in _YES_EMOJI)
    no_emoji = any(e in raw for e in _NO_EMOJI)
    norm = _STRETCHED.sub(r"\1", normalize(raw))
    norm = _LEADING_FILLER.sub("", norm.replace(".", " ").strip()).strip()
    if not norm:  # only emoji
        return yes_emoji if yes_emoji != no_emoji else None
    if _UNSURE.search(norm):
        return None
    if _YES_WITH_NO.search(norm) and not _REFUSAL_START.match(norm):
        return True
    if _NO_START.match(norm) or _NO_ANYWHERE.search(norm):
        return False
    if _YES_START.match(norm) or yes_emoji:
        return None if _CHANGE.search(norm) else True
    if _YES_LATER.search(norm):
        return True
    return False if no_emoji else None


# --- fuzzy name matching ----------------------------------------------------------------

_STOPWORDS = frozenset(
    "de del la el los las y e con para a al en un una mi me por que quiero".split()
)


class Match(NamedTuple):
    """A candidate name found in a text, with a score in 0..1 (1 = every word present)."""

    name: str
    score: float


def _words(text: str) -> list[str]:
    return [w for w in normalize(text).replace(".", " ").split() if w not in _STOPWORDS]


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("es"):
        return word[:-2]
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@lru_cache(maxsize=8192)
def word_score(name_word: str, text_word: str) -> float:
    """How well one word of the text stands for one word of a name (0..1)."""
    a, b = _singular(name_word), _singular(text_word)
    if a == b:
        return 1.0
    if len(b) >= 3 and a.startswith(b) and len(b) / len(a) >= 0.5:
        return 0.85 + 0.15 * len(b) / len(a)  # "sofi" for "sofia", "manicur" for "manicure"
    if len(a) >= 5 and text_word.startswith(a) and text_word[len(a) :] in _CLITICS:
        return 0.95  # "pintarme" for "pintar", "cortarle" for "cortar"
    if abs(len(a) - len(b)) > 2 or min(len(a), len(b)) < 4:
        return 0.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= 0.8 else 0.0


_CLITICS = frozenset(("me", "te", "le", "la", "lo", "se", "nos", "les", "las", "los"))
_word_score = word_score


def _name_score(name_words: list[str], text_words: set[str], distinctive: set[str]) -> float:
    if not name_words:
        return 0.0
    scores = [max((_word_score(nw, tw) for tw in text_words), default=0.0) for nw in name_words]
    coverage = sum(scores) / len(scores)
    # A word only this name has ("acrilicas") identifies it even if other words are missing.
    pairs = zip(name_words, scores, strict=True)
    hits_distinctive = any(s >= 0.8 and w in distinctive for w, s in pairs)
    return max(coverage, 0.6) if hits_distinctive and coverage > 0 else coverage


def best_match(text: str, names: list[str], threshold: float = 0.5) -> list[Match]:
    """Return the names mentioned in `text`, best first, with scores >= `threshold`.

    Two results with the same top score mean the text is ambiguous ("corte" when there are
    "Corte de dama" and "Corte de caballero").
    """
    text_words = set(_words(text))
    if not text_words or not names:
        return []
    norm_text = f" {' '.join(_words(text))} "
    word_lists = [_words(name) for name in names]
    counts: dict[str, int] = {}
    for words in word_lists:
        for w in set(words):
            counts[w] = counts.get(w, 0) + 1
    distinctive = {w for w, n in counts.items() if n == 1}
    found = []
    for name, words in zip(names, word_lists, strict=True):
        if words and f" {' '.join(words)} " in norm_text:
            score = 1.0
        else:
            score = _name_score(words, text_words, distinctive)
        if score >= threshold:
            found.append(Match(name, round(score, 3)))
    return sorted(found, key=lambda m: -m.score)
