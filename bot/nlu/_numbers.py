"""Spanish number words and ordinals, rewritten to digits while keeping an index map.

The date/time and catalog readers work on digits only; these helpers turn "veintiocho de
marzo de mil novecientos noventa y dos" into "28 de marzo de 1992" and "1.º"/"21ro" into
"1"/"21", remembering where each character came from so spans can point at the original.
"""

from __future__ import annotations

import re

UNITS = {
    "cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiun": 21, "veintiuno": 21,
    "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29,
}  # fmt: skip
TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}  # fmt: skip
HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500,
    "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
    "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
    "novecientas": 900,
}  # fmt: skip
SMALL_NUMBER_WORDS = {w: n for w, n in UNITS.items() if 1 <= n <= 20}
ORDINAL_WORDS = {
    "primero": 1, "primera": 1, "primer": 1, "segundo": 2, "segunda": 2, "tercero": 3,
    "tercera": 3, "tercer": 3, "cuarto": 4, "cuarta": 4, "quinto": 5, "quinta": 5,
    "sexto": 6, "sexta": 6, "septimo": 7, "septima": 7, "setimo": 7, "setima": 7,
    "octavo": 8, "octava": 8, "noveno": 9, "novena": 9, "decimo": 10, "decima": 10,
}  # fmt: skip

_WORD = re.compile(r"[a-z]+")
# "1.o" (from "1.º"), "1o", "1er", "21ro", "2do", "17.°": ordinal suffixes glued to a number.
_ORDINAL_SUFFIX = re.compile(
    r"(?<![\d.,])(\d{1,2})(?:\.?[o°]|er|ero|ra|ro|do|da|to|ta|vo|va|mo|ma|no|na)(?![a-z0-9])\.?"
)

Replacement = tuple[int, int, str]
# For each character of a rewritten text: the first and last original characters it stands for.
IndexMap = list[tuple[int, int]]


def apply_replacements(
    text: str, index: IndexMap, replacements: list[Replacement]
) -> tuple[str, IndexMap]:
    """Replace non-overlapping (start, end, new) regions, carrying the index map along."""
    if not replacements:
        return text, index
    pieces: list[str] = []
    new_index: IndexMap = []
    pos = 0
    for start, end, new in sorted(replacements):
        pieces.append(text[pos:start])
        new_index.extend(index[pos:start])
        pieces.append(new)
        new_index.extend([(index[start][0], index[end - 1][1])] * len(new))
        pos = end
    pieces.append(text[pos:])
    new_index.extend(index[pos:])
    return "".join(pieces), new_index


def _below_thousand(words: list[str], i: int) -> tuple[int | None, int]:
    """Read "novecientos noventa y dos"-style numbers below 1000 starting at words[i]."""
    value = None
    if i < len(words) and words[i] in HUNDREDS:
        value, i = HUNDREDS[words[i]], i + 1
    if i < len(words) and words[i] in TENS:
        value, i = (value or 0) + TENS[words[i]], i + 1
        if i + 1 < len(words) and words[i] == "y" and 1 <= UNITS.get(words[i + 1], 0) <= 9:
            value, i = value + UNITS[words[i + 1]], i + 2
    elif i < len(words) and words[i] in UNITS:
        value, i = (value or 0) + UNITS[words[i]], i + 1
    return value, i


def read_spelled_number(words: list[str], i: int = 0) -> tuple[int | None, int]:
    """Read a spelled number (up to 999 999) at words[i]; return (value, next index)."""
    value, j = _below_thousand(words, i)
    if j < len(words) and words[j] == "mil":
        thousands = value if value is not None else 1
        rest, j = _below_thousand(words, j + 1)
        return thousands * 1000 + (rest or 0), j
    return value, j


def _word_runs(text: str) -> list[list[re.Match[str]]]:
    """Group consecutive words separated by exactly one space."""
    runs: list[list[re.Match[str]]] = []
    for m in _WORD.finditer(text):
        if runs and runs[-1][-1].end() + 1 == m.start() and text[m.start() - 1] == " ":
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def spell_numbers(text: str, index: IndexMap) -> tuple[str, IndexMap]:
    """Rewrite spelled numbers as digits ("dos mil veinte" -> "2020")."""
    replacements: list[Replacement] = []
    for run in _word_runs(text):
        words = [m.group() for m in run]
        i = 0
        while i < len(words):
            if words[i] == "y" or (
                words[i] not in UNITS
                and words[i] not in TENS
                and words[i] not in HUNDREDS
                and words[i] != "mil"
            ):
                i += 1
                continue
            value, j = read_spelled_number(words, i)
            if value is None or j == i:
                i += 1
                continue
            replacements.append((run[i].start(), run[j - 1].end(), str(value)))
            i = j
    return apply_replacements(text, index, replacements)


def strip_ordinal_suffixes(text: str, index: IndexMap) -> tuple[str, IndexMap]:
    """Rewrite "1.o", "1er", "21ro", "17.°" as bare numbers."""
    replacements = [(m.start(), m.end(), m.group(1)) for m in _ORDINAL_SUFFIX.finditer(text)]
    return apply_replacements(text, index, replacements)
