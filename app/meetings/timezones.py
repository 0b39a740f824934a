"""IANA time zones: the choices offered, local wall-clock time to UTC, and how times are shown."""

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

DEFAULT_TIMEZONE = "Europe/Brussels"


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
        raise NonexistentLocalTime(
            f"{local:%H:%M} on {local:%-d %B %Y} does not exist in {name}: the clocks go forward then."
        )
    return instant


def format_span(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    """Start and end in ``tz``, e.g. "Thu 10 December 2026, 10:00–17:00 CET"."""
    a, b = start.astimezone(tz), end.astimezone(tz)
    if a.date() == b.date():
        text = f"{a:%a %-d %B %Y, %H:%M}–{b:%H:%M} {b.tzname()}"
    else:
        text = f"{a:%a %-d %B %Y, %H:%M} {a.tzname()} – {b:%a %-d %B %Y, %H:%M} {b.tzname()}"
    return text
