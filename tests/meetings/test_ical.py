"""iCalendar: one meeting's download and the personal feed (its address, made on the settings page, is tested in
tests/account/test_settings.py)."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from app.network.models import User
from tests.factories import PAST, meeting_form, new_feed_url, organisation


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_one_meeting_downloads_as_icalendar_parsed_back(make_meeting, member_client, login_as, db):
    meeting = make_meeting(status="convened", agenda=2, timezone="Europe/Lisbon", start=datetime(2029, 10, 27, 16),
                           hours=20, place="Lisbon, Palácio")
    response = member_client.get(f"/meetings/{meeting.id}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == f"http://spoc.test/meetings/{meeting.id}"
    assert event["DTSTART"].params["TZID"] == "Europe/Lisbon"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.replace(tzinfo=None) == datetime(2029, 10, 27, 16, 0)
    # Across the October clock change: 20 hours later is 11:00 the next day, local time.
    assert end.replace(tzinfo=None) == datetime(2029, 10, 28, 11, 0)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=20)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Lisbon"]
    description = str(event["DESCRIPTION"])
    assert "Agenda:\n1. Item 1 (30 min)\n2. Item 2 (30 min)" in description
    assert "Palácio" in str(event["LOCATION"])


def test_uid_stays_and_sequence_rises_across_edits(make_meeting, login_as, db):
    meeting = make_meeting(status="convened")
    dutch = login_as("member", "NL")
    before = _events(dutch.get(f"/meetings/{meeting.id}.ics").data)[0]
    dutch.post(f"/meetings/{meeting.id}/edit", data=meeting_form(version=str(meeting.version), title="Moved",
                                                              starts_at="2029-11-16T10:00"))
    dutch.post(f"/meetings/{meeting.id}/cancel", data={"reason": "Venue unavailable"})
    after = _events(dutch.get(f"/meetings/{meeting.id}.ics").data)[0]
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert str(after["STATUS"]) == "CANCELLED"
    assert str(after["SUMMARY"]) == "Moved"
    assert "Venue unavailable" in str(after["DESCRIPTION"])


def test_the_personal_feed_works_without_a_session_and_shows_what_the_user_may_read(
    make_meeting, member_client, client, db,
):
    make_meeting(status="convened", title="Convened one")
    make_meeting(status="cancelled", title="Cancelled one")
    make_meeting(status="planned", title="Dutch draft")
    url = new_feed_url(member_client)
    response = client.get(url)  # no session: a calendar program
    assert response.status_code == 200
    events = {str(e["SUMMARY"]): e for e in _events(response.data)}
    assert set(events) == {"Convened one", "Cancelled one"}
    assert str(events["Cancelled one"]["STATUS"]) == "CANCELLED"
    # Only the hash of the token is stored.
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    db.session.expire_all()
    stored = db.session.get(User, member_client.user.id).calendar_token_hash
    assert stored is not None
    assert token not in stored
    assert len(token) >= 40


def test_the_presidency_feed_includes_its_drafts(make_meeting, login_as, client):
    make_meeting(status="planned", title="Dutch draft")
    url = new_feed_url(login_as("member", "NL"))
    assert [str(e["SUMMARY"]) for e in _events(client.get(url).data)] == ["Dutch draft"]


@pytest.mark.parametrize("token", ["wrong", "x" * 43, "a" * 500, ""])
def test_a_wrong_token_gets_a_plain_404(member_client, client, token):
    new_feed_url(member_client)
    response = client.get(f"/calendar/feed/{token}.ics")
    assert response.status_code == 404
    assert b"calendar" not in response.data.lower().split(b"<main")[-1]


def test_a_deactivated_users_feed_stops(member_client, client, db):
    url = new_feed_url(member_client)
    user = db.session.get(User, member_client.user.id)
    user.active = False
    db.session.commit()
    assert client.get(url).status_code == 404


def test_the_feed_answers_304_when_nothing_changed(make_meeting, member_client, client, login_as, db):
    meeting = make_meeting(status="convened")
    url = new_feed_url(member_client)
    first = client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    # A change to the agenda is a change to the feed.
    login_as("member", "NL").post(f"/meetings/{meeting.id}/agenda", data={"title": "New item"})
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "New item" in str(_events(changed.data)[0]["DESCRIPTION"])


def test_a_polled_feed_is_served_from_memory_until_something_changes(
    make_meeting, member_client, client, login_as, count_queries,
):
    meeting = make_meeting(status="convened", agenda=1)
    url = new_feed_url(member_client)
    first = client.get(url)
    with count_queries() as queries:
        again = client.get(url)  # a calendar program polling without If-None-Match
    assert again.data == first.data
    assert not any("agenda_items" in q for q in queries)  # not rebuilt
    login_as("member", "NL").post(f"/meetings/{meeting.id}/agenda", data={"title": "Late addition"})
    assert "Late addition" in str(_events(client.get(url).data)[0]["DESCRIPTION"])


def test_the_feed_uses_a_fixed_number_of_queries(make_meeting, member_client, client, count_queries, db):
    url = new_feed_url(member_client)

    def measure(n):
        for k in range(n):
            make_meeting(status="convened", title=f"M{k}", start=datetime(2029, 11, 1 + k, 10), agenda=5,
                         timezone=["Europe/Paris", "Europe/Lisbon", "Europe/Helsinki"][k % 3])
        with count_queries() as q:
            response = client.get(url)
        assert len(_events(response.data)) >= n
        return len(q)

    assert measure(1) == measure(10)


def test_the_feed_carries_the_last_year_and_the_future_and_the_download_everything(
    make_meeting, member_client, client,
):
    now = datetime.now(UTC).replace(tzinfo=None)
    make_meeting(status="held", title="Long ago", start=now - timedelta(days=500))
    make_meeting(status="held", title="Last spring", start=now - timedelta(days=200))
    make_meeting(status="convened", title="Next month", start=now + timedelta(days=30))
    url = new_feed_url(member_client)
    assert {str(e["SUMMARY"]) for e in _events(client.get(url).data)} == {"Last spring", "Next month"}
    download = member_client.get("/meetings/calendar.ics")
    assert {str(e["SUMMARY"]) for e in _events(download.data)} == {"Long ago", "Last spring", "Next month"}
    assert "last twelve months" in member_client.get("/settings").data.decode()


def test_base_layout_links_to_the_settings(member_client):
    assert b'href="/settings">Settings</a>' in member_client.get("/").data


def test_the_export_of_all_meetings_needs_a_login(make_meeting, member_client, client):
    make_meeting(status="convened", start=PAST.replace(year=2025), timezone="Europe/Warsaw")
    assert client.get("/meetings/calendar.ics").status_code == 302
    response = member_client.get("/meetings/calendar.ics")
    assert response.status_code == 200
    assert len(_events(response.data)) == 1
    assert organisation("PL").name in str(_events(response.data)[0]["DESCRIPTION"])
