"""A meeting's one-line fields hold one line, its dates stay in years every time zone can show, and an answer
left without a number of delegates is explained: refused at input, and harmless when stored before the rules
(written here directly into the database) — the page, the .ics and the feed render, the meeting can be edited
and convened."""

from datetime import UTC, datetime

import icalendar
import pytest

from app.meetings.models import Meeting, MeetingAnswer
from tests.factories import answer, meeting_form, queued

ONE_LINE_MESSAGE = "This field holds one line: remove the line break."
YEARS_MESSAGE = "Give a date between the years 1900 and 2200."


def _count(db) -> int:
    return db.session.scalar(db.select(db.func.count(Meeting.id)))


@pytest.mark.parametrize("field", ["title", "place"])
@pytest.mark.parametrize("text", ["Autumn meeting\nof the network", "Autumn meeting\r\nof the network",
                                  "Autumn meeting\u2028of the network"])
def test_a_line_break_in_a_title_or_a_place_is_refused_on_create_and_edit(field, text, login_as, make_meeting, db):
    dutch = login_as("member", "NL")
    response = dutch.post("/meetings/new", data=meeting_form(**{field: text}))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert ONE_LINE_MESSAGE in page
    assert "of the network" in page  # the text is kept
    assert _count(db) == 0
    meeting = make_meeting(title="Spring meeting", place="Lisbon")
    response = dutch.post(f"/meetings/{meeting.id}/edit", data=meeting_form(**{field: text},
                                                                           version=str(meeting.version)))
    assert response.status_code == 200
    assert ONE_LINE_MESSAGE in response.get_data(as_text=True)
    db.session.expire_all()
    assert (meeting.title, meeting.place) == ("Spring meeting", "Lisbon")


def _stored_with_line_breaks(make_meeting, status: str = "planned") -> Meeting:
    return make_meeting(status=status, title="Autumn meeting\nof the network",
                        place="The Hague,\r\nEuropol headquarters", invite=("IT",))


def test_the_ics_and_the_feed_of_a_meeting_stored_with_line_breaks_are_valid(make_meeting, member_client, db):
    meeting = _stored_with_line_breaks(make_meeting, "convened")
    for url in (f"/meetings/{meeting.id}.ics", "/meetings/calendar.ics"):
        response = member_client.get(url)
        assert response.status_code == 200, url
        [event] = icalendar.Calendar.from_ical(response.data).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Autumn meeting of the network"
        assert str(event["LOCATION"]) == "The Hague, Europol headquarters"
    calendar = icalendar.Calendar.from_ical(member_client.get(f"/meetings/{meeting.id}.ics").data)
    assert str(calendar["X-WR-CALNAME"]) == "Autumn meeting of the network"


def test_a_meeting_stored_with_line_breaks_is_edited_from_a_form_showing_one_line(make_meeting, login_as, db):
    meeting = _stored_with_line_breaks(make_meeting)
    dutch = login_as("member", "NL")
    page = dutch.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    # Shown with a space where the break was (a browser would drop the break and glue the words).
    assert 'value="Autumn meeting of the network"' in page
    assert 'value="The Hague, Europol headquarters"' in page
    response = dutch.post(f"/meetings/{meeting.id}/edit", data=meeting_form(
        title="Autumn meeting of the network", place="The Hague, Europol headquarters",
        version=str(meeting.version)))
    assert response.status_code == 303
    db.session.expire_all()
    assert (meeting.title, meeting.place) == ("Autumn meeting of the network", "The Hague, Europol headquarters")


def test_a_meeting_stored_with_line_breaks_is_convened_with_a_valid_ics(make_meeting, login_as, db):
    meeting = _stored_with_line_breaks(make_meeting)
    response = login_as("member", "NL").post(f"/meetings/{meeting.id}/convene")
    assert response.status_code == 303
    db.session.expire_all()
    assert meeting.status == "convened"
    invitations = queued(kind="meeting_convened")
    assert invitations
    [event] = icalendar.Calendar.from_ical(invitations[0].attachment).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Autumn meeting of the network"


def test_an_empty_number_of_delegates_after_answering_attending_gets_the_message(convened, member_client, db):
    answer(convened, "IT", "attending", delegates=2)
    url = f"/meetings/{convened.id}/answers/IT"
    for empty in ("", "   "):
        response = member_client.post(url, data={"answer": "attending", "delegates": empty,
                                                 "delegate_names": "Giulia Example"})
        assert response.status_code == 200
        assert "An attending delegation has at least one delegate." in response.get_data(as_text=True)
        db.session.expire_all()
        [kept] = db.session.scalars(db.select(MeetingAnswer)).all()
        assert (kept.answer, kept.delegates) == ("attending", 2)
    # Without the field at all, too.
    response = member_client.post(url, data={"answer": "attending", "delegate_names": "Giulia Example"})
    assert "An attending delegation has at least one delegate." in response.get_data(as_text=True)
    # Not attending: an empty number means none.
    assert member_client.post(url, data={"answer": "tentative", "delegates": ""}).status_code == 303
    db.session.expire_all()
    [changed] = db.session.scalars(db.select(MeetingAnswer)).all()
    assert (changed.answer, changed.delegates) == ("tentative", 0)


@pytest.mark.parametrize(("timezone", "starts_at", "ends_at"), [
    ("Europe/Amsterdam", "2029-11-15T10:00", "9999-12-31T23:59"),
    ("Pacific/Pago_Pago", "2029-11-15T10:00", "9999-12-31T23:59"),  # UTC-11: past the end of the calendar
    ("Europe/Amsterdam", "2029-11-15T10:00", "2201-01-01T10:00"),
    ("Europe/Amsterdam", "1899-12-31T10:00", "2029-11-16T13:00"),
])
def test_a_meeting_out_of_the_years_forms_accept_is_refused_with_a_message(timezone, starts_at, ends_at,
                                                                           login_as, db):
    response = login_as("admin", "GSC").post("/meetings/new", data=meeting_form(
        timezone=timezone, starts_at=starts_at, ends_at=ends_at))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert YEARS_MESSAGE in page
    assert "Autumn meeting of the Heads of SPOC" in page
    assert _count(db) == 0


def test_a_meeting_stored_ending_in_9999_renders_everywhere(make_meeting, login_as, member_client, db):
    meeting = make_meeting(status="convened", invite=("IT",))
    meeting.ends_at = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)  # past the calendar's end in Brussels
    db.session.commit()
    for url in (f"/meetings/{meeting.id}", "/meetings/", "/", f"/meetings/{meeting.id}.ics", "/meetings/calendar.ics",
                "/reports/"):
        response = member_client.get(url)
        assert response.status_code == 200, url
    page = member_client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "31 December 9999" in page
    [event] = icalendar.Calendar.from_ical(member_client.get(f"/meetings/{meeting.id}.ics").data).walk("VEVENT")
    assert event.decoded("DTEND").astimezone(UTC) == datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
    dutch = login_as("member", "NL")
    edit = dutch.get(f"/meetings/{meeting.id}/edit")
    assert edit.status_code == 200
    response = dutch.post(f"/meetings/{meeting.id}/edit", data=meeting_form(
        ends_at="9999-12-31T23:59", version=str(meeting.version)))
    assert YEARS_MESSAGE in response.get_data(as_text=True)
    assert dutch.post(f"/meetings/{meeting.id}/edit", data=meeting_form(
        version=str(meeting.version))).status_code == 303
