"""What a value may be before it reaches the database, a time zone or a one-line format, whatever its way in
(an address, a form, a query string): ids and numbers in the database's integer range, years every time zone
can show, one-line text on one line.

PostgreSQL's ``integer`` is 32 bits and SQLite's 64: a larger number in a query is a server error on both, so
every id is checked against the smaller range here first. Python's ``datetime`` ends with the year 9999: a
moment near either end of the calendar cannot be moved into every time zone. And a line break in a title or a
place breaks every one-line format that carries it (an iCalendar property, a header). This module imports
nothing of the application, so that every layer can use it.
"""

from datetime import UTC, date, datetime, tzinfo
from typing import Any

from werkzeug.routing import IntegerConverter, ValidationError

MAX_ID = 2**31 - 1  # PostgreSQL's integer; ids start at 1
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200  # the years a form accepts in a date

# Where str.splitlines() ends a line: LF, CR, and the rarer VT, FF, FS, GS, RS, NEL, U+2028 and U+2029.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def to_number(raw: Any, low: int = 1, high: int = MAX_ID) -> int | None:
    """``raw`` (text from an address, a query string or a form, or a number) as a whole number from ``low`` to
    ``high``; None for anything else: empty, a sign, spaces, a digit other than 0-9 (``"²".isdigit()`` is true,
    ``int("²")`` fails), or a number out of range."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        number = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= len(str(high)) + 2:
        number = int(raw)
    else:
        return None
    return number if low <= number <= high else None


def to_id(raw: Any) -> int | None:
    """A record id from ``raw``, or None when it cannot be one (see :func:`to_number`)."""
    return to_number(raw, 1, MAX_ID)


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: a number the database can hold, else the route does not match (404)."""

    def __init__(self, map: Any, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits, min, max, signed)

    def to_python(self, value: str) -> Any:
        if len(value) > len(str(MAX_ID)):  # long before int() would refuse it (4300 digits: a server error)
            raise ValidationError()
        return super().to_python(value)


def in_year_range(value: date) -> bool:
    """Whether a date (or a moment) is in the years forms accept."""
    return EARLIEST_YEAR <= value.year <= LATEST_YEAR


def in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """``moment`` in ``zone``; in UTC when that zone's clock would be outside the calendar (hours from the start of
    the year 1 or the end of 9999, which only data written outside the forms can hold)."""
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        return moment.astimezone(UTC)


def has_line_break(text: str) -> bool:
    return not LINE_BREAKS.isdisjoint(text)


def one_line(text: Any) -> Any:
    """``text`` on one line: each line break, with the spaces around it, becomes one space. Anything that is not
    text, or text without a line break, is returned as it is."""
    if not isinstance(text, str) or not has_line_break(text):
        return text
    return " ".join(part.strip() for part in text.splitlines() if part.strip())
