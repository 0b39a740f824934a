"""What the fuzzing harness posts: values rich in what breaks a web application, per kind of field.

Integers far beyond the database's range (PostgreSQL's Integer ends at 2^31 - 1, SQLite's at 2^63 - 1), text
with line breaks, tabs and other control characters, extreme and impossible dates, and empty or missing
optional fields. The budget is fixed and the examples derandomized, so a run is reproducible and its time
bounded: the edges of each field and id are tried as explicit examples on every run (tests/fuzz/pages.py
:meth:`Field.edges`, :data:`EDGE_IDS`), then ``max_examples`` generated ones; ``SPOC_FUZZ_EXAMPLES`` raises that
budget for a deeper run by hand.
"""

import os
from datetime import date, datetime

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("SPOC_FUZZ_EXAMPLES", "6")),
    deadline=None,
    derandomize=True,  # the same examples on every run and in CI
    database=None,  # nothing written to the working tree
    # No shrinking: the examples of one test share the database, so a "smaller" example replayed after a bad value
    # was saved would fail for that earlier value; the first failing example, reported as it is, is the cause.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")
# An id route answers the same way for most ids: its explicit examples (each argument at 2**31 and 2**63) and a few
# generated ones suffice.
FUZZ_IDS = settings(FUZZ, max_examples=max(1, FUZZ.max_examples * 2 // 3))

# Record ids: the edges of the 32-bit and 64-bit integer columns, and beyond (werkzeug's int converter matches no
# sign, so negative ids never reach a view).
HUGE_IDS = [2**31 - 1, 2**31, 2**32, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30]
BEYOND_INT32 = 2**31
EDGE_IDS = [2**31, 2**63]  # the first id PostgreSQL's Integer cannot hold, and the first SQLite cannot


def ids(valid: list[int]) -> st.SearchStrategy[int]:
    """An id of a record that exists, one that does not, or one beyond every integer column."""
    return st.one_of(st.sampled_from(sorted(set(valid) | {0, 1})), st.sampled_from(HUGE_IDS),
                     st.integers(min_value=0, max_value=2**70))


ABSENT = None  # a field left out of the post altogether (an unticked box, a forged request)
EMPTY = st.sampled_from(["", " ", ABSENT])

BREAKS = ["\r\n", "\n", "\r", "\t", "\x0b", "\x0c", "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff"]
WORD = st.text(st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")), min_size=1, max_size=8)
NASTY = ["<script>alert(1)</script>", "'; DROP TABLE users; --", "%00", "\u202eevil", "Ünïcödé ✓ 日本語",
         "x" * 5000, "../../etc/passwd", "{{ 7 * 7 }}", "\r\nBCC: someone@example.org"]
TEXT = st.one_of(
    st.builds(lambda a, control, b: a + control + b, WORD, st.sampled_from(BREAKS), WORD),  # a control inside
    st.builds(lambda a, control: a + control, WORD, st.sampled_from(BREAKS)),  # at the end, kept by strip()?
    st.sampled_from(NASTY),
    st.text(max_size=40),
    EMPTY,
)

INT_TEXT = ["-0", " 7 ", "1e3", "1e309", "NaN", "0x10", "١٢", "+5", "3.5", "9" * 40]
INTEGERS = st.one_of(
    st.sampled_from(HUGE_IDS + [-(2**31) - 1, -(2**63) - 1, -1, 0]).map(str),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(INT_TEXT),
    EMPTY,
)

BAD_DATES = ["9999-12-31", "0001-01-01", "2026-02-30", "2026-02-29", "2028-02-29", "2026-13-01", "0000-00-00",
             "10000-01-01", "1970-01-01", "2026-2-3", "31/12/2026", "2026-12-31T10:00", "today"]
DATES = st.one_of(st.sampled_from(BAD_DATES), st.dates(min_value=date(1, 1, 1)).map(date.isoformat), EMPTY)

BAD_DATETIMES = ["9999-12-31T23:59", "9999-12-31T00:00", "0001-01-01T00:00", "2026-02-30T10:00",
                 "2026-01-01T24:00", "2026-01-01T10:61", "2026-03-29T02:30", "10000-01-01T00:00", "2026-01-01",
                 "2026-01-01 10:00", "2026-01-01T10:00:00.5", "2026-01-01T10:00Z"]
DATETIMES = st.one_of(st.sampled_from(BAD_DATETIMES),
                      st.datetimes(min_value=datetime(1, 1, 1)).map(lambda d: d.isoformat(timespec="minutes")),
                      EMPTY)

GARBAGE = st.one_of(INTEGERS, st.sampled_from(NASTY), st.text(max_size=10))
