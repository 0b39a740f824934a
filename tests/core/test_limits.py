"""app/core/limits.py: what an id, a number from a query string, a moment in a zone and one-line text may be."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.core.limits import MAX_ID, in_zone, one_line, to_id, to_number


@pytest.mark.parametrize("raw", [None, "", " 5", "5 ", "+5", "-5", "5_0", "1e3", "²", "٣", "0", str(MAX_ID + 1),
                                 "9" * 5000, True, 0, -1, 2**63, 5.0])
def test_anything_that_cannot_be_an_id_is_none(raw):
    assert to_id(raw) is None


@pytest.mark.parametrize(("raw", "expected"), [("1", 1), ("0042", 42), (str(MAX_ID), MAX_ID), (7, 7)])
def test_an_id_in_ascii_digits_within_the_database_range_is_read(raw, expected):
    assert to_id(raw) == expected


def test_a_number_is_read_within_its_own_bounds():
    assert to_number("365", 1, 365) == 365
    assert to_number("366", 1, 365) is None
    assert to_number("0", 0, 10) == 0


def test_a_moment_a_zone_cannot_show_is_given_in_utc():
    brussels = ZoneInfo("Europe/Brussels")
    ordinary = datetime(2029, 11, 15, 9, 0, tzinfo=UTC)
    assert in_zone(ordinary, brussels) == ordinary
    assert in_zone(ordinary, brussels).tzinfo is brussels
    last = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
    assert in_zone(last, brussels) == last
    assert in_zone(last, brussels).utcoffset().total_seconds() == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("Autumn meeting\nof the network", "Autumn meeting of the network"),
    ("The Hague,\r\n  Europol\n\nheadquarters", "The Hague, Europol headquarters"),
    ("One\u2028two\x85three\rfour", "One two three four"),
    ("  kept as it is  ", "  kept as it is  "),
    (None, None),
])
def test_one_line_turns_each_line_break_into_one_space(text, expected):
    assert one_line(text) == expected
