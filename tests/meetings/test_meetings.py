"""Creating and editing meetings: the Presidency, time zones, the workflow, bad input."""

from datetime import UTC, datetime

import pytest

from app.core.models import AuditEvent
from app.meetings.models import Meeting, MeetingInvitation
from tests.factories import HTMX, PAST, is_fragment, meeting_form


def _meetings(db):
    db.session.expire_all()
    return db.session.scalars(db.select(Meeting)).all()


def test_presidency_member_creates_a_planned_meeting_stored_in_utc(login_as, db):
    dutch = login_as("member", "NL")
    response = dutch.post("/meetings/new", data=meeting_form())
    assert response.status_code == 303
    [meeting] = _meetings(db)
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}")
    assert meeting.status == "planned"
    assert meeting.presidency_term.organisation.code == "NL"
    # 10:00 in Amsterdam in November (CET, UTC+1) is 09:00 UTC.
    assert meeting.starts_at == datetime(2029, 11, 15, 9, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime(2029, 11, 16, 12, 0, tzinfo=UTC)
    page = dutch.get(f"/meetings/{meeting.id}").data.decode()
    assert "Autumn meeting of the Heads of SPOC" in page
    assert "Netherlands (2029 H2) Presidency" in page
    assert "<strong>agencies</strong>" in page
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.record_type == "meetings",
                                                         AuditEvent.action == "create")) is not None


def test_a_meeting_on_1_january_belongs_to_the_new_presidency(login_as, db):
    dutch, slovak = login_as("member", "NL"), login_as("member", "SK")
    data = meeting_form(timezone="Europe/Bratislava", starts_at="2030-01-01T10:00", ends_at="2030-01-01T16:00")
    refused = dutch.post("/meetings/new", data=data)
    assert refused.status_code == 403
    text = refused.data.decode()
    assert "On 1 January 2030 the Presidency is held by Slovakia" in text
    assert "Autumn meeting of the Heads of SPOC" in text  # input kept
    assert _meetings(db) == []
    assert slovak.post("/meetings/new", data=data).status_code == 303
    assert _meetings(db)[0].presidency_term.organisation.code == "SK"


def test_the_presidency_follows_the_local_date_not_the_utc_date(login_as, db):
    # 00:30 on 1 January in Bratislava is still 31 December in UTC: the new Presidency convenes it.
    slovak = login_as("member", "SK")
    data = meeting_form(timezone="Europe/Bratislava", starts_at="2030-01-01T00:30", ends_at="2030-01-01T02:00")
    assert slovak.post("/meetings/new", data=data).status_code == 303
    meeting = _meetings(db)[0]
    assert meeting.starts_at.date().isoformat() == "2029-12-31"
    assert meeting.presidency_term.organisation.code == "SK"


def test_a_member_whose_country_holds_no_presidency_is_refused_clearly(other_member_client, agency_client, db):
    for client in (other_member_client, agency_client):  # France and Europol hold no term
        response = client.get("/meetings/new")
        assert response.status_code == 403
        assert b"Your country holds no current or coming Presidency term" in response.data
        assert client.post("/meetings/new", data=meeting_form()).status_code == 403
    assert _meetings(db) == []
    assert b"New meeting" not in other_member_client.get("/meetings/").data


def test_an_administrator_creates_a_meeting_for_any_presidency(admin_client, db):
    assert admin_client.post("/meetings/new", data=meeting_form()).status_code == 303
    assert _meetings(db)[0].presidency_term.organisation.code == "NL"


@pytest.mark.parametrize(
    ("changes", "field_message"),
    [
        ({"ends_at": "2029-11-15T09:00"}, "The end must be after the start."),
        ({"ends_at": "2029-11-15T10:00"}, "The end must be after the start."),
        ({"timezone": "Mars/Olympus_Mons"}, "is not a time zone we know"),
        ({"timezone": ""}, "is not a time zone we know"),
        ({"starts_at": "15/11/2029"}, "Not a valid datetime value."),
        ({"starts_at": ""}, "Give the start: date and local time."),
        ({"title": "   "}, "This field is required."),
        ({"title": "x" * 201}, "Field cannot be longer than 200 characters."),
        ({"place": "", "online_url": ""}, "Give a place or an online meeting link."),
        ({"online_url": "javascript:alert(1)"}, "Give a full link starting with https://."),
        ({"description": "Agenda\x00"}, "control characters"),
        # 02:30 on the last Sunday of March does not exist in Brussels: the clocks jump from 02:00 to 03:00.
        ({"timezone": "Europe/Brussels", "starts_at": "2029-03-25T02:30", "ends_at": "2029-03-25T05:00"},
         "does not exist in Europe/Brussels"),
    ],
)
def test_bad_meeting_input_is_explained_kept_and_not_saved(login_as, db, changes, field_message):
    dutch = login_as("member", "NL")
    data = meeting_form(**changes)
    if changes.get("timezone") == "Europe/Brussels":
        # March 2029 is the Luxembourg Presidency: let an administrator try, the time is what is refused.
        dutch = login_as("admin", "GSC")
    response = dutch.post("/meetings/new", data=data)
    assert response.status_code in (200, 400)
    text = response.data.decode()
    assert field_message in text
    kept = "Plenary with the **agencies**." if "description" not in changes else "Autumn meeting of the Heads"
    assert kept in text  # the rest of the input is kept
    assert _meetings(db) == []


def test_the_form_answers_htmx_with_its_fragment(login_as):
    dutch = login_as("member", "NL")
    response = dutch.post("/meetings/new", data=meeting_form(ends_at="2029-11-14T10:00"), headers=HTMX)
    assert is_fragment(response)
    assert b'id="meeting-form"' in response.data
    assert "HX-Request" in response.headers["Vary"]
    saved = dutch.post("/meetings/new", data=meeting_form(), headers=HTMX)
    assert "/meetings/" in saved.headers["HX-Redirect"]


def test_the_autumn_clock_change_is_kept_in_utc_and_shown_locally(admin_client, db):
    # 27-28 October 2029: Brussels moves from CEST (UTC+2) to CET (UTC+1) during the night.
    data = meeting_form(timezone="Europe/Brussels", starts_at="2029-10-27T16:00", ends_at="2029-10-28T12:00")
    assert admin_client.post("/meetings/new", data=data).status_code == 303
    meeting = _meetings(db)[0]
    assert meeting.starts_at == datetime(2029, 10, 27, 14, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime(2029, 10, 28, 11, 0, tzinfo=UTC)
    assert (meeting.ends_at - meeting.starts_at).total_seconds() == 21 * 3600
    page = admin_client.get(f"/meetings/{meeting.id}").data.decode()
    assert "Sat 27 October 2029, 16:00 CEST – Sun 28 October 2029, 12:00 CET" in page
    # The edit form shows the same local times back.
    form = admin_client.get(f"/meetings/{meeting.id}/edit").data.decode()
    assert 'value="2029-10-27T16:00"' in form
    assert 'value="2029-10-28T12:00"' in form


def test_a_lisbon_meeting_seen_from_helsinki(login_as, make_meeting, db):
    finn = login_as("member", "FI")
    finn.user.timezone = "Europe/Helsinki"
    db.session.commit()
    winter = make_meeting(start=datetime(2029, 11, 20, 10, 0), timezone="Europe/Lisbon", status="convened",
                          title="Lisbon in winter")
    summer = make_meeting(start=datetime(2029, 7, 10, 10, 0), timezone="Europe/Lisbon", status="convened",
                          title="Lisbon in summer")
    page = finn.get(f"/meetings/{winter.id}").data.decode()
    assert "Tue 20 November 2029, 12:00–18:00 EET" in page  # Helsinki, UTC+2
    assert "Tue 20 November 2029, 10:00–16:00 WET local time, Europe/Lisbon" in page
    page = finn.get(f"/meetings/{summer.id}").data.decode()
    assert "Tue 10 July 2029, 12:00–18:00 EEST" in page  # both on summer time: still two hours apart
    assert "10:00–16:00 WEST local time, Europe/Lisbon" in page


def test_editing_moves_the_presidency_with_the_date_and_raises_the_sequence(login_as, make_meeting, db):
    meeting = make_meeting()
    dutch = login_as("member", "NL")
    response = dutch.get(f"/meetings/{meeting.id}/edit")
    version = response.data.split(b'name="version" type="hidden" value="')[1].split(b'"')[0].decode()
    saved = dutch.post(f"/meetings/{meeting.id}/edit", data=meeting_form(version=version, title="Renamed"))
    assert saved.status_code == 303
    db.session.expire_all()
    assert meeting.title == "Renamed"
    assert meeting.sequence == 1
    # Moving it into the next Presidency's term is for that Presidency, not for the Netherlands.
    moved = dutch.post(f"/meetings/{meeting.id}/edit", data=meeting_form(
        version=str(meeting.version), starts_at="2030-02-01T10:00", ends_at="2030-02-01T12:00"))
    assert moved.status_code == 403
    assert b"held by Slovakia" in moved.data
    db.session.expire_all()
    assert meeting.presidency_term.organisation.code == "NL"


def test_concurrent_edits_do_not_silently_overwrite(login_as, make_meeting, db):
    meeting = make_meeting()
    me, colleague = login_as("member", "NL"), login_as("member", "NL")
    loaded = str(meeting.version)
    colleague.post(f"/meetings/{meeting.id}/edit", data=meeting_form(version=loaded, title="Colleague's title"))
    response = me.post(f"/meetings/{meeting.id}/edit", data=meeting_form(version=loaded, title="My title"))
    assert response.status_code == 409
    assert b"Someone else saved this meeting" in response.data
    assert b"My title" in response.data
    db.session.expire_all()
    assert meeting.title == "Colleague's title"


def test_convening_invites_every_member_state_and_the_chosen_agencies(login_as, make_meeting, db):
    meeting = make_meeting(invite=("EUROPOL",))
    dutch = login_as("member", "NL")
    assert dutch.post(f"/meetings/{meeting.id}/convene").status_code == 303
    db.session.expire_all()
    assert meeting.status == "convened"
    codes = {i.organisation.code for i in meeting.invitations}
    assert len(codes) == 28
    assert {"EUROPOL", "IT"} <= codes
    assert "CEPOL" not in codes
    # Convening twice is refused, and adds nothing.
    assert dutch.post(f"/meetings/{meeting.id}/convene").status_code == 409
    assert db.session.scalar(db.select(db.func.count(MeetingInvitation.id))) == 28


def test_cancelling_needs_a_reason_and_shows_it(login_as, make_meeting, db):
    meeting = make_meeting(status="convened")
    dutch = login_as("member", "NL")
    missing = dutch.post(f"/meetings/{meeting.id}/cancel", data={"reason": "  "})
    assert missing.status_code == 400
    assert b"This field is required." in missing.data
    db.session.expire_all()
    assert meeting.status == "convened"
    assert dutch.post(f"/meetings/{meeting.id}/cancel", data={"reason": "Strike at the airport"}).status_code == 303
    page = dutch.get(f"/meetings/{meeting.id}").data.decode()
    assert "This meeting is cancelled." in page
    assert "Strike at the airport" in page
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "cancel"))
    assert (event.from_state, event.to_state, event.note) == ("convened", "cancelled", "Strike at the airport")
    assert dutch.post(f"/meetings/{meeting.id}/cancel", data={"reason": "again"}).status_code == 409  # once


def test_a_meeting_is_marked_held_only_once_it_has_started(login_as, make_meeting, db):
    upcoming = make_meeting(status="convened")
    past = make_meeting(status="convened", start=PAST, timezone="Europe/Warsaw")
    dutch, polish = login_as("member", "NL"), login_as("member", "PL")
    early = dutch.post(f"/meetings/{upcoming.id}/hold")
    assert early.status_code == 409
    assert b"has not started yet" in early.data
    assert dutch.post(f"/meetings/{past.id}/hold").status_code == 403  # not the Dutch Presidency's meeting
    assert "Mark as held" in polish.get(f"/meetings/{past.id}").data.decode()
    assert polish.post(f"/meetings/{past.id}/hold").status_code == 303
    db.session.expire_all()
    assert (upcoming.status, past.status) == ("convened", "held")


def test_a_planned_meeting_is_a_draft_of_the_presidency(login_as, make_meeting, member_client):
    meeting = make_meeting()
    assert member_client.get(f"/meetings/{meeting.id}").status_code == 404
    assert b"Meeting of the network" not in member_client.get("/meetings/").data
    dutch = login_as("member", "NL")
    assert b"Meeting of the network" in dutch.get("/meetings/").data
    assert dutch.get(f"/meetings/{meeting.id}").status_code == 200
