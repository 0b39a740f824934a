"""Opening, listing and closing rounds: who may, what the form refuses, the progress shown, the audit."""

from datetime import timedelta

import pytest

from app.assessments.models import AssessmentRound
from app.core.models import AuditEvent
from app.core.timezones import today
from tests.factories import in_french, organisation


def _round_form(**changes):
    data = {"questionnaire": "cooperation", "year": str(today().year - 1),
            "deadline": (today() + timedelta(days=30)).isoformat(), "note": "Please answer by the deadline."}
    data.update(changes)
    return data


def _rounds(db):
    return db.session.scalars(db.select(AssessmentRound)).all()


@pytest.mark.parametrize(("who", "allowed"), [("member_client", False), ("core_client", False),
                                              ("agency_client", False), ("admin_client", True),
                                              ("presidency_client", True)])
def test_the_presidency_and_administrators_open_rounds(request, db, who, allowed):
    client = request.getfixturevalue(who)
    assert client.get("/assessments/rounds/new").status_code == (200 if allowed else 403)
    response = client.post("/assessments/rounds/new", data=_round_form())
    assert response.status_code == (303 if allowed else 403)
    assert len(_rounds(db)) == (1 if allowed else 0)
    if allowed:
        round_ = _rounds(db)[0]
        assert response.headers["Location"].endswith(f"/assessments/rounds/{round_.id}")
        assert (round_.questionnaire, round_.year, round_.status) == ("cooperation", today().year - 1, "open")
        event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.record_type == "assessment_rounds")).one()
        assert event.action == "open_round"
        assert event.actor_id == client.user.id


def test_the_form_proposes_last_year(admin_client):
    page = admin_client.get("/assessments/rounds/new").text
    assert f'value="{today().year - 1}"' in page


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"year": str(today().year + 1)}, "year", "The year cannot be in the future"),
    ({"year": "1999"}, "year", "Give a year from 2000 to 2200."),
    ({"year": "soon"}, "year", "Not a valid integer value."),
    ({"deadline": today().isoformat()}, "deadline", "The deadline must be after today."),
    ({"deadline": ""}, "deadline", "Give the deadline."),
    ({"questionnaire": "satisfaction"}, "questionnaire", "Not a valid choice"),
    ({"note": "a\x00b"}, "note", "control characters"),
])
def test_a_bad_round_is_refused_next_to_its_field(admin_client, db, changes, field, message):
    response = admin_client.post("/assessments/rounds/new", data=_round_form(**changes))
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.text
    assert message in response.text
    assert 'Please answer by the deadline.' in response.text or field == "note"  # the typed note is kept
    assert _rounds(db) == []


def test_one_round_per_questionnaire_and_year(admin_client, db, make_round):
    make_round("cooperation", year=today().year - 1)
    response = admin_client.post("/assessments/rounds/new", data=_round_form())
    assert response.status_code == 400
    assert "There is already a round of this questionnaire for" in response.text
    assert 'id="year-error"' in response.text
    assert len(_rounds(db)) == 1
    # The other questionnaire for the same year is another round.
    assert admin_client.post("/assessments/rounds/new",
                             data=_round_form(questionnaire="training_needs")).status_code == 303
    assert len(_rounds(db)) == 2


def test_the_index_lists_rounds_newest_first_with_their_progress(member_client, make_round, make_answer):
    older = make_round("cooperation", year=today().year - 3, status="closed")
    newer = make_round("training_needs", year=today().year - 1)
    for code in ("FR", "DE"):
        make_answer(older, code, {"IT": {}}, status="submitted")
    make_answer(older, "ES", {"IT": {}})  # a draft does not count
    page = member_client.get("/assessments/").text
    assert page.index(newer.title) < page.index(older.title)
    assert "2 of 27 countries answered" in page
    assert "0 of 27 countries answered" in page
    assert 'max="27" value="2"' in page
    assert "Open a round" not in page


def test_the_round_page_shows_progress_and_who_answered(member_client, make_round, make_answer):
    round_ = make_round()
    make_answer(round_, "FR", {"IT": {}}, status="submitted")
    make_answer(round_, "DE", {"IT": {}})
    page = member_client.get(f"/assessments/rounds/{round_.id}").text
    assert "1 of 27 countries answered" in page
    answered = page.split('id="answered-heading"')[1].split('id="waiting-heading"')[0]
    assert "France" in answered
    assert "Germany" not in answered
    waiting = page.split('id="waiting-heading"')[1]
    assert "Germany" in waiting
    assert "(draft started)" in waiting
    assert "Italy" in waiting
    assert "Not started yet." in page
    assert f'href="/assessments/rounds/{round_.id}/answer"' in page  # the Answer button


def test_the_round_page_in_french(member_client, make_round, make_answer):
    round_ = make_round()
    make_answer(round_, "FR", {"IT": {}}, status="submitted")
    page = in_french(member_client).get(f"/assessments/rounds/{round_.id}").text
    assert "1 sur 27 pays ont répondu" in page
    assert "Pas encore commencée." in page


def test_closing_a_round(admin_client, member_client, db, make_round):
    round_ = make_round()
    assert member_client.post(f"/assessments/rounds/{round_.id}/close").status_code == 403
    response = admin_client.post(f"/assessments/rounds/{round_.id}/close")
    assert response.status_code == 303
    db.session.refresh(round_)
    assert round_.status == "closed"
    assert round_.closed_at is not None
    assert db.session.scalars(db.select(AuditEvent.action).where(
        AuditEvent.record_type == "assessment_rounds", AuditEvent.record_id == round_.id)).all() == ["close"]
    assert admin_client.post(f"/assessments/rounds/{round_.id}/close").status_code == 409
    assert "takes no more answers" in member_client.get(f"/assessments/rounds/{round_.id}/answer").text


def test_a_round_past_its_deadline_stays_open_but_takes_no_answers(member_client, make_round):
    round_ = make_round(deadline=today() - timedelta(days=1))
    page = member_client.get(f"/assessments/rounds/{round_.id}").text
    assert "The deadline has passed" in page
    assert "Open" in page
    assert f'href="/assessments/rounds/{round_.id}/answer"' not in page.split('id="own-heading"')[1]


def test_missing_rounds_are_404(member_client):
    assert member_client.get("/assessments/rounds/999999").status_code == 404
    assert member_client.get("/assessments/rounds/99999999999").status_code == 404
    assert organisation("IT").kind == "member_state"
