"""Read the slot values a Rasa assistant sends into the values Yume's validators take.

Rasa fills a slot from an entity or from the customer's text. Its usual time extractor,
Duckling, gives an ISO instant with the offset of the timezone Duckling ran in
("2026-12-04T17:00:00.000-06:00"), or an interval ({"from": …, "to": …}); a text slot gives
words ("el viernes", "a las 5", "corte de dama", "sofi"). All of it is read here with Yume's
own parser and catalog matching (bot.nlu, the same the WhatsApp flows use), in the
business's timezone and with its hours for a bare "a las 5", and handed on as service and
staff ids, ISO dates and HH:MM times.

Instants are converted to the business's timezone, so an offset from another zone (or the
other side of a daylight-saving change) still names the right local time. A value at
midnight with a day grain (or no grain) names a calendar day: it is read as the date written,
whatever its offset.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.nlu.understand import Catalog, Expecting, read_rules
from bot.nlu.when import parse_when
from domain.availability import default_location
from domain.hours import load_hours
from domain.models import Organization, Service, Staff

DAY_GRAINS = frozenset(("day", "week", "month", "quarter", "year"))
NUMBER = re.compile(r"^\D{0,12}?(\d{1,7})(?:\.0+)?\D{0,3}$")


@dataclass(frozen=True)
class Moment:
    """What a date or time slot value says, in the business's local terms."""

    date: dt.date | None = None
    time: dt.time | None = None
    window: tuple[dt.time, dt.time] | None = None  # a part of a day: "en la tarde"


class Reader:
    """Reads one business's slot values, relative to `now` (an aware datetime)."""

    def __init__(self, org: Organization, now: dt.datetime):
        self.org, self.tz, self.now = org, ZoneInfo(org.timezone), now
        self.local_now = now.astimezone(self.tz).replace(tzinfo=None)
        self._hours = None
        self._catalog = None

    # --- dates and times -------------------------------------------------------------

    def moment(self, value, grain: str | None = None, *, bare_hour: bool = False) -> Moment:
        if value in (None, "", [], {}):
            return Moment()
        if isinstance(value, list):
            return self.moment(value[0], grain, bare_hour=bare_hour)
        if isinstance(value, dict):
            return self._from_dict(value, grain)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = f"{value:g}"
        text = str(value).strip()
        instant = _iso_datetime(text)
        if instant is not None:
            return self._instant(instant, grain)
        for parse, field in ((dt.date.fromisoformat, "date"), (_iso_time, "time")):
            try:
                return Moment(**{field: parse(text)})
            except ValueError:
                pass
        return self._words(text, bare_hour)

    def _from_dict(self, value: dict, grain: str | None) -> Moment:
        if "from" in value or "to" in value:  # a Duckling interval
            start, end = value.get("from"), value.get("to")
            first = self.moment(start or end, _grain_of(start or end) or grain)
            if start is None or end is None or first.date is None:
                return first
            last = self.moment(end, _grain_of(end) or grain)
            if first.time is not None and last.time is not None and last.date == first.date:
                return Moment(first.date, None, (first.time, last.time))
            return Moment(first.date)
        return self.moment(value.get("value"), value.get("grain") or grain)

    def _instant(self, instant: dt.datetime, grain: str | None) -> Moment:
        if instant.tzinfo is None:  # a wall time without an offset: the business's own
            return Moment(instant.date(), instant.time().replace(second=0, microsecond=0))
        at_midnight = instant.time() == dt.time(0)
        if grain in DAY_GRAINS or (grain is None and at_midnight):
            return Moment(instant.date())
        local = instant.astimezone(self.tz)
        return Moment(local.date(), local.time().replace(second=0, microsecond=0))

    def _words(self, text: str, bare_hour: bool) -> Moment:
        when = parse_when(
            text, self.local_now, hours_for=self.hours_for, bare_number_is_hour=bare_hour
        )
        return Moment(when.date, when.time, when.part_of_day)

    def hours_for(self, day: dt.date) -> list[tuple[dt.time, dt.time]]:
        if self._hours is None:
            self._hours = load_hours(default_location(self.org).hours)
        return self._hours.get(day.weekday(), [])

    # --- names -----------------------------------------------------------------------

    def service(self, value) -> int | list[int] | None:
        """A service id; several when the words fit more than one; None when none fits."""
        return self._named(value, Service, "services")

    def staff(self, value) -> int | list[int] | str | None:
        """A staff member's id, or "any" for "quien sea"; as `service` otherwise."""
        if isinstance(value, str) and self._read(value, Catalog()).any_staff:
            return "any"
        return self._named(value, Staff, "staff")

    def _named(self, value, model, kind: str):
        if value in (None, ""):
            return None
        if isinstance(value, int | float) or str(value).strip().isdigit():
            ident = int(float(value))
            found = model.get_or_none(
                (model.org == self.org) & (model.id == ident) & (model.active == True)  # noqa: E712
            )
            return found.id if found else None
        catalog = self.catalog()
        only = Catalog(**{kind: getattr(catalog, kind)})
        said = self._read(str(value), only)
        ids = list(said.service_ids if kind == "services" else said.staff_ids)
        return ids[0] if len(ids) == 1 else (ids or None)

    def catalog(self) -> Catalog:
        """The names customers may use, as the WhatsApp flows read them."""
        if self._catalog is None:
            self._catalog = Catalog(
                services=tuple(
                    Service.select(Service.id, Service.name)
                    .where(Service.org == self.org, Service.active == True)  # noqa: E712
                    .tuples()
                ),
                staff=tuple(
                    Staff.select(Staff.id, Staff.name)
                    .where(Staff.org == self.org, Staff.active == True)  # noqa: E712
                    .tuples()
                ),
            )
        return self._catalog

    def name(self, value) -> str:
        """ "me llamo Paola Núñez" -> "Paola Núñez"; other text as it came."""
        text = str(value or "").strip()
        said = read_rules(text, catalog=Catalog(), now=self.local_now, expecting=Expecting("name"))
        return said.name or text

    def _read(self, text: str, catalog: Catalog):
        return read_rules(text, catalog=catalog, now=self.local_now)


def number(value) -> int | None:
    """An appointment number as Rasa may send it: 12, 12.0, "12", "#12", "la 12"."""
    if value in (None, "") or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() and value > 0 else None
    match = NUMBER.match(str(value).strip())
    return int(match.group(1)) if match else None


def grain_in(entities: list[dict], value) -> str | None:
    """The grain Duckling gave the entity that filled a slot with this value, if known."""
    for entity in entities or []:
        if entity.get("value") == value:
            info = entity.get("additional_info") or {}
            return info.get("grain") or _grain_of(info.get("from"))
    return None


def _grain_of(value) -> str | None:
    return value.get("grain") if isinstance(value, dict) else None


def _iso_datetime(text: str) -> dt.datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _iso_time(text: str) -> dt.time:
    if not re.fullmatch(r"\d{1,2}:\d{2}(?::\d{2})?", text):
        raise ValueError(text)
    return dt.time.fromisoformat(text.zfill(5) if len(text) == 4 else text)
