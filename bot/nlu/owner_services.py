"""Services as owners list them: names with a duration and a price, in any order and shape.

"Corte 30 min $150, barba 20 min 100", "acrílicas 350 1:30", "Corte dama - $250 - 45 min",
"- Gel: $300 (1.5 hrs)", "Corte 30min 140 / Barba 20min 90", "$180 corte y barba 50 min",
"retiro 80 pesos 20 min", "paquete novia $1,300.00 3 hras". A name is the words between the
values; a value that its item already has, or a name after a complete item, starts the next
service. "Corte y barba" stays one service; a missing duration or price comes back as None so
the flow can ask for it by name.
"""

from __future__ import annotations

import re
import unicodedata

from bot.nlu.owner_words import fold_aligned

# Items are split by lines, bullets, semicolons and a slash or bar between spaces.
_ITEMS = re.compile(r"\n|;|•|·|\s[/|]\s|\s\*\s")
# "1. Corte…", "2) Barba…", "- Gel…", "* Uñas…" at the start of an item.
_BULLET = re.compile(r"^\s*(?:\d{1,2}\s*[.)]\s+(?=[^\W\d])|[-*–—>✅▪️+]+\s*)")
_HOUR_UNIT = r"(?:horas?|hrs?|hras?|hs|h)\b\.?"
_MIN_UNIT = r"(?:minutos?|mins?|min|mns|m)\b\.?"
_WORD_HOURS = {"una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6}
DURATION = re.compile(
    rf"(?<![\w$.,:])(?:\d{{1,2}} ?(?:-|–|a) ?)?(?P<h>\d{{1,2}}(?:[.,]\d{{1,2}})?) ?{_HOUR_UNIT}"
    rf"(?: ?(?:y )?(?:(?P<hm>\d{{1,2}}) ?{_MIN_UNIT}|(?P<half>media|cuarto)\b))?"
    rf"|(?<![\w$.,:])(?P<h2>\d{{1,2}}) ?h ?(?P<m2>[0-5]\d)\b(?: ?{_MIN_UNIT})?"
    rf"|(?<![\w$.,:])(?P<hh>[0-8]):(?P<mm>[0-5]\d)(?! ?(?:am|pm|a\.? ?m|p\.? ?m)\b)"
    rf"(?: ?{_HOUR_UNIT})?"
    rf"|(?<![\w$.,:])(?:\d{{1,3}} ?(?:-|–|a) ?)?(?P<min>\d{{1,3}}) ?(?:{_MIN_UNIT}|')"
    rf"|\b(?P<wh>{'|'.join(_WORD_HOURS)}) (?:horas?|hrs?|hras?)\b(?: y (?P<whalf>media|cuarto)\b)?"
    r"|\b(?P<word>hora y media|hora y cuarto|media hora|hr y media|hra y media|hora)\b"
)
_WORD_MINUTES = {"hora y cuarto": 75, "media hora": 30, "hora": 60}
# A number that counts something else is not a price: "hasta 10 años", "3 sesiones".
_COUNTED = (
    r"(?! ?(?:anos|personas|pers|piezas|pzas|unas|dias|sesiones|semanas|meses|%|x\b|"
    r"[ap]\.? ?m\b|hrs?\b|horas\b|de la))"  # nor a time of day: "de 10 am a 9 pm"
)
PRICE = re.compile(
    r"\$ ?(?P<p>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?(?: ?(?:pesos|mxn|mn)\b)?"
    r"|(?<![\w$.,:])(?P<q>\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})? ?(?:pesos|mxn|mn|varos|\$)"
    rf"|(?<![\w$.,:])(?P<bare>\d{{1,3}}(?:,\d{{3}})+|\d{{2,6}})(?:\.\d{{2}})?(?![\w:]){_COUNTED}"
)
# Words that link a name to its values, never part of the name at its edges ("unas" is not
# one: owners without an ñ write "unas acrilicas").
_EDGE = frozenset(
    """y e de del a al por en con cuesta cuestan precio precios dura duran duracion tarda
    el la los las lo un una unos x cada son es servicio servicios tambien mas otro
    otra que desde aprox aproximadamente como de aprox c u cu pesos mxn varos tiempo
    costo vale valen sale salen c/u""".split()
)
_NOISE = " .,:;-–—*•()[]{}=>_~\"'«»¡!¿?/|+"


def read_services(text: str) -> list[dict]:
    """[{"name", "duration_min", "price_pesos"}] for each service in text, in order."""
    services: list[dict] = []
    for chunk in _ITEMS.split(text or ""):
        chunk = _BULLET.sub("", chunk, count=1)
        if not chunk.strip():
            continue
        items = _services_in(chunk)
        if items and not items[0]["name"] and services:  # "Corte = $150 / 30 min"
            _merge_nameless([services[-1], items.pop(0)])
        services.extend(items)
    return [s for s in services if s["name"]]


def read_values(text: str) -> dict:
    """The durations and prices of a message with no names, for the services whose price or
    time was asked: "single", one item per value in order ("150 y 100"); "merged", the values
    taken together ("30 150" is 30 min, $150); "each", whether they are for all ("30 min cada
    uno", "los dos")."""
    folded = fold_aligned(text or "")
    found = _values(folded)
    merged: list[dict] = []
    for _start, _end, kind, value in found:
        _put(merged, kind, value)
    single = [
        {**_item(""), ("price_pesos" if kind == "bare" else kind): value}
        for _start, _end, kind, value in found
    ]
    return {"single": single, "merged": merged, "each": bool(_EACH.search(folded))}


def _values(folded: str) -> list[tuple[int, int, str, int]]:
    """Durations and prices as (start, end, kind, value), durations claimed first."""
    found: list[tuple[int, int, str, int]] = []
    claimed = bytearray(len(folded))
    for pattern, kind in ((DURATION, "duration_min"), (PRICE, "price_pesos")):
        for m in pattern.finditer(folded):
            if any(claimed[m.start() : m.end()]):
                continue
            value = _minutes(m) if kind == "duration_min" else _pesos(m)
            if value is None:
                continue
            found.append(
                (m.start(), m.end(), "bare" if m.groupdict().get("bare") else kind, value)
            )
            claimed[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(found)


def _minutes(m: re.Match[str]) -> int | None:
    if m["word"]:
        return _WORD_MINUTES.get(m["word"], 90 if m["word"].endswith("media") else 60)
    if m["wh"]:
        return _WORD_HOURS[m["wh"]] * 60 + {"media": 30, "cuarto": 15}.get(m["whalf"] or "", 0)
    if m["hh"] or m["h2"]:
        return int(m["hh"] or m["h2"]) * 60 + int(m["mm"] or m["m2"])
    if m["min"]:
        return int(m["min"]) or None
    hours = float(m["h"].replace(",", "."))
    extra = int(m["hm"] or 0) + {"media": 30, "cuarto": 15}.get(m["half"] or "", 0)
    return round(hours * 60) + extra or None


def _pesos(m: re.Match[str]) -> int:
    return int((m["p"] or m["q"] or m["bare"]).replace(",", ""))


# "Manicure y pedicure $250 c/u": each of the names costs that, not the pair.
_EACH = re.compile(r"\b(?:c/u|c/una|cada uno|cada una|cada 1|los dos|las dos|ambos|ambas)\b")


def _services_in(chunk: str) -> list[dict]:
    folded = fold_aligned(chunk)
    each = [m.span() for m in _EACH.finditer(folded)]
    for start, end in each:  # blanked, keeping every position where it was
        chunk = chunk[:start] + " " * (end - start) + chunk[end:]
        folded = folded[:start] + " " * (end - start) + folded[end:]
    items = _items(chunk, folded)
    if not any(_has_values(item) for item in items):  # names only: "corte, barba y tinte"
        return [one for item in items for one in _each_of(item)]
    if not each:
        return items
    for kind in ("duration_min", "price_pesos"):  # "corte $150 y barba $100 (30 min cada uno)"
        said = {item[kind] for item in items if item[kind] is not None}
        if len(said) == 1:
            for item in items:
                item[kind] = item[kind] if item[kind] is not None else next(iter(said))
    return [one for item in items for one in _each_of(item)]


def _each_of(item: dict) -> list[dict]:
    names = [clean_service_name(n) for n in re.split(r",|/|\by\b|\be\b", item["name"])]
    names = [n for n in names if n]
    return [{**item, "name": n} for n in names] if len(names) > 1 else [item]


def _items(chunk: str, folded: str) -> list[dict]:
    items: list[dict] = []
    pos = 0
    for start, end, kind, value in [*_values(folded), (len(chunk), len(chunk), "", 0)]:
        for n, fragment in enumerate(chunk[pos:start].split(",")):
            name = clean_service_name(fragment)
            if not name:
                continue
            last = items[-1] if items else None
            if last is not None and not last["name"] and n == 0:
                last["name"] = name  # "$180 corte y barba": the values came first
            elif last is not None and n == 0 and not _has_values(last):
                last["name"] = clean_service_name(f"{last['name']} {name}")
            else:
                items.append(_item(name))
        if kind:
            _put(items, kind, value)
        pos = end
    return _merge_nameless(items)


def _put(items: list[dict], kind: str, value: int) -> None:
    """Give the value to the current item, or start a new one if it already has one."""
    last = items[-1] if items else None
    if kind == "bare" and last is not None and last["price_pesos"] is not None:
        if last["duration_min"] is None and _reads_as_minutes(min(last["price_pesos"], value)):
            # "corte 30 150": of two bare numbers, the small round one is the duration
            last["duration_min"] = min(last["price_pesos"], value)
            last["price_pesos"] = max(last["price_pesos"], value)
            return
    kind = "price_pesos" if kind == "bare" else kind
    if last is None or last[kind] is not None:
        items.append(_item(""))
    items[-1][kind] = value


def _reads_as_minutes(number: int) -> bool:
    return 5 <= number <= 240 and number % 5 == 0


def _item(name: str) -> dict:
    return {"name": name, "duration_min": None, "price_pesos": None}


def _has_values(item: dict) -> bool:
    return item["duration_min"] is not None or item["price_pesos"] is not None


def _merge_nameless(items: list[dict]) -> list[dict]:
    """A value with no name of its own ("Corte $150, 30 min") completes the item before it."""
    merged: list[dict] = []
    for item in items:
        previous = merged[-1] if merged else None
        if not item["name"] and previous is not None:
            for kind in ("duration_min", "price_pesos"):
                if previous[kind] is None and item[kind] is not None:
                    previous[kind], item[kind] = item[kind], None
            if not _has_values(item):
                continue
        merged.append(item)
    return merged


def clean_service_name(raw: str) -> str:
    """ "  y barba " -> "Barba"; "- Gel:" -> "Gel"; linking words trimmed at both ends."""
    words = raw.strip(_NOISE).split()
    while words and _bare(words[0]) in _EDGE | {""}:
        words.pop(0)
    while words and _bare(words[-1]) in _EDGE | {""}:
        words.pop()
    name = " ".join(words).strip(_NOISE)
    if not re.search(r"[^\W\d_]", name):
        return ""
    # emojis and symbols at the edges ("💇‍♀️ Corte", "Gel ✨"); a closing ")" only if opened
    name = re.sub(r"[\W_]+$", "", re.sub(r"^[\W_]+", "", name))
    if name.count("(") > name.count(")"):
        name += ")"  # "Corte (niño) 30 min": the parenthesis was trimmed with the values
    return name[:1].upper() + name[1:]


def _bare(word: str) -> str:
    """Lowercase without accents but with its ñ: "Uña" is not the article "una"."""
    kept = word.lower().replace("ñ", "\0")
    plain = "".join(c for c in unicodedata.normalize("NFKD", kept) if not unicodedata.combining(c))
    return plain.replace("\0", "ñ").strip(_NOISE)
