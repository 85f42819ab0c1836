"""Regular expressions for Spanish dates and times, compiled once.

They run on *prepared* text: lowercase, no accents, single spaces, number words already
rewritten as digits ("a las siete y media" -> "a las 7 y media"). Every pattern is a flat
sequence of optional groups (no nested repetition), so matching stays linear in the input.
Patterns are rf-strings: a doubled brace ({{1,3}}) is a regex quantifier.
"""

from __future__ import annotations

import re

MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sept|sep|set|oct|nov|dic)"
)
FULL_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre)"
)
WEEKDAY = r"(?:lunes|martes|miercoles|mier|mie|jueves|jue|viernes|vie|sabado|sab|domingo|dom)"
DAY = r"(?<![\d:.$#/-])(?P<day>3[01]|[12]\d|0?[1-9])"
YEAR = r"(?:,? (?:de |del )?(?:ano )?(?P<year>(?:1[89]|2\d)\d\d)\b)?"
MERIDIEM = r"[ap]\.? ?m\b\.?"
# One end of an hour range ("3", "5pm", "12:30"); format with n=1 or n=2 to name the groups.
RANGE_END = (
    r"(?P<h{n}>[01]?\d|2[0-4])(?!\d)(?:[:.](?P<m{n}>[0-5]\d))?(?: ?(?P<mer{n}>[ap])\.? ?m\b\.?)?"
)
PARTS = r"manana|tarde|noche|madrugada"
# What may not follow a number for it to be an hour or a day.
NOT_AN_HOUR_AFTER = re.compile(
    r" ?(?:personas?|gente|citas?|opcion|opciones|veces|pesos|mxn|varos|servicios?|cortes?"
    rf"|dias?|semanas?|meses|mes|anos?|minutos?|mins?|%|x\b|lugares|sillas?|de {MONTH}\b"
    r"|momentos?|momentito|segundos?|ratito|rato|poco|poquito|vez|servicio)"
)
DAY_NOT_FOLLOWED_BY = (
    rf"(?![\d:]|[/.-]\d| ?{MERIDIEM}| ?(?:h|hs|hrs?|horas?)\b| de la\b| y (?:media|cuarto)\b"
    r"| menos\b| en punto| ?(?:personas?|citas?|veces|pesos|opcion))"
)

# "en 3 días", "dentro de 2 semanas", "hace 30 minutos", "2 días a partir de hoy"
OFFSET = re.compile(
    r"\b(?:(?P<pre>dentro de|en|hace|de aqui a) )?(?<![\d$#.:/])(?P<n>\d{1,3}|medio|media) ?"
    r"(?P<unit>minutos|minuto|mins|min|horas|hora|hrs|hr|h|dias|dia|semanas|semana|meses|mes"
    r"|anos|ano)\b(?: (?P<post>a partir de (?P<b1>hoy|ahora|manana|ayer)"
    r"|(?:despues|antes) de (?P<b2>hoy|manana|ayer|ahora)|desde (?P<b3>hoy|ahora)|despues|antes"
    r"|mas tarde)\b)?"
)
# "15/12", "15-12-2026", "2002-10-09", "31-dic-1994", "sep-23-2020", "este 12/05"
_CTOK = rf"\d{{1,4}}|{MONTH}"
COMPACT = re.compile(
    rf"(?:\b(?P<mod>este|esta|el proximo|proximo) )?(?:\b(?P<wd>{WEEKDAY})\.?,? )?"
    rf"(?<![\w.:/$#])(?<!\d-)(?P<a>{_CTOK})(?P<sep>[/-])(?P<b>{_CTOK})(?:(?P=sep)(?P<c>{_CTOK}))?"
    rf"(?![\w/]|-\w|:\d|\.\d| ?{MERIDIEM}| ?(?:hrs?|horas?|h)\b)"
)
# "15 de diciembre", "martes 9 de mayo", "1 de enero de 2032", "este viernes 15 de junio"
LONG = re.compile(
    rf"(?:\b(?P<mod>este|esta|el proximo|proximo) )?(?:\b(?P<wd>{WEEKDAY})\.?,? (?:el )?)?"
    r"(?:\b(?:el )?dia )?(?<![\d:.$#/-])(?P<day>3[01]|[12]\d|0?[1-9]|primero|primer|segundo"
    rf"|tercero)(?![\d:]) ?,? ?(?:(?:de|del|d|do) )?(?P<mon>{MONTH})\b\.?{YEAR}"
)
# "diciembre 24", "septiembre 16 de 2026"
MONTH_FIRST = re.compile(
    rf"\b(?P<mon>{FULL_MONTH}) (?P<day>3[01]|[12]\d|0?[1-9])\b{DAY_NOT_FOLLOWED_BY}{YEAR}"
)
# "el 17 del 11", "el 9 de 8 de 1971"
NUMERIC_MONTH = re.compile(
    r"\b(?:el|del) (?P<day>3[01]|[12]\d|0?[1-9]) (?:de|del) (?P<mon>1[0-2]|0?[1-9])\b"
    rf"(?![:.]\d| ?{MERIDIEM}| de la\b)(?: (?:de|del) (?P<year>(?:1[89]|2\d)\d\d)\b)?"
)
# "el primer sábado de diciembre", "el último viernes de mayo"
NTH_WEEKDAY = re.compile(
    rf"\b(?P<ord>primer|primero|segundo|tercer|tercero|cuarto|ultimo) (?P<wd>{WEEKDAY})"
    rf" (?:de|del) (?:mes de )?(?P<mon>{MONTH})\b{YEAR}"
)
# "la primera semana de octubre (el viernes)"
NTH_WEEK = re.compile(
    r"\b(?P<ord>primera|segunda|tercera|cuarta|ultima) semana (?:de|del) (?:mes de )?"
    rf"(?P<mon>{MONTH})\b(?: (?:el )?(?P<wd>{WEEKDAY}))?"
)


def _mark(n: str) -> str:
    """An a.m./p.m., part-of-day or noon marker after an hour; groups suffixed with `n`."""
    return (
        rf"(?: ?(?P<mer{n}>[ap])\.? ?m\b\.?| (?:de|en|por|a) la (?P<part{n}>{PARTS})\b"
        rf"| del? (?P<noon{n}>mediodia|medio dia|dia\b(?! \d)))?"
    )


def _minutes(n: str) -> str:
    """Minutes after an hour ("y media", "menos cuarto"); groups suffixed with `n`."""
    return (
        rf"(?: (?:y (?P<plus{n}>media|cuarto|[0-5]?\d)|menos (?P<minus{n}>cuarto|[0-5]?\d))"
        r"(?: minutos?)?)?"
    )


# "a las 5", "5pm", "17:30", "8:00:31 de la mañana", "las 8 menos cuarto", "una y media"
TIME = re.compile(
    r"\b(?P<pre>(?:(?P<rel>antes de|despues de|desde|a partir de|hasta) )?"
    r"(?:(?:a|para|como a|tipo a|a eso de|cerca de|alrededor de|de) )?(?P<art>las|la) "
    r"|(?P<loose>tipo|como a eso de) )?"
    r"(?<![\d$#.,:/])(?P<h>[01]?\d|2[0-4])(?!\d)"
    r"(?:(?P<sep>: ?|\.| )(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:]))?"
    r"(?P<hs>(?P<hsp> ?)(?:hrs|hr|hs|horas|hora|h)\b\.?)?"
    rf"{_minutes('a')}{_mark('a')}{_minutes('b')}{_mark('b')}(?P<punto> en punto)?"
)
# "de 3 a 5pm", "entre 3 y 5", "14:00-15:30", "de 10 a 12:30"
TIME_RANGE = re.compile(
    rf"(?:\b(?P<lead>de|desde|entre) (?:las? )?)?(?<![\d:/$#.]){RANGE_END.format(n=1)}"
    rf"(?: ?(?:hrs?|h)\b)? ?(?P<join>a|-|–|hasta|al|y) ?(?P<art2>las? )?{RANGE_END.format(n=2)}"
    r"(?: ?(?:hrs?|h)\b)?(?: (?:de|en|por) la (?P<part>manana|tarde|noche))?(?![\d/])"
)
# "cuarto para las 4", "10 para las 5"
TO_THE_HOUR = re.compile(
    r"\b(?P<q>(?:1 )?cuarto|5|10|15|20|25) (?:minutos )?para (?:las|la) (?P<h>[01]?\d|2[0-4])"
    rf"(?!\d){_mark('a')}"
)
MIDDAY = re.compile(
    r"\b(?:(?:al|a|el|del|de|en) )?(?P<w>mediodia|medio dia|medianoche|media noche)\b"
)
PART = re.compile(
    rf"\b(?:(?:en|por|a|de|durante|toda|para) )?(?P<art>la|esta|las) (?P<p>{PARTS}"
    r"|mananas|tardes|noches|mananita|tardecita|nochecita)\b|\b(?P<p2>temprano|tempranito)\b"
    r"|\b(?:al |a |hacia el |el )?(?:final|fin) (?:del|de) (?:(?P<eod>dia)\b"
    rf"|(?=(?:manana|hoy|este|esta|{WEEKDAY})\b))"
)
RELATIVE_DAY = re.compile(
    r"\b(?P<w>pasado manana|antier|anteayer|antes de ayer|ayer|anoche|hoy mismo|el dia de hoy"
    r"|hoy|manana|(?:el|al) dia siguiente|el dia anterior|ahora mismo|ahorita|ahora"
    r"|en este momento|al rato|mas tarde|del dia(?! \d))\b"
)
_WEEK_WORDS = (
    r"(?:proxima|siguiente|otra|pasada) semana|semana (?:que viene|que entra|pasada|anterior"
    r"|siguiente|proxima)"
)
WEEKDAY_NAMED = re.compile(
    r"\b(?:(?P<m1>este proximo|este pasado|el proximo|el pasado|proximo|este|esta|ese|el) )?"
    rf"(?P<wd>{WEEKDAY})s?\b\.?(?: (?P<m2>que viene|que entra|proximo|siguiente|pasado"
    rf"|anterior|de (?:la )?{_WEEK_WORDS}|de esta semana|esta semana)\b)?"
)
WEEK = re.compile(rf"\b(?:(?:la|esta|de la|de|para la) )?(?P<q>{_WEEK_WORDS}|esta semana)\b")
WEEKEND = re.compile(r"\b(?:(?P<m>este|el proximo|proximo|el) )?(?:fin de semana|finde)\b")
# "lunes 21", "martes el día 25": the day must end the phrase or lead into more of it.
WEEKDAY_AND_DAY = re.compile(
    rf"\b(?P<wd>{WEEKDAY})s?\.? (?:el )?(?:dia )?{DAY}{DAY_NOT_FOLLOWED_BY}"
    r"(?= ?$| ?[,.;:]| \d| (?:a|al|de|del|en|por|para|y|o|u|temprano|mejor|porfa|entre|despues"
    r"|antes|con|me|te|se|que|si|no|esta|esa|como|tipo|hay|tienes|tienen|puede|puedo)\b)"
)
DAY_ONLY = re.compile(
    rf"\b(?:(?P<mod>este|el proximo|proximo) )?(?:el|del|al|dia)\b ?(?:dia )?{DAY}(?!\w)"
    rf"{DAY_NOT_FOLLOWED_BY}(?:,? (?P<which>(?:de |del )?(?:este|el proximo|proximo|siguiente"
    r"|el siguiente) mes|del mes (?:que viene|entrante|siguiente|proximo))\b)?"
)
# "el viernes 4 en la tarde": a weekday and a day number, then a part of the day. Runs before
# the hours, which would read "4 en la tarde" as 4 p.m.
WEEKDAY_DAY_PART = re.compile(
    rf"\b(?:(?P<wd>{WEEKDAY})s?\.? (?:el )?(?:dia )?|(?:el|del) (?:dia )?){DAY}"
    r"(?= (?:en|por) la (?:manana|tarde|noche)\b)"
)
# Relative to a time already proposed: "más tarde", "una hora más tarde", "media hora más
# temprano", "recorrerla una hora", "adelantar 30 minutos". Numbers are digits by now.
_AMOUNT = r"(?P<n{k}>\d{{1,3}}|media|medio) ?(?P<unit{k}>horas?|hrs?|h|minutos?|mins?|min)"
SHIFT = re.compile(
    rf"\b(?:{_AMOUNT.format(k='')} )?(?:(?:1|un) (?:poco|poquito|poquitito) )?(?:mas|\+) "
    r"(?P<dir>tarde|tardecito|tardecita|temprano|tempranito|temprana)\b"
    r"|\b(?P<verb>recorr|atras|retras|adelant|pospon)\w*(?: (?:mi|la|su|tu) cita)?"
    rf"(?: (?:por|como|unos?|unas?))? {_AMOUNT.format(k='2')}\b"
)
# "no para el viernes": a date that is being ruled out.
NEGATED = re.compile(r"\bno (?:(?:es|era|seria|para|pa|el|la|al|a|en|de) )*$")
BARE_HOUR = re.compile(r"(?<![\d$#.,:/-])\b(?P<h>[01]?\d|2[0-4])\b(?!\d|[:/.,-]\d)")
CORRECTION = re.compile(
    r"\b(?:no|mejor|perdon|mas bien|en vez de|en lugar de|cambia|cambiar|cambialo|cambiala"
    r"|cambiemos|corrijo)\b"
)
