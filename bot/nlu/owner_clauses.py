"""Messages that say several things: corrections in a row, or a correction beside an answer.

"el facial cuesta 850 y son 2 cabinas" is two corrections; "no, trabajo sola y voy a
domicilio" is an answer (nobody else works there) and a correction (home visits). The message
is cut into clauses, and clauses are put back together into the pieces each correction
covers, so that an address with a "y" in it or the hours of several days stay whole.
"""

from __future__ import annotations

import re

from bot.nlu.owner_edits import read_edit
from bot.nlu.owner_services import read_services
from bot.nlu.owner_words import fold_aligned
from flows.understanding import SetupEdit

_CLAUSE = re.compile(r"\s*[,;]\s*|\.\s+|\s+(?:y|e|ademas|pero)\s+")
_CARRY_TARGET = re.compile(r"^(?:dura|duran|tarda|cuesta|cuestan|vale|valen|sale|salen)\b")


def read_edits(text: str) -> list[SetupEdit]:
    """Every correction in text, in order: "el facial cuesta 850 y son 2 cabinas" is two."""
    found = [edit for _piece, edit in edit_pieces(text) if edit is not None]
    found = [edit for n, edit in enumerate(found) if edit not in found[:n]]
    if len(found) > 1:
        return found
    whole = read_edit(text)
    return [whole] if whole else []


def edit_pieces(text: str) -> list[tuple[str, SetupEdit | None]]:
    """The message in pieces, each with the correction it makes (or None): "no, trabajo sola y
    voy a domicilio" is ("no, trabajo sola", None) and ("voy a domicilio", home visits).

    The message is cut into clauses; a clause that is a correction by itself starts a new
    piece, anything else belongs to the piece before it (an address with "y", hours of
    several days). "y dura 40 min" after a price, "y a Lalo" after "quita a Mario", carry
    their target or verb."""
    text = " ".join((text or "").split())
    cuts = [m.span() for m in _CLAUSE.finditer(fold_aligned(text))]
    starts, ends = [0] + [e for _s, e in cuts], [s for s, _e in cuts] + [len(text)]
    groups: list[list] = []  # [start, end, edit, prefix carried from the clause before]
    for a, b in zip(starts, ends, strict=True):
        if not text[a:b].strip():
            continue
        previous = groups[-1][2] if groups else None
        carried = _carried(previous, text[a:b])
        edit = read_edit(carried)
        if not groups or (
            edit is not None and not (previous and previous.field == edit.field == "hours")
        ):
            groups.append([a, b, edit, carried[: len(carried) - (b - a)]])
            continue
        group = groups[-1]
        group[1] = b
        group[2] = read_edit(group[3] + text[group[0] : b])
    pieces = [(prefix + text[a:b], edit) for a, b, edit, prefix in groups]
    # a person added with no phone is most likely the start of a service ("agrega corte y
    # barba 50 min 200"): such a cut is not trusted
    if len(pieces) > 1 and any(e and e.field == "add_staff" and not e.value for _p, e in pieces):
        return [(text, read_edit(text))]
    return pieces


_BARE_TARGET = re.compile(r"^(?:a |al |el |la |los |las )?[^\W\d_]+(?: [^\W\d_]+)?$")
_BARE_PERSON = re.compile(r"^(?:a |al |el |la )?[^\W\d_]+(?: [^\W\d_]+)? ?\+?[\d\s().-]{8,}$")


def _carried(previous: SetupEdit | None, clause: str) -> str:
    """ "dura 40 min" after a price of the corte: "corte dura 40 min"; "a Lalo" after a removal:
    "quita a Lalo"; "a Nancy 55…" after adding a person: "agrega a Nancy 55…"."""
    if previous is None or read_edit(clause) is not None:
        return clause
    plain = fold_aligned(clause).strip()
    if previous.field in ("price", "duration") and _CARRY_TARGET.match(plain):
        return f"{previous.target} {clause}"
    if previous.field == "remove" and _BARE_TARGET.match(plain):
        return f"quita {clause}"
    if previous.field == "add_staff" and _BARE_PERSON.match(plain):
        return f"agrega {clause}"
    if previous.field == "add_service" and read_services(clause):
        return f"agrega {clause}"
    return clause
