"""IANA time zones: the choices offered, local wall-clock time to UTC, and how times are shown."""

from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from app.core.i18n import _, format_date, format_local
from app.core.limits import in_zone

DEFAULT_TIMEZONE = "Europe/Brussels"


def today() -> date:
    """Today's date in UTC: the one "today" of every rule and form (due dates, terms, reviews)."""
    return datetime.now(UTC).date()


class NonexistentLocalTime(ValueError):
    """A wall-clock time skipped by a clock change (e.g. 02:30 on the last Sunday of March in Brussels)."""


@cache
def all_timezones() -> tuple[str, ...]:
    return tuple(sorted(available_timezones()))


def is_known(name: str | None) -> bool:
    return bool(name) and name in set(all_timezones())


def zone(name: str | None) -> ZoneInfo:
    """The zone called ``name``; the default zone for an empty or unknown name."""
    return ZoneInfo(name if is_known(name) else DEFAULT_TIMEZONE)


def local_to_utc(local: datetime, name: str) -> datetime:
    """The UTC instant of a wall-clock time in zone ``name``.

    A time that occurs twice (the autumn clock change) means its first occurrence; a time that never
    occurs (the spring clock change) is refused, rather than silently moved by an hour.
    """
    tz = ZoneInfo(name)
    aware = local.replace(tzinfo=tz, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise NonexistentLocalTime(_(
            "%(time)s on %(day)s does not exist in %(zone)s: the clocks go forward then.",
            time=f"{local:%H:%M}", day=format_date(local), zone=name,
        ))
    return instant


# Weekday, day, month name, year and 24-hour time; Babel supplies the names in the reader's language.
MOMENT = "EEE d MMMM y, HH:mm"


def format_span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """Start and end in ``tz``, e.g. "Thu 10 December 2026, 10:00–17:00 CET" ("jeu. 10 décembre 2026, ...");
    a moment at the very end of the calendar (the year 9999), which ``tz`` cannot show, in UTC."""
    a, b = in_zone(start, tz), in_zone(end, tz)
    if a.date() == b.date():
        text = f"{format_local(a, MOMENT)}–{b:%H:%M} {b.tzname()}"
    else:
        text = f"{format_local(a, MOMENT)} {a.tzname()} – {format_local(b, MOMENT)} {b.tzname()}"
    return text
