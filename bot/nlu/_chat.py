"""WhatsApp shorthand and misspellings, rewritten to plain words before anything is read.

"mñn" (mañana), "q" (que), "x la tarde" (por la tarde), "pa" (para), "dnd" (dónde), and the
day and part-of-day words people misspell ("sabdo", "miercles", "vierne", "tade"): a fixed
list of shorthand plus a one-letter correction towards the words dates are made of. Works on
normalized text (lowercase, no accents) and carries an index map back to the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.nlu._numbers import IndexMap, Replacement, apply_replacements

SHORTHAND = {
    # mañana, as it is typed
    "mnn": "manana", "mna": "manana", "mnna": "manana", "manna": "manana",
    "mnana": "manana", "manan": "manana", "mananaa": "manana",
    # little words
    "q": "que", "qe": "que", "ke": "que", "xq": "porque", "pq": "porque", "porq": "porque",
    "pa": "para", "pal": "para el", "tmb": "tambien", "tb": "tambien", "tmbn": "tambien",
    "xfa": "por favor", "xfavor": "por favor", "porfis": "porfa", "plis": "porfa",
    "dnd": "donde", "dnde": "donde", "dond": "donde", "qdan": "quedan", "qda": "queda",
    "cnto": "cuanto", "cuant": "cuanto", "kuanto": "cuanto", "cuantoo": "cuanto",
    "prox": "proximo", "sig": "siguiente", "hrs": "hrs",
    # days and parts of the day cut short
    "tard": "tarde", "tade": "tarde", "trde": "tarde", "tardesita": "tardecita",
    "mierc": "miercoles", "juev": "jueves", "vier": "viernes", "sabad": "sabado",
    "tmprano": "temprano", "temprao": "temprano", "nochesita": "nochecita",
}  # fmt: skip
# "x" stands for "por" before an article ("x la mañana"); after a number it means "times".
_X_FOR_POR = re.compile(r"(?<![\d\w])x(?= (?:la|el|las|los|favor|fa)\b)")

# Words dates are made of: a word one letter away from exactly one of them is that word.
VOCABULARY = (
    "lunes martes miercoles jueves viernes sabado domingo manana tarde noche temprano "
    "mediodia medianoche madrugada anoche antier anteayer pasado pasada proximo proxima "
    "semana mananita tardecita nochecita enero febrero marzo abril junio julio agosto "
    "septiembre setiembre octubre noviembre diciembre"
).split()
# Real words one letter away from a date word, which must stay as they are.
PROTECTED = frozenset(
    "viene vienes jueces marte manzana tarda tardo tardan coche noches pesado "
    "pagado casado marco entero julia junia semanal sabana".split()
)
MONTHS = frozenset(
    "enero febrero marzo abril junio julio agosto septiembre setiembre octubre noviembre "
    "diciembre".split()
)
_WORD = re.compile(r"[a-z]+")
# A misspelled month counts only where a month is expected: after "de" or a day number
# ("15 de novienbre"); elsewhere a word one letter from a month is some other word ("entró").
_MONTH_PLACE = re.compile(r"(?:\bde|\d)\s*$")


def expand_chat_words(text: str, index: IndexMap) -> tuple[str, IndexMap]:
    """Rewrite shorthand and near-misses of date words in normalized text."""
    replacements: list[Replacement] = []
    for m in _WORD.finditer(text):
        word = m.group()
        plain = SHORTHAND.get(word) or _corrected(word)
        if plain in MONTHS and not _MONTH_PLACE.search(text[: m.start()]):
            continue
        if plain and plain != word:
            replacements.append((m.start(), m.end(), plain))
    text, index = apply_replacements(text, index, replacements)
    marks = [(m.start(), m.end(), "por") for m in _X_FOR_POR.finditer(text)]
    return apply_replacements(text, index, marks)


def expand(text: str) -> str:
    """The same rewriting for a normalized text without an index map."""
    return expand_chat_words(text, [(i, i) for i in range(len(text))])[0]


@lru_cache(maxsize=8192)
def _corrected(word: str) -> str | None:
    if len(word) < 5 or word in PROTECTED or word in VOCABULARY:
        return None
    near = {v for v in VOCABULARY if _one_edit(word, v)}
    if not near and word.endswith("s") and len(word) > 5:  # a plural: "sabdos"
        near = {v for v in VOCABULARY if _one_edit(word[:-1], v)}
    return near.pop() if len(near) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by one inserted, deleted, replaced or swapped letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]
