"""What each change queues, for whom, and what arrives: meetings (with the .ics), decisions, comments,
invitations; each user's choices."""

import icalendar

from app.extensions import db
from app.meetings.models import Meeting
from app.notifications.models import NotificationPreference
from app.notifications.sender import send_queued
from app.notifications.services import KINDS, notify, preferences_of
from tests.factories import attachments_of, html_of, organisation, queued, text_of


def dutch_presidency(login_as):
    return login_as("member", "NL")  # NL holds 2029 H2, when the factories' meetings take place


def test_convening_sends_each_invited_member_the_invitation_with_an_ics(app, smtp, login_as, make_user,
                                                                        make_meeting):
    meeting = make_meeting(title="Autumn plenary", agenda=2, invite=("EUROPOL",))
    italian = make_user("member", "IT", email="giulia@example.org", name="Giulia")
    liaison = make_user("member", "EUROPOL", email="pieter@example.org")
    make_user("member", "IT", email="gone@example.org", active=False)
    make_user("member", "CEPOL", email="not.invited@example.org")  # an agency that was not chosen

    assert dutch_presidency(login_as).post(f"/meetings/{meeting.id}/convene").status_code == 303
    send_queued()

    addresses = {m["To"] for m in smtp.messages}
    assert {"giulia@example.org", "pieter@example.org"} <= addresses
    assert "gone@example.org" not in addresses
    assert "not.invited@example.org" not in addresses
    [mail] = smtp.mailbox.to(italian.email)
    assert mail["Subject"].startswith("Invitation: Autumn plenary")
    body = text_of(mail)
    assert "Dear Giulia" in body
    assert "Italy is invited" in body
    assert "1. Item 1" in body
    assert f"http://spoc.test/meetings/{meeting.id}" in body
    assert f'href="http://spoc.test/meetings/{meeting.id}"' in html_of(mail)
    [ics] = attachments_of(mail)
    assert ics.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(ics.get_content())
    [event] = calendar.walk("VEVENT")
    meeting = db.session.get(Meeting, meeting.id)
    assert str(event["SUMMARY"]) == "Autumn plenary"
    assert str(event["UID"]) == meeting.uid
    assert event.decoded("DTSTART") == meeting.starts_at
    assert len(smtp.mailbox.to(liaison.email)) == 1


def test_changing_or_cancelling_a_convened_meeting_sends_the_updated_ics(app, smtp, login_as, make_user,
                                                                          make_meeting):
    meeting = make_meeting(title="Winter meeting", status="convened", invite=("IT", "FR"))
    italian = make_user("member", "IT")
    dutch = dutch_presidency(login_as)
    edit = {"title": "Winter meeting", "timezone": "Europe/Amsterdam", "starts_at": "2029-11-16T10:00",
            "ends_at": "2029-11-16T16:00", "place": "Utrecht", "online_url": "", "description": "",
            "version": str(meeting.version)}
    assert dutch.post(f"/meetings/{meeting.id}/edit", data=edit).status_code == 303
    assert dutch.post(f"/meetings/{meeting.id}/cancel", data={"reason": "Strike at the airport"}).status_code == 303
    send_queued()

    changed, cancelled = smtp.mailbox.to(italian.email)
    assert changed["Subject"].startswith("Changed: Winter meeting")
    assert "Utrecht" in text_of(changed)
    assert cancelled["Subject"].startswith("Cancelled: Winter meeting")
    assert "Strike at the airport" in text_of(cancelled)
    first = icalendar.Calendar.from_ical(attachments_of(changed)[0].get_content()).walk("VEVENT")[0]
    last = icalendar.Calendar.from_ical(attachments_of(cancelled)[0].get_content()).walk("VEVENT")[0]
    assert str(last["STATUS"]) == "CANCELLED"
    assert int(last["SEQUENCE"]) > int(first["SEQUENCE"])


def test_a_planned_meeting_is_the_presidencys_draft_and_its_changes_mail_nobody(app, login_as, make_user,
                                                                                make_meeting):
    meeting = make_meeting(status="planned")
    make_user("member", "IT")
    dutch = dutch_presidency(login_as)
    assert dutch.post(f"/meetings/{meeting.id}/cancel", data={"reason": "Not needed"}).status_code == 303
    assert queued() == []


def test_a_decision_on_a_nomination_goes_to_the_nominating_country(app, smtp, core_client, make_user,
                                                                   make_nomination):
    nomination = make_nomination("IT", name="Luca Verdi", status="under_review")
    colleague = make_user("member", "IT", email="colleague.it@example.org")
    french = make_user("member", "FR", email="head.fr@example.org")

    response = core_client.post(f"/nominations/{nomination.id}/decline",
                                data={"message": "We need trainers with **French**."})
    assert response.status_code == 303
    send_queued()

    [mail] = smtp.mailbox.to(colleague.email)
    assert mail["Subject"] == "Nomination of Luca Verdi: declined"
    assert "We need trainers with **French**." in text_of(mail)
    assert "<strong>French</strong>" in html_of(mail)
    assert f"http://spoc.test/nominations/{nomination.id}" in text_of(mail)
    assert smtp.mailbox.to(french.email) == []


def test_a_comment_reaches_the_reporting_and_affected_countries_in_their_weekly_digest(
        app, smtp, login_as, make_user, make_obstacle):
    obstacle = make_obstacle("IT", title="Prüm hits unanswered", affected=("FR",))
    italian = make_user("member", "IT", email="it@example.org")
    french = make_user("member", "FR", email="fr@example.org")
    german = make_user("member", "DE", email="de@example.org")
    author = login_as("member", "EUROPOL")

    response = author.post(f"/obstacles/{obstacle.id}/comments", data={"body": "Europol can help with SIENA."})
    assert response.status_code == 303
    rows = queued(kind="obstacle_comment")
    assert {r.to_address for r in rows} == {italian.email, french.email}  # not Germany, not the author
    assert {r.delivery for r in rows} == {"digest"}  # the default for comments
    assert send_queued().sent == 0  # digest items wait for the weekly digest

    from app.notifications.periodic import build_digests

    assert build_digests() == 2
    send_queued()
    [digest] = smtp.mailbox.to(italian.email)
    assert "weekly digest (1 item)" in digest["Subject"]
    assert "New comment on “Prüm hits unanswered”" in text_of(digest)
    assert f"http://spoc.test/obstacles/{obstacle.id}" in html_of(digest)
    assert smtp.mailbox.to(german.email) == []
    assert {r.status for r in queued(kind="obstacle_comment")} == {"digested"}
    assert build_digests() == 0  # nothing is gathered twice


def test_the_comment_author_can_have_it_at_once(app, login_as, make_user, make_obstacle):
    obstacle = make_obstacle("IT")
    italian = make_user("member", "IT")
    db.session.add(NotificationPreference(user_id=italian.id, kind="obstacle_comment", delivery="immediate"))
    french = login_as("member", "FR")
    french.post(f"/obstacles/{obstacle.id}/comments", data={"body": "Same at our border."})
    [row] = queued()
    assert (row.to_address, row.delivery) == (italian.email, "immediate")
    assert "Same at our border." in row.body_text


def test_a_new_account_gets_its_invitation_by_mail_and_the_link_works(app, smtp, admin_client, client):
    response = admin_client.post("/admin/users/new", data={
        "email": "new.officer@example.org", "name": "New Officer", "organisation_id": organisation("PT").id,
        "role": "member"})
    assert response.status_code == 303
    send_queued()
    [mail] = smtp.mailbox.to("new.officer@example.org")
    link = next(line for line in text_of(mail).splitlines() if "/invitations/" in line).strip()
    assert "7 days" in text_of(mail)
    assert client.get(link.replace("http://spoc.test", "")).status_code == 200


def test_messages_belong_to_the_transaction_of_the_change(app, make_user, make_meeting):
    meeting = make_meeting(status="convened", invite=("IT",))
    italian = make_user("member", "IT")
    meeting.status = "cancelled"
    assert len(notify("meeting_cancelled", [italian], meeting)) == 1
    db.session.rollback()  # the change fails: its message goes with it
    assert queued() == []


# Preferences ----------------------------------------------------------------------------------------

def test_a_user_without_choices_gets_the_defaults(app, make_user):
    prefs = preferences_of(make_user())
    assert prefs["invitation"] == prefs["meeting_convened"] == prefs["nomination_decided"] == "immediate"
    assert prefs["meeting_changed"] == prefs["meeting_cancelled"] == "immediate"
    assert prefs["obstacle_comment"] == prefs["meeting_reminder"] == "digest"


def test_the_settings_page_shows_the_choices_and_saves_them(member_client):
    page = member_client.get("/settings").get_data(as_text=True)
    assert 'id="notifications"' in page
    assert str(KINDS["meeting_convened"].label) in page
    assert '<input checked id="meeting_convened-0" name="meeting_convened" required type="radio" value="immediate">' \
        in page

    data = {name: "immediate" for name, kind in KINDS.items() if kind.choosable}
    data["meeting_convened"] = "never"
    data["obstacle_comment"] = "immediate"
    response = member_client.post("/settings/notifications", data=data)
    assert response.status_code == 303
    prefs = preferences_of(member_client.user)
    assert prefs["meeting_convened"] == "never"
    assert prefs["obstacle_comment"] == "immediate"
    page = member_client.get("/settings").get_data(as_text=True)
    assert '<input checked id="meeting_convened-2" name="meeting_convened" required type="radio" value="never">' \
        in page


def test_never_means_no_mail(app, member_client, login_as, make_meeting):
    member_client.post("/settings/notifications", data={
        name: ("never" if name == "meeting_convened" else kind.default) for name, kind in KINDS.items()
        if kind.choosable})
    meeting = make_meeting(invite=("IT",))
    dutch_presidency(login_as).post(f"/meetings/{meeting.id}/convene")
    assert member_client.user.email not in {r.to_address for r in queued()}


def test_a_bad_choice_is_refused_next_to_its_field_and_nothing_is_saved(member_client):
    data = {name: kind.default for name, kind in KINDS.items() if kind.choosable}
    data["meeting_changed"] = "hourly"
    del data["action_due"]
    response = member_client.post("/settings/notifications", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Not a valid choice" in page
    assert "Choose how to receive these messages." in page
    assert db.session.scalar(db.select(NotificationPreference.id)) is None


def test_invitations_cannot_be_switched_off(member_client):
    data = {name: kind.default for name, kind in KINDS.items() if kind.choosable}
    data["invitation"] = "never"
    assert member_client.post("/settings/notifications", data=data).status_code == 303
    assert preferences_of(member_client.user)["invitation"] == "immediate"
    assert "invitation" not in member_client.get("/settings").get_data(as_text=True).split('id="notifications"')[1] \
        .split("</section>")[0].replace("Invitations to set your password", "")


def test_the_settings_need_a_login(client):
    assert client.post("/settings/notifications", data={}).status_code in (302, 303, 401)



def test_a_new_invitation_link_replaces_the_unsent_one(app, smtp, admin_client, make_user):
    user = make_user(password=False, email="slow.starter@example.org")
    admin_client.post(f"/admin/users/{user.id}/invite")
    first_link = queued()[0].link
    admin_client.post(f"/admin/users/{user.id}/invite")
    [row] = queued()
    assert row.link != first_link
    send_queued()
    [mail] = smtp.mailbox.to(user.email)
    assert row.link in text_of(mail)


def test_meeting_times_are_in_the_recipients_zone_with_the_local_time_beside(app, make_user, make_meeting):
    meeting = make_meeting(title="Plenary", status="convened", invite=("PT",))
    lisbon = make_user("member", "PT")
    lisbon.timezone = "Europe/Lisbon"
    brussels = make_user("member", "BE")
    db.session.commit()
    [far, near] = notify("meeting_changed", [lisbon, brussels], meeting)
    assert "When: Thu 15 November 2029, 09:00–15:00 WET (local time: Thu 15 November 2029, 10:00–16:00 CET)" \
        in far.body_text
    assert "When: Thu 15 November 2029, 10:00–16:00 CET\n" in near.body_text
