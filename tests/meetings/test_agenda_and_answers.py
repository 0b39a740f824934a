"""The agenda (with htmx reordering), agency invitations, and the answers of invited organisations."""

from datetime import datetime

import pytest

from app.meetings.models import AgendaItem, MeetingAnswer, MeetingInvitation
from tests.factories import HTMX, PAST, answer, is_fragment, organisation


def _titles(db, meeting):
    db.session.expire_all()
    return [i.title for i in sorted(meeting.agenda_items, key=lambda i: i.position)]


def test_the_presidency_builds_the_agenda(login_as, make_meeting, db):
    meeting = make_meeting()
    dutch = login_as("member", "NL")
    response = dutch.post(f"/meetings/{meeting.id}/agenda", data={
        "title": "Tour de table", "presenter_id": str(organisation("EUROPOL").id), "duration_minutes": "45"})
    assert response.status_code == 303
    dutch.post(f"/meetings/{meeting.id}/agenda", data={"title": "Any other business", "presenter_id": ""})
    assert _titles(db, meeting) == ["Tour de table", "Any other business"]
    page = dutch.get(f"/meetings/{meeting.id}").data.decode()
    assert "Tour de table" in page
    assert "Europol" in page
    assert "45 min" in page
    assert meeting.sequence == 2  # each agenda change is news for calendar clients


def test_reordering_works_as_a_plain_form_and_with_htmx(login_as, make_meeting, db):
    meeting = make_meeting(agenda=3)
    dutch = login_as("member", "NL")
    third = next(i for i in meeting.agenda_items if i.title == "Item 3")
    plain = dutch.post(f"/meetings/{meeting.id}/agenda/{third.id}/up")
    assert plain.status_code == 303
    assert plain.headers["Location"].endswith("#agenda")
    assert _titles(db, meeting) == ["Item 1", "Item 3", "Item 2"]
    fragment = dutch.post(f"/meetings/{meeting.id}/agenda/{third.id}/up", headers=HTMX)
    assert fragment.status_code == 200
    assert is_fragment(fragment)
    assert b'<section id="agenda"' in fragment.data
    assert fragment.data.index(b"Item 3") < fragment.data.index(b"Item 1")
    assert _titles(db, meeting) == ["Item 3", "Item 1", "Item 2"]
    # The first item cannot go further up: nothing changes.
    dutch.post(f"/meetings/{meeting.id}/agenda/{third.id}/up")
    assert _titles(db, meeting) == ["Item 3", "Item 1", "Item 2"]
    assert [i.position for i in sorted(meeting.agenda_items, key=lambda i: i.position)] == [1, 2, 3]


def test_removing_an_item_renumbers_the_agenda(login_as, make_meeting, db):
    meeting = make_meeting(agenda=3)
    first = next(i for i in meeting.agenda_items if i.title == "Item 1")
    login_as("member", "NL").post(f"/meetings/{meeting.id}/agenda/{first.id}/remove")
    db.session.expire_all()
    assert [(i.position, i.title) for i in meeting.agenda_items] == [(1, "Item 2"), (2, "Item 3")]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "Field cannot be longer than 200 characters."),
        ({"title": "Budget", "duration_minutes": "0"}, "Give a duration between 1 and 600 minutes."),
        ({"title": "Budget", "duration_minutes": "an hour"}, "Not a valid integer value."),
        ({"title": "Budget", "presenter_id": "999999"}, "Not a valid choice"),
        ({"title": "Budget\x00"}, "control characters"),
    ],
)
def test_bad_agenda_input_is_explained_and_not_saved(login_as, make_meeting, db, data, message):
    meeting = make_meeting()
    response = login_as("member", "NL").post(f"/meetings/{meeting.id}/agenda", data=data, headers=HTMX)
    assert response.status_code == 200
    assert is_fragment(response)
    assert message in response.data.decode()
    assert db.session.scalar(db.select(db.func.count(AgendaItem.id))) == 0


def test_only_the_convening_presidency_touches_the_agenda(login_as, make_meeting, member_client, db):
    meeting = make_meeting(agenda=2, status="convened")
    item = meeting.agenda_items[1]
    for client in (member_client, login_as("member", "SK"), login_as("core-group", "DE")):
        assert client.post(f"/meetings/{meeting.id}/agenda", data={"title": "Mine"}).status_code == 403
        assert client.post(f"/meetings/{meeting.id}/agenda/{item.id}/up").status_code == 403
        assert client.post(f"/meetings/{meeting.id}/agenda/{item.id}/remove").status_code == 403
    assert b"Move up" not in member_client.get(f"/meetings/{meeting.id}").data
    assert _titles(db, meeting) == ["Item 1", "Item 2"]


def test_agencies_are_invited_with_the_reason_their_expertise_is_needed(login_as, make_meeting, db):
    meeting = make_meeting()
    dutch = login_as("member", "NL")
    frontex = organisation("FRONTEX")
    missing = dutch.post(f"/meetings/{meeting.id}/agencies", data={"organisation_id": frontex.id, "reason": ""})
    assert b"This field is required." in missing.data
    not_agency = dutch.post(f"/meetings/{meeting.id}/agencies",
                            data={"organisation_id": organisation("IT").id, "reason": "x"})
    assert b"Not a valid choice" in not_agency.data
    assert db.session.scalar(db.select(db.func.count(MeetingInvitation.id))) == 0
    ok = dutch.post(f"/meetings/{meeting.id}/agencies",
                    data={"organisation_id": frontex.id, "reason": "Border checks at the external frontier"})
    assert ok.status_code == 303
    twice = dutch.post(f"/meetings/{meeting.id}/agencies", data={"organisation_id": frontex.id, "reason": "again"})
    assert b"Frontex is already invited." in twice.data
    page = dutch.get(f"/meetings/{meeting.id}").data.decode()
    assert "Border checks at the external frontier" in page
    invitation = db.session.scalar(db.select(MeetingInvitation))
    assert dutch.post(f"/meetings/{meeting.id}/invitations/{invitation.id}/withdraw").status_code == 303
    assert db.session.scalar(db.select(db.func.count(MeetingInvitation.id))) == 0


def test_an_invited_country_answers_once_and_can_change_its_answer(convened, member_client, login_as, db):
    url = f"/meetings/{convened.id}/answers/IT"
    page = member_client.get(f"/meetings/{convened.id}").data.decode()
    assert "The answer of Italy" in page
    response = member_client.post(url, data={"answer": "attending", "delegates": "2",
                                              "delegate_names": "Giulia Example\nMarco Example"})
    assert response.status_code == 303
    colleague = login_as("member", "IT")  # a colleague changes the country's answer: still one answer
    colleague.post(url, data={"answer": "tentative", "delegates": "", "delegate_names": ""})
    answers = db.session.scalars(db.select(MeetingAnswer)).all()
    assert len(answers) == 1
    assert (answers[0].answer, answers[0].delegates) == ("tentative", 0)
    table = member_client.get(f"/meetings/{convened.id}").data.decode()
    assert "Tentative" in table
    assert "1 of 28 answered" in table


def test_attending_needs_delegates_and_their_names(convened, member_client, db):
    url = f"/meetings/{convened.id}/answers/IT"
    response = member_client.post(url, data={"answer": "attending", "delegates": "0", "delegate_names": ""},
                                  headers=HTMX)
    assert is_fragment(response)
    text = response.data.decode()
    assert "An attending delegation has at least one delegate." in text
    assert "Give the names of the delegates." in text
    for bad in ({"answer": "maybe"}, {"answer": "attending", "delegates": "50", "delegate_names": "x"}):
        assert member_client.post(url, data=bad).status_code == 200
    assert db.session.scalar(db.select(db.func.count(MeetingAnswer.id))) == 0


def test_nobody_answers_for_another_organisation(convened, member_client, agency_client, admin_client, db):
    response = member_client.post(f"/meetings/{convened.id}/answers/FR", data={"answer": "not_attending"})
    assert response.status_code == 403
    assert b"You answer for Italy only, not for France." in response.data
    assert agency_client.post(f"/meetings/{convened.id}/answers/IT",
                              data={"answer": "attending"}).status_code == 403
    # The Council is not invited; administrators answer for nobody else either.
    assert admin_client.post(f"/meetings/{convened.id}/answers/GSC",
                             data={"answer": "attending"}).status_code == 403
    assert admin_client.post(f"/meetings/{convened.id}/answers/IT",
                             data={"answer": "attending"}).status_code == 403
    assert agency_client.post(f"/meetings/{convened.id}/answers/EUROPOL", data={
        "answer": "attending", "delegates": "1", "delegate_names": "Liaison officer"}).status_code == 303
    assert db.session.scalar(db.select(db.func.count(MeetingAnswer.id))) == 1


def test_no_answer_once_the_meeting_has_started(make_meeting, login_as, db):
    started = make_meeting(status="convened", start=PAST, timezone="Europe/Warsaw", invite=("IT",))
    response = login_as("member", "IT").post(f"/meetings/{started.id}/answers/IT", data={"answer": "not_attending"})
    assert response.status_code == 409
    assert b"The meeting has started" in response.data
    assert db.session.scalar(db.select(db.func.count(MeetingAnswer.id))) == 0


def test_the_convening_presidency_sees_who_has_not_answered(convened, login_as, member_client):
    answer(convened, "IT")
    answer(convened, "FR", "not_attending")
    dutch_page = login_as("member", "NL").get(f"/meetings/{convened.id}").data.decode()
    assert "Not answered yet (26)" in dutch_page
    pending = dutch_page[dutch_page.index('id="pending"'):]
    assert "Austria" in pending
    assert "Italy" not in pending
    assert "Not answered yet" not in member_client.get(f"/meetings/{convened.id}").data.decode()


def test_answer_table_shows_delegations(convened, agency_client):
    answer(convened, "IT", delegates=2)
    page = agency_client.get(f"/meetings/{convened.id}").data.decode()
    assert "A. Delegate, B. Delegate" in page
    assert "1 of 28 answered; 1 delegation attending." in page


def test_answers_are_not_taken_before_convening(make_meeting, login_as, db):
    meeting = make_meeting(start=datetime(2029, 12, 1, 10), invite=("EUROPOL",))
    europol = login_as("member", "EUROPOL")
    response = europol.post(f"/meetings/{meeting.id}/answers/EUROPOL", data={"answer": "attending"})
    assert response.status_code == 404  # a planned meeting is the Presidency's draft


def test_an_agenda_item_is_edited_and_bad_input_kept(login_as, make_meeting, db):
    meeting = make_meeting(agenda=1)
    item = meeting.agenda_items[0]
    dutch = login_as("member", "NL")
    form = dutch.get(f"/meetings/{meeting.id}/agenda/{item.id}/edit").data.decode()
    assert 'value="Item 1"' in form
    assert 'value="30"' in form
    bad = dutch.post(f"/meetings/{meeting.id}/agenda/{item.id}/edit",
                     data={"title": "Budget", "duration_minutes": "-5"})
    assert "Give a duration between 1 and 600 minutes." in bad.data.decode()
    assert 'value="Budget"' in bad.data.decode()
    db.session.expire_all()
    assert item.title == "Item 1"
    ok = dutch.post(f"/meetings/{meeting.id}/agenda/{item.id}/edit", data={
        "title": "Budget", "duration_minutes": "20", "presenter_id": str(organisation("CEPOL").id)})
    assert ok.status_code == 303
    db.session.expire_all()
    assert (item.title, item.duration_minutes, item.presenter.code) == ("Budget", 20, "CEPOL")
    assert meeting.sequence == 1
    assert login_as("member", "FR").get(f"/meetings/{meeting.id}/agenda/{item.id}/edit").status_code == 404  # draft
