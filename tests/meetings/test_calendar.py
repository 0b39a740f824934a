"""The month view, the list of meetings, the twice-a-year indicator and the fixed number of queries."""

from datetime import datetime

import pytest

from app.meetings.cadence import meetings_per_year
from tests.factories import HTMX, PAST, action, answer, is_fragment


def test_month_view_places_meetings_on_their_days_in_the_viewers_zone(make_meeting, member_client, db):
    make_meeting(status="convened", title="Hague plenary", start=datetime(2029, 11, 15, 10))
    # 23:30 in Lisbon on 30 November is already 1 December in Brussels (the default zone).
    make_meeting(status="convened", title="Late session", start=datetime(2029, 11, 30, 23, 30),
                 timezone="Europe/Lisbon", hours=1)
    page = member_client.get("/calendar?month=2029-11").data.decode()
    assert "November 2029" in page
    assert "10:00 Hague plenary" in page
    assert 'href="/calendar?month=2029-10"' in page
    assert 'href="/calendar?month=2029-12"' in page
    assert "Late session" not in _cell(page, "30")
    december = member_client.get("/calendar?month=2029-12").data.decode()
    assert "00:30 Late session" in _cell(december, "1")


def _cell(page: str, day: str) -> str:
    """The month-grid cell of ``day`` in the shown month."""
    cells = [c for c in page.split("<td ")[1:] if "other-month" not in c.split(">")[0]]
    return next(c for c in cells if f'<span class="day-number">{day}</span>' in c)


def test_previous_and_next_months_swap_only_the_month_with_htmx(member_client):
    response = member_client.get("/calendar?month=2029-12", headers=HTMX)
    assert is_fragment(response)
    assert response.data.startswith(b'<section id="month"')
    assert b"December 2029" in response.data
    assert "HX-Request" in response.headers["Vary"]
    page = member_client.get("/calendar?month=2029-12")
    assert b"<html" in page.data
    assert b'hx-get="/calendar?month=2030-01"' in page.data


@pytest.mark.parametrize("month", ["nonsense", "2029-13", "0001-01", ""])
def test_a_bad_month_shows_the_current_month(member_client, month):
    response = member_client.get(f"/calendar?month={month}")
    assert response.status_code == 200
    assert b'aria-current="date"' in response.data


def test_list_shows_upcoming_and_past_meetings(make_meeting, member_client):
    make_meeting(status="convened", title="Future plenary")
    make_meeting(status="held", title="Warsaw plenary", start=PAST, timezone="Europe/Warsaw")
    upcoming = member_client.get("/meetings/").data.decode()
    assert "Future plenary" in upcoming
    assert "Warsaw plenary" not in upcoming
    past = member_client.get("/meetings/?when=past").data.decode()
    assert "Warsaw plenary" in past
    assert "Future plenary" not in past
    # Beside the viewer's time, the place's own local time.
    assert "Wed 14 May 2025, 10:00–16:00 CEST" in past
    fragment = member_client.get("/meetings/?when=past", headers=HTMX)
    assert is_fragment(fragment)


def test_cancelled_meetings_stay_visible_and_marked(make_meeting, member_client):
    meeting = make_meeting(status="cancelled", title="Called-off meeting", cancel_reason="Flooding")
    assert b"Cancelled" in member_client.get("/meetings/").data
    assert b"Called-off meeting (cancelled)" in member_client.get("/calendar?month=2029-11").data
    assert b"Flooding" in member_client.get(f"/meetings/{meeting.id}").data


def test_twice_a_year_counts_held_and_scheduled_and_flags_short_years(app, make_meeting):
    make_meeting(status="minutes_published", start=datetime(2025, 3, 1, 10), timezone="Europe/Warsaw")
    make_meeting(status="cancelled", start=datetime(2025, 10, 1, 10), timezone="Europe/Copenhagen")
    make_meeting(status="convened", start=datetime(2026, 3, 1, 10), timezone="Asia/Nicosia")
    make_meeting(status="planned", start=datetime(2026, 4, 1, 10), timezone="Asia/Nicosia")
    make_meeting(status="held", start=datetime(2026, 2, 1, 10), timezone="Asia/Nicosia")
    years = {y.year: y for y in meetings_per_year(until=datetime(2026, 6, 1).date())}
    assert sorted(years) == [2025, 2026]
    assert (years[2025].held, years[2025].scheduled, years[2025].short) == (1, 0, True)  # cancelled: not counted
    assert (years[2026].held, years[2026].scheduled, years[2026].short) == (1, 2, False)


def test_twice_a_year_shows_on_the_calendar_and_the_dashboard(make_meeting, member_client):
    make_meeting(status="held", start=datetime(2025, 3, 1, 10), timezone="Europe/Warsaw")
    for path, heading in (("/", 'id="block-twice-a-year-heading"'), ("/calendar", 'id="twice-heading"')):
        page = member_client.get(path).data.decode()
        block = page[page.index(heading):]
        assert "2025" in block
        assert "Fewer than two meetings" in block


def _populate(make_meeting, n, agenda, answers):
    for k in range(n):
        meeting = make_meeting(status="convened", title=f"M{k}", start=datetime(2029, 11, 1 + k, 10), agenda=agenda,
                               invite=("IT", "FR", "DE", "EUROPOL"))
        for code in ("IT", "FR", "DE", "EUROPOL")[:answers]:
            answer(meeting, code)
        action(meeting, ("IT", "FR", "DE", "EUROPOL")[k % 4])  # open: arises at the later meetings
    return meeting


@pytest.mark.parametrize(("path", "page"), [("/calendar?month=2029-11", "month"), ("meeting", "meeting")])
def test_pages_use_a_fixed_number_of_queries(make_meeting, member_client, count_queries, db, path, page):
    def measure(n, agenda, answers):
        meeting = _populate(make_meeting, n, agenda, answers)
        target = f"/meetings/{meeting.id}" if path == "meeting" else path
        member_client.get(target)  # warm up
        with count_queries() as q:
            response = member_client.get(target)
        assert response.status_code == 200
        return len(q)

    small = measure(2, 1, 1)  # two, so that the later one has matters arising
    db.session.rollback()
    large = measure(8, 12, 4)
    assert small == large


@pytest.mark.parametrize("path", ["/meetings/", "/meetings/?when=past"])
def test_the_meeting_lists_remember_their_total_between_requests(make_meeting, member_client, count_queries, db,
                                                                   path):
    """Like every list, the meetings count their rows once and remember the total for a while (30 s): the
    clock in their filter is read to the minute, so the next request asks the database the same question."""
    make_meeting(status="convened", title="Convened for 2029", start=datetime(2029, 11, 3, 10))
    make_meeting(status="held", title="Held in 2025", start=PAST)
    db.session.commit()
    member_client.get(path)
    with count_queries() as queries:
        response = member_client.get(path)
    assert response.status_code == 200
    assert (b"Convened for 2029" in response.data) == (path == "/meetings/")
    assert (b"Held in 2025" in response.data) == (path != "/meetings/")
    assert not [q for q in queries if "count(" in q.lower()]
