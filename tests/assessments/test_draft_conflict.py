"""Two members of a country editing its draft at once: the second save is refused, with their input kept."""

import pytest

from app.assessments import services
from app.assessments.models import AssessmentAnswer, AssessmentRow
from app.assessments.questionnaires import COOPERATION
from tests.assessments.test_answering import rating, version_of
from tests.factories import in_french, organisation


def _url(round_):
    return f"/assessments/rounds/{round_.id}/answer"


def _rows(db):
    return [(r.partner.code, r.values["quality"]) for r in
            db.session.scalars(db.select(AssessmentRow).order_by(AssessmentRow.id))]


def test_the_second_save_from_an_older_page_is_refused(login_as, db, make_round):
    round_ = make_round()
    giulia = login_as("member", "IT", name="Giulia Rossi")
    marco = login_as("member", "IT", name="Marco Bianchi")
    giulia.post(_url(round_), data={**rating("FR"), "version": version_of(giulia, _url(round_))})
    giulias_page, marcos_page = version_of(giulia, _url(round_)), version_of(marco, _url(round_))
    assert giulias_page == marcos_page
    assert giulia.post(_url(round_), data={**rating("DE", quality="3"), "version": giulias_page}).status_code == 303

    response = marco.post(_url(round_), data={**rating("ES", quality="2", comment="Marco's own words"),
                                              "version": marcos_page})
    assert response.status_code == 409
    text = response.text
    assert "Giulia Rossi saved this answer on" in text
    assert "your input is kept below" in text
    assert "Marco&#39;s own words" in text  # what he typed is still in the form
    assert f'<option selected value="{organisation("ES").id}">' in text
    assert _rows(db) == [("FR", 4), ("DE", 3)]  # nothing of his written
    # The form now carries the saved version: saving again, knowingly, is accepted.
    new_version = text.split('name="version" type="hidden" value="')[1].split('"')[0]
    assert new_version != marcos_page
    assert marco.post(_url(round_), data={**rating("ES", quality="2"), "version": new_version}).status_code == 303
    assert _rows(db) == [("FR", 4), ("DE", 3), ("ES", 2)]


def test_two_first_saves_make_one_answer(login_as, db, make_round, make_answer):
    """Both pages were loaded before the country had an answer; the second first save is refused."""
    round_ = make_round()
    first, second = login_as("member", "IT"), login_as("member", "IT")
    first_page, second_page = version_of(first, _url(round_)), version_of(second, _url(round_))
    assert first_page == second_page == "0"
    assert first.post(_url(round_), data={**rating("FR"), "version": first_page}).status_code == 303
    response = second.post(_url(round_), data={**rating("DE", quality="1"), "version": second_page})
    assert response.status_code == 409
    assert 'value="1"' in response.text.split('name="quality"')[0] or "checked" in response.text
    assert len(db.session.scalars(db.select(AssessmentAnswer)).all()) == 1
    assert _rows(db) == [("FR", 4)]


def test_leaving_out_from_an_older_page_is_refused(login_as, db, make_round):
    round_ = make_round()
    first, second = login_as("member", "IT"), login_as("member", "IT")
    first.post(_url(round_), data={**rating("FR"), "version": version_of(first, _url(round_))})
    old = version_of(second, _url(round_))
    first.post(_url(round_), data={**rating("DE"), "version": version_of(first, _url(round_))})
    response = second.post(f"{_url(round_)}/remove", data={"subject": str(organisation("FR").id), "version": old})
    assert response.status_code == 409
    assert "saved this answer on" in response.text
    assert _rows(db) == [("FR", 4), ("DE", 4)]


def test_the_conflict_in_french(login_as, db, make_round):
    round_ = make_round()
    first, second = login_as("member", "IT", name="Giulia Rossi"), in_french(login_as("member", "IT"))
    old = version_of(second, _url(round_))
    first.post(_url(round_), data={**rating("FR"), "version": version_of(first, _url(round_))})
    response = second.post(_url(round_), data={**rating("DE"), "version": old})
    assert response.status_code == 409
    assert "Giulia Rossi a enregistré cette réponse le" in response.text


def test_a_first_save_racing_another_ends_in_one_answer(member_client, db, make_round, make_answer):
    """Two members' first saves in the same instant: both read "no answer yet"; the database's unique constraint
    refuses the second insert, which the service reports as a conflict, writing nothing."""
    round_ = make_round()
    make_answer(round_, "IT", {"FR": {}})  # the other member's save, committed first
    values, errors = COOPERATION.clean({**rating("DE"), "channels": ["siena"], "difficulties": []})
    assert errors == {}
    with member_client.application.test_request_context():
        with pytest.raises(services.AnswerConflict):
            services.save_draft(member_client.user, round_, None, organisation("DE").id, values)
        db.session.rollback()
    assert len(db.session.scalars(db.select(AssessmentAnswer)).all()) == 1
    assert _rows(db) == [("FR", 4)]
