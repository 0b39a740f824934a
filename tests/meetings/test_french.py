"""A French reader: the meeting's page, the month view, messages and the calendar feed in French."""

from datetime import datetime

import icalendar

from tests.factories import answer, in_french, meeting_form


def test_a_french_member_reads_the_meeting_page_in_french(make_meeting, login_as, db):
    meeting = make_meeting(status="convened", agenda=2, start=datetime(2029, 11, 15, 10), invite=("IT",))
    answer(meeting, "IT")
    page = in_french(login_as("member", "IT")).get(f"/meetings/{meeting.id}").data.decode()
    assert '<html lang="fr"' in page
    assert "jeu. 15 novembre 2029, 10:00–16:00 CET" in page  # the reader's zone (Brussels) is the place's
    assert "Convoquée" in page
    assert "Ordre du jour" in page
    assert "Invitations et réponses" in page
    assert "Réponses : 1 sur 1 ; 1 délégation présente." in page
    assert "Participera" in page
    assert "Ajouter à mon calendrier (.ics)" in page


def test_the_month_view_names_months_and_days_in_french(make_meeting, login_as, db):
    make_meeting(status="convened", title="Réunion d’automne", start=datetime(2029, 11, 15, 10))
    page = in_french(login_as("member", "IT")).get("/calendar?month=2029-11").data.decode()
    assert "Novembre 2029" in page
    assert 'abbr="lundi">lun.</th>' in page
    assert "← Mois précédent" in page
    assert "Réunions par an" in page


def test_messages_and_errors_are_in_french(login_as, db):
    dutch = in_french(login_as("member", "NL"))
    response = dutch.post("/meetings/new", data=meeting_form(starts_at="2029-11-16T10:00", ends_at="2029-11-15T10:00"))
    assert "La fin doit être postérieure au début." in response.data.decode()
    created = dutch.post("/meetings/new", data=meeting_form(), follow_redirects=True).data.decode()
    assert "La réunion « Autumn meeting of the Heads of SPOC » est planifiée." in created
    assert "Planifiée" in created  # the status
    assert "création" in created  # the history
    admin = in_french(login_as("admin", "GSC"))
    # 02:30 on the last Sunday of March 2029 does not exist in Brussels.
    skipped = admin.post("/meetings/new", data=meeting_form(timezone="Europe/Brussels", starts_at="2029-03-25T02:30",
                                                          ends_at="2029-03-25T05:00")).data.decode()
    assert "L’heure 02:30 n’existe pas le 25 mars 2029 dans le fuseau Europe/Brussels" in skipped


def test_the_personal_feed_is_written_in_its_user_s_language(make_meeting, login_as, client, db):
    make_meeting(status="convened", agenda=2, start=datetime(2029, 11, 15, 10))
    member = login_as("member", "IT")
    english_url = _feed_url(member)
    english = icalendar.Calendar.from_ical(client.get(english_url).data)
    assert str(english["X-WR-CALNAME"]) == "SPOC Network meetings"
    assert "Agenda:\n1. Item 1 (30 min)" in str(next(iter(english.walk("VEVENT")))["DESCRIPTION"])
    in_french(member)
    # The calendar program has no session and asks in English: the feed follows its user's choice.
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    french = client.get(english_url)
    calendar = icalendar.Calendar.from_ical(french.data)
    assert str(calendar["X-WR-CALNAME"]) == "Réunions du réseau SPOC"
    description = str(next(iter(calendar.walk("VEVENT")))["DESCRIPTION"])
    assert "Ordre du jour :\n1. Item 1 (30 min)" in description
    assert "Convoquée par la Présidence" in description


def _feed_url(client) -> str:
    page = client.post("/settings/calendar-feed", follow_redirects=True).data.decode()
    return page.split('id="feed-url" readonly value="')[1].split('"')[0].replace("http://spoc.test", "")
