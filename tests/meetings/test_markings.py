"""A meeting's marking, its minutes' own marking and its documents'; "Core group only" hides each of them."""

import io
from datetime import datetime

import icalendar

from app.core.models import Attachment
from app.meetings.cadence import meetings_per_year
from app.meetings.models import Meeting
from tests.factories import PAST, marking, meeting_form, new_feed_url, queued

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _descriptions(data: bytes) -> dict[str, str]:
    return {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_a_new_meetings_minutes_take_its_marking(db, admin_client):
    form = admin_client.get("/meetings/new").data.decode()
    assert f'<option selected value="{marking("internal").id}">SPOC Network - internal</option>' in form
    response = admin_client.post("/meetings/new", data=meeting_form(marking_id=marking("limite").id))
    assert response.status_code == 303
    meeting = db.session.scalar(db.select(Meeting))
    assert (meeting.marking.name, meeting.minutes_marking.name) == ("limite", "limite")
    page = admin_client.get(f"/meetings/{meeting.id}").data.decode()
    assert "<strong>LIMITE</strong>" in page


def test_a_forged_meeting_marking_is_refused_next_to_the_field(db, admin_client):
    response = admin_client.post("/meetings/new", data=meeting_form(marking_id="31337", title="Kept meeting title"))
    page = response.data.decode()
    assert "Choose a marking from the list." in page
    assert 'value="Kept meeting title"' in page
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_the_ics_description_starts_with_the_marking(make_meeting, member_client):
    meeting = make_meeting(status="convened", title="LIMITE meeting", marked="limite")
    [description] = _descriptions(member_client.get(f"/meetings/{meeting.id}.ics").data).values()
    assert description.startswith("Marking: LIMITE\n\n")


def test_core_group_meetings_stay_out_of_members_lists_calendars_and_feeds(make_meeting, member_client, core_client,
                                                                          client, db):
    make_meeting(status="convened", title="Open meeting", start=datetime(2029, 11, 15, 10))
    hidden = make_meeting(status="convened", title="Core group meeting", start=datetime(2029, 11, 20, 10),
                          marked="core_group")
    for path in ("/meetings/", "/calendar?month=2029-11"):
        page = member_client.get(path).data.decode()
        assert "Open meeting" in page, path
        assert "Core group meeting" not in page, path
        assert "Core group meeting" in core_client.get(path).data.decode(), path
    assert set(_descriptions(member_client.get("/meetings/calendar.ics").data)) == {"Open meeting"}
    feed = _descriptions(client.get(new_feed_url(member_client)).data)
    assert set(feed) == {"Open meeting"}
    core_feed = _descriptions(core_client.get("/meetings/calendar.ics").data)
    assert core_feed["Core group meeting"].startswith("Marking: Core group only")
    for path in (f"/meetings/{hidden.id}", f"/meetings/{hidden.id}.ics", f"/meetings/{hidden.id}/edit"):
        assert member_client.get(path).status_code == 404, path


def test_twice_a_year_counts_only_what_the_reader_may_read(app, make_meeting, make_user):
    make_meeting(status="held", start=PAST)
    make_meeting(status="held", start=datetime(2025, 9, 3, 10), marked="core_group")
    member, core = make_user("member", "IT"), make_user("core-group", "DE")
    until = datetime(2026, 6, 1).date()
    assert {y.year: y.held for y in meetings_per_year(until, reader=member)}[2025] == 1
    assert {y.year: y.held for y in meetings_per_year(until, reader=core)}[2025] == 2


def test_restricted_minutes_are_kept_from_members_on_a_meeting_they_read(db, make_meeting, admin_client,
                                                                         member_client, core_client):
    meeting = make_meeting(status="minutes_published", start=PAST, timezone="Europe/Warsaw",
                           minutes="The core group agreed in confidence.")
    restricted = marking("core_group").id
    response = admin_client.post(f"/meetings/{meeting.id}/minutes", data={
        "minutes": "The core group agreed in confidence.", "minutes_marking_id": restricted,
        "document": (io.BytesIO(PDF), "confidential.pdf"), "document_marking_id": restricted},
        content_type="multipart/form-data")
    assert response.status_code == 303
    member_page = member_client.get(f"/meetings/{meeting.id}").data.decode()
    assert "agreed in confidence" not in member_page
    assert "confidential.pdf" not in member_page
    attachment = db.session.scalar(db.select(Attachment))
    assert member_client.get(f"/meetings/{meeting.id}/documents/{attachment.id}").status_code == 404
    core_page = core_client.get(f"/meetings/{meeting.id}").data.decode()
    assert "agreed in confidence" in core_page
    assert "Minutes marking:" in core_page
    assert "<strong>Core group only</strong>" in core_page
    assert "confidential.pdf" in core_page


def test_attaching_with_a_forbidden_marking_is_refused_and_nothing_stored(db, make_meeting, presidency_client):
    meeting = make_meeting(status="convened", start=datetime.now().replace(microsecond=0))
    response = presidency_client.post(f"/meetings/{meeting.id}/documents", data={
        "document": (io.BytesIO(PDF), "agenda.pdf"), "marking_id": marking("core_group").id},
        content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.data.decode()
    assert '<p class="error" id="marking_id-error">Only the core group and administrators can mark a record' in page
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


def test_members_are_not_invited_by_email_to_a_core_group_meeting(db, make_meeting, make_user, admin_client):
    member, core = make_user("member", "IT"), make_user("core-group", "DE")
    meeting = make_meeting(status="planned", marked="core_group")
    assert admin_client.post(f"/meetings/{meeting.id}/convene").status_code == 303
    told = {n.user_id for n in queued(kind="meeting_convened")}
    assert core.id in told
    assert member.id not in told


def test_renaming_a_marking_renews_the_feed_that_prints_it(db, make_meeting, member_client, client):
    make_meeting(status="convened", title="LIMITE meeting", marked="limite")
    url = new_feed_url(member_client)
    first = client.get(url)
    assert _descriptions(first.data)["LIMITE meeting"].startswith("Marking: LIMITE\n")
    marking("limite").label_en = "LIMITE (Council)"
    db.session.commit()
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    assert _descriptions(again.data)["LIMITE meeting"].startswith("Marking: LIMITE (Council)\n")
