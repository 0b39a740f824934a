"""The guard on the forms where people write on a record: the form comes back with the warning and the text kept,
nothing is written until the user confirms, and the confirmation is audited without the data itself."""

from app.core.models import AuditEvent
from app.meetings.models import AgendaItem, Meeting
from app.obstacles.models import Obstacle, ObstacleAffected, ObstacleComment
from app.practices.models import BestPractice
from app.roster.models import Nomination
from tests.factories import (
    HTMX,
    PAST,
    in_french,
    is_fragment,
    meeting_form,
    nomination_form,
    obstacle_form,
    practice_form,
)

IBAN = "DE89 3704 0044 0532 0130 00"
CASE_TEXT = f"The suspect was paid to {IBAN} & <b>then</b> left."


def _count(db, model) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)))


def _confirmations(db) -> list[AuditEvent]:
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "confirm_guard")).all()


def test_an_obstacle_with_case_data_comes_back_with_the_warning_and_is_not_saved(member_client, db):
    response = member_client.post("/obstacles/new", data=obstacle_form(description=CASE_TEXT))
    assert response.status_code == 200
    page = response.data.decode()
    assert "Nothing is saved yet: this text looks like operational personal data." in page
    assert f"<mark>{IBAN}</mark> looks like an IBAN" in page  # the list above the form
    assert "Check the marked text: it looks like an IBAN." in page  # next to the field
    assert f'<mark title="looks like an IBAN">{IBAN}</mark> &amp; &lt;b&gt;then&lt;/b&gt; left.' in page
    assert "<b>then</b>" not in page
    assert "&lt;b&gt;then&lt;/b&gt; left.</textarea>" in page  # the user's text is kept in the field
    assert "I confirm this is not operational personal data" in page
    assert "Tick this box" not in page
    assert _count(db, Obstacle) == 0
    assert _confirmations(db) == []
    # Saving again without the tick: the box says what it is for, and still nothing is written.
    response = member_client.post("/obstacles/new", data=obstacle_form(description=CASE_TEXT, guard_warned="1"))
    assert "Tick this box to save the text as it is, or remove the marked data." in response.data.decode()
    assert _count(db, Obstacle) == 0


def test_confirming_saves_and_audits_the_kinds_not_the_data(member_client, db):
    response = member_client.post("/obstacles/new", data=obstacle_form(
        description=CASE_TEXT, title="Payments traced by phone +33 6 12 34 56 78", confirm_operational_data="y"))
    assert response.status_code == 303
    obstacle = db.session.scalar(db.select(Obstacle))
    assert IBAN in obstacle.description
    [event] = _confirmations(db)
    assert (event.record_type, event.record_id, event.actor_id) == ("obstacles", obstacle.id, member_client.user.id)
    assert event.changes == {"title": [None, "phone"], "description": [None, "iban"]}
    assert IBAN not in str(event.changes) + str(event.note)
    history = member_client.get(f"/obstacles/{obstacle.id}").data.decode()
    assert "confirmed the text is not operational personal data" in history


def test_the_audit_log_shows_the_confirmation_to_administrators(member_client, admin_client, db):
    member_client.post("/obstacles/new", data=obstacle_form(description=CASE_TEXT, confirm_operational_data="y"))
    page = admin_client.get("/admin/audit/").data.decode()
    assert "confirmed the text is not operational personal data" in page
    assert "iban" in page
    assert IBAN not in page


def test_ordinary_text_saves_at_once_and_audits_no_confirmation(member_client, db):
    response = member_client.post("/obstacles/new", data=obstacle_form(
        description="Article 39 CISA requests wait for a prosecutor (doc. 9999/22 LIMITE, meeting of 12.03.2025)."))
    assert response.status_code == 303
    assert _count(db, Obstacle) == 1
    assert _confirmations(db) == []


def test_editing_warns_only_about_new_case_data(member_client, make_obstacle, db):
    obstacle = make_obstacle("IT", description=f"Confirmed earlier: {IBAN}.")
    data = obstacle_form(title="Prüm hits answered too slowly (updated)", description=obstacle.description,
                         version=str(obstacle.version))
    assert member_client.post(f"/obstacles/{obstacle.id}/edit", data=data).status_code == 303
    data = {**data, "version": str(obstacle.version + 1), "description": f"{obstacle.description} Born 02/02/1980."}
    response = member_client.post(f"/obstacles/{obstacle.id}/edit", data=data)
    assert "looks like a date of birth" in response.data.decode()
    assert "looks like an IBAN" not in response.data.decode()
    db.session.expire_all()
    assert "Born" not in db.session.get(Obstacle, obstacle.id).description


def test_a_comment_with_case_data_is_refused_in_place_with_htmx_then_confirmed(member_client, make_obstacle, db):
    obstacle = make_obstacle("FR")
    url = f"/obstacles/{obstacle.id}/comments"
    text = "Ask his brother on tél. 06 12 34 56 78."
    response = member_client.post(url, data={"body": text}, headers=HTMX)
    assert is_fragment(response)
    page = response.data.decode()
    assert 'id="discussion"' in page
    assert '<mark title="looks like a phone number">06 12 34 56 78</mark>' in page
    assert f"{text}</textarea>" in page
    assert _count(db, ObstacleComment) == 0
    response = member_client.post(url, data={"body": text, "confirm_operational_data": "y"}, headers=HTMX)
    assert "Your comment is posted." in response.data.decode()
    comment = db.session.scalar(db.select(ObstacleComment))
    assert comment.body == text
    [event] = _confirmations(db)
    assert (event.record_type, event.record_id, event.changes) == ("obstacle_comments", comment.id,
                                                                    {"body": [None, "phone"]})


def test_a_practice_is_not_saved_until_confirmed(member_client, db):
    data = practice_form(body="## Contact\n\nThe informant, passport number C01X00T47, helped.")
    response = member_client.post("/practices/new", data=data)
    assert "looks like a passport or ID card number" in response.data.decode()
    assert _count(db, BestPractice) == 0
    assert member_client.post("/practices/new", data={**data, "confirm_operational_data": "y"}).status_code == 303
    practice = db.session.scalar(db.select(BestPractice))
    assert [(e.record_id, e.changes) for e in _confirmations(db)] == [(practice.id, {"body": [None,
                                                                                             "identity_document"]})]


def test_meeting_agenda_and_minutes_are_guarded(login_as, make_meeting, db):
    polish = login_as("member", "PL")
    meeting = make_meeting(status="held", start=PAST, timezone="Europe/Warsaw")
    response = polish.post(f"/meetings/{meeting.id}/minutes", data={
        "minutes": "Discussed the van with number plate AB-123-CD."})
    assert '<mark title="looks like a vehicle plate">AB-123-CD</mark>' in response.data.decode()
    db.session.expire_all()
    assert not meeting.minutes
    dutch = login_as("member", "NL")
    response = dutch.post("/meetings/new", data=meeting_form(description="Host: Jan KOWALSKI, 12.03.1985."),
                          headers=HTMX)
    assert is_fragment(response)
    assert '<mark title="looks like a date of birth">12.03.1985</mark>' in response.data.decode()
    assert _count(db, Meeting) == 1  # the held one only
    planned = make_meeting()
    response = dutch.post(f"/meetings/{planned.id}/agenda", data={"title": "Case of a.b@mail.example.com"},
                          headers=HTMX)
    assert "looks like the e-mail address of a third party" in response.data.decode()
    assert _count(db, AgendaItem) == 0


def test_the_countries_notes_and_a_nomination_s_motivation_are_guarded(login_as, make_obstacle, db):
    obstacle = make_obstacle("IT")
    french = login_as("member", "FR")
    url = f"/obstacles/{obstacle.id}/affected"
    note = "Seen when the driver, Kennzeichen M-AB 1234, crossed at Strasbourg."
    response = french.post(url, data={"note": note}, headers=HTMX)
    assert '<mark title="looks like a vehicle plate">M-AB 1234</mark>' in response.data.decode()
    assert _count(db, ObstacleAffected) == 0
    french.post(url, data={"note": note, "confirm_operational_data": "y"})
    assert db.session.scalar(db.select(ObstacleAffected)).note == note
    assert _confirmations(db)[0].changes == {"note": [None, "vehicle_plate"]}
    data = nomination_form(org="FR", motivation="Reach her on her mobile +33 6 12 34 56 78.")
    response = french.post("/nominations/new", data=data)
    assert "looks like a phone number" in response.data.decode()
    assert _count(db, Nomination) == 0


def test_the_warning_reads_in_french(member_client, db):
    in_french(member_client)
    response = member_client.post("/obstacles/new", data=obstacle_form(description=CASE_TEXT))
    page = response.data.decode()
    assert "ressemble à un IBAN" in page
    assert "Je confirme qu’il ne s’agit pas de données personnelles opérationnelles" in page
    assert _count(db, Obstacle) == 0
