"""Submitting a country's answer (its Head of SPOC only), a second submission refused, reopening by an
administrator with what to correct, and the whole journey of a round."""

from datetime import timedelta

from app.assessments.models import AssessmentAnswer, AssessmentRound
from app.core.models import AuditEvent
from app.core.timezones import today
from tests.assessments.test_answering import rating, version_of
from tests.factories import in_french


def _answer(db):
    return db.session.scalars(db.select(AssessmentAnswer)).one()


def _events(db, answer):
    return db.session.scalars(db.select(AuditEvent.action).where(
        AuditEvent.record_type == "assessment_answers", AuditEvent.record_id == answer.id)
        .order_by(AuditEvent.id)).all()


def test_only_the_head_submits(login_as, make_head, db, make_round, make_answer):
    round_ = make_round()
    answer = make_answer(round_, "IT", {"FR": {}})
    member = login_as("member", "IT")
    head = login_as("member", "IT")
    make_head(head.user)
    other_head = login_as("member", "FR")
    make_head(other_head.user)
    assert "Submit the answer" not in member.get(f"/assessments/rounds/{round_.id}").text
    assert member.post(f"/assessments/answers/{answer.id}/submit").status_code == 403
    assert other_head.post(f"/assessments/answers/{answer.id}/submit").status_code == 403
    assert "Submit the answer" in head.get(f"/assessments/rounds/{round_.id}").text
    response = head.post(f"/assessments/answers/{answer.id}/submit")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/assessments/rounds/{round_.id}")
    db.session.refresh(answer)
    assert answer.status == "submitted"
    assert answer.submitted_by_id == head.user.id
    assert answer.submitted_at
    assert "1 of 27 countries answered" in head.get(f"/assessments/rounds/{round_.id}").text
    # A second submission: 409, nothing written.
    again = head.post(f"/assessments/answers/{answer.id}/submit")
    assert again.status_code == 409
    assert "This answer is already submitted." in again.text
    assert _events(db, answer) == ["submit_answer"]
    # A submitted answer takes no more draft saves.
    url = f"/assessments/rounds/{round_.id}/answer"
    response = member.post(url, data={**rating("DE"), "version": str(answer.version)})
    assert response.status_code == 409
    assert "an administrator can reopen it" in response.text
    assert len(answer.rows) == 1


def test_an_empty_answer_cannot_be_submitted(login_as, make_head, db, make_round, make_answer):
    answer = make_answer(make_round(), "IT", {})
    head = login_as("member", "IT")
    make_head(head.user)
    response = head.post(f"/assessments/answers/{answer.id}/submit")
    assert response.status_code == 409
    assert "This answer is empty" in response.text
    db.session.refresh(answer)
    assert answer.status == "draft"
    assert _events(db, answer) == []


def test_no_submission_after_the_deadline(login_as, make_head, db, make_round, make_answer):
    answer = make_answer(make_round(deadline=today() - timedelta(days=1)), "IT", {"FR": {}})
    head = login_as("member", "IT")
    make_head(head.user)
    assert head.post(f"/assessments/answers/{answer.id}/submit").status_code == 403
    db.session.refresh(answer)
    assert answer.status == "draft"


def test_an_administrator_reopens_with_what_to_correct(admin_client, member_client, db, make_round, make_answer):
    answer = make_answer(make_round(), "IT", {"FR": {}}, status="submitted")
    assert member_client.post(f"/assessments/answers/{answer.id}/reopen", data={"note": "x"}).status_code == 403
    refused = admin_client.post(f"/assessments/answers/{answer.id}/reopen", data={"note": "  "})
    assert refused.status_code == 400
    assert "This field is required." in refused.text
    db.session.refresh(answer)
    assert answer.status == "submitted"
    response = admin_client.post(f"/assessments/answers/{answer.id}/reopen",
                                 data={"note": "The quality given to France is missing a comment."})
    assert response.status_code == 303
    db.session.refresh(answer)
    assert answer.status == "draft"
    assert answer.submitted_at is None
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "reopen_answer")).one()
    assert event.note == "The quality given to France is missing a comment."
    assert admin_client.post(f"/assessments/answers/{answer.id}/reopen", data={"note": "again"}).status_code == 409
    page = member_client.get(f"/assessments/answers/{answer.id}").text
    assert "The quality given to France is missing a comment." in page


def test_who_sees_a_raw_answer(member_client, other_member_client, core_client, admin_client, make_round,
                               make_answer):
    answer = make_answer(make_round(), "IT", {"FR": {"comment": "Slow on Fridays"}}, status="submitted")
    assert "Slow on Fridays" in member_client.get(f"/assessments/answers/{answer.id}").text
    assert "Slow on Fridays" in admin_client.get(f"/assessments/answers/{answer.id}").text
    assert other_member_client.get(f"/assessments/answers/{answer.id}").status_code == 403
    assert core_client.get(f"/assessments/answers/{answer.id}").status_code == 403
    assert member_client.get("/assessments/answers/999999").status_code == 404


def test_a_whole_round(login_as, make_head, admin_client, db):
    """Open, answer as three countries, a draft conflict, submit, a second submit refused, reopen, deadline, close."""
    deadline = today() + timedelta(days=10)
    opened = admin_client.post("/assessments/rounds/new", data={
        "questionnaire": "cooperation", "year": str(today().year - 1), "deadline": deadline.isoformat()})
    round_ = db.session.scalars(db.select(AssessmentRound)).one()
    url = f"/assessments/rounds/{round_.id}/answer"
    assert opened.status_code == 303
    heads = {}
    for country, partners in (("IT", ("FR", "DE")), ("FR", ("IT",)), ("DE", ("IT", "FR"))):
        member, head = login_as("member", country), login_as("member", country)
        heads[country] = make_head(head.user) and head
        for partner in partners:
            assert member.post(url, data={**rating(partner), "version": version_of(member, url)}).status_code == 303
    # A conflict between IT's member and head: the later save from the older page is refused.
    stale = version_of(heads["IT"], url)
    login_as("member", "IT").post(url, data={**rating("ES"), "version": stale})
    assert heads["IT"].post(url, data={**rating("PT"), "version": stale}).status_code == 409
    answers = {a.organisation.code: a for a in db.session.scalars(db.select(AssessmentAnswer))}
    assert [r.partner.code for r in answers["IT"].rows] == ["FR", "DE", "ES"]
    for country in ("IT", "FR"):
        assert heads[country].post(f"/assessments/answers/{answers[country].id}/submit").status_code == 303
    assert heads["IT"].post(f"/assessments/answers/{answers['IT'].id}/submit").status_code == 409
    assert "2 of 27 countries answered" in admin_client.get(f"/assessments/rounds/{round_.id}").text
    assert admin_client.post(f"/assessments/answers/{answers['FR'].id}/reopen",
                             data={"note": "Add Spain"}).status_code == 303
    assert "1 of 27 countries answered" in admin_client.get("/assessments/").text
    # The deadline passes: DE's draft can no longer be saved or submitted; the round stays open until closed.
    round_.deadline = today() - timedelta(days=1)
    db.session.commit()
    assert 'name="subject"' not in heads["DE"].get(url).text  # no form any more
    assert heads["DE"].post(url, data={**rating("ES"), "version": str(answers["DE"].version)}).status_code == 409
    db.session.refresh(answers["DE"])
    assert [r.partner.code for r in answers["DE"].rows] == ["IT", "FR"]
    assert heads["DE"].post(f"/assessments/answers/{answers['DE'].id}/submit").status_code == 403
    assert admin_client.post(f"/assessments/rounds/{round_.id}/close").status_code == 303
    db.session.refresh(round_)
    assert round_.status == "closed"
    page = in_french(heads["IT"]).get(f"/assessments/rounds/{round_.id}").text
    assert "1 sur 27 pays ont répondu" in page


def test_administrators_reopen_from_the_round_page_and_the_log_names_the_records(admin_client, make_round,
                                                                                  make_answer):
    round_ = make_round()
    answer = make_answer(round_, "IT", {"FR": {}}, status="submitted")
    page = admin_client.get(f"/assessments/rounds/{round_.id}").text
    assert f'action="/assessments/answers/{answer.id}/reopen"' in page
    assert "Reopen for corrections" in page
    assert "What to correct" in page
    admin_client.post(f"/assessments/answers/{answer.id}/reopen", data={"note": "Add Spain"})
    log = in_french(admin_client).get("/admin/audit/").text
    assert "réponse à une évaluation" in log
    assert "réponse rouverte" in log
