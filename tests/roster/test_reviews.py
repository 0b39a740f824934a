"""Review notes and scores: internal to the core group, never shown to the nominee's own country; one review per
reviewer, which they may change while the nomination is under review."""

import pytest

from app.core.models import AuditEvent
from app.notifications.models import Notification
from app.roster.models import NominationReview
from tests.factories import NOMINATION_REVIEW, in_french

NOTES = "Konrad Lindqvist trains well but is rarely free."


@pytest.fixture
def reviewed(login_as, make_nomination, db):
    """A German nomination reviewed by a French core-group member (the reviewer's name and notes are internal)."""
    nomination = make_nomination("DE", status="under_review", name="Konrad Lindqvist")
    french_core = login_as("core-group", "FR", name="Reviewer Colette Marchand")
    response = french_core.post(f"/nominations/{nomination.id}/reviews",
                                data=dict(NOMINATION_REVIEW, score_expertise="2", notes=NOTES))
    assert response.status_code == 303
    french_core.nomination = nomination
    return french_core


def _review_traces(page: str) -> list[str]:
    return [trace for trace in (NOTES, "Colette Marchand", "/20", "review recorded", "Record your review")
            if trace in page]


def test_the_nominating_countrys_core_member_sees_status_and_decision_not_the_reviews(reviewed, core_client, db):
    nomination = reviewed.nomination  # core_client is a German core-group member
    decline = reviewed.post(f"/nominations/{nomination.id}/decline", data={"message": "Not enough availability."})
    assert decline.status_code == 303
    page = core_client.get(f"/nominations/{nomination.id}").data.decode()
    assert "Declined" in page
    assert "Not enough availability." in page
    assert "reviews are not shown to your country" in page
    assert _review_traces(page) == []
    # Nor anywhere else they look: the lists, the dashboard, the search, the messages to their country.
    for path in ("/nominations/", "/nominations/?status=declined", "/", "/dashboard/nominations",
                 "/search?q=rarely", "/search?q=Marchand"):
        response = core_client.get(path)
        assert response.status_code == 200, path
        assert _review_traces(response.data.decode()) == [], path
    messages = db.session.scalars(db.select(Notification).where(Notification.kind == "nomination_decided")).all()
    assert messages
    for message in messages:
        assert NOTES not in message.body_text + message.body_html
        assert "Marchand" not in message.body_text + message.body_html
    assert core_client.get(f"/nominations/{nomination.id}/export.json").status_code == 403


def test_the_nominating_countrys_core_member_sees_no_review_in_french_either(reviewed, core_client):
    page = in_french(core_client).get(f"/nominations/{reviewed.nomination.id}").data.decode()
    assert "ne sont pas montrés à votre pays" in page
    assert NOTES not in page
    assert "Colette Marchand" not in page


@pytest.mark.parametrize("who", ["other_core", "admin"])
def test_other_core_members_and_administrators_see_the_reviews(request, reviewed, login_as, who):
    client = login_as("core-group", "ES") if who == "other_core" else request.getfixturevalue("admin_client")
    page = client.get(f"/nominations/{reviewed.nomination.id}").data.decode()
    assert NOTES in page
    assert "Colette Marchand" in page
    assert "13/20" in page  # 2 + 4 + 4 + 3
    assert "review recorded" in page


def test_a_second_review_by_the_same_reviewer_changes_theirs(reviewed, db):
    nomination = reviewed.nomination
    form = reviewed.get(f"/nominations/{nomination.id}").data.decode()
    assert "Change your review" in form
    assert NOTES in form.split('class="review-form"')[1]  # the form starts from their review
    assert '<option selected value="2">2</option>' in form
    response = reviewed.post(f"/nominations/{nomination.id}/reviews",
                             data=dict(NOMINATION_REVIEW, score_expertise="4", notes="On second thought: good."))
    assert response.status_code == 303
    review = db.session.scalars(db.select(NominationReview)).one()
    assert (review.score_expertise, review.notes, review.reviewer_id) == (4, "On second thought: good.",
                                                                          reviewed.user.id)
    assert review.updated_at is not None
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "change_review")).one()
    assert event.changes == {"review": [review.id, review.id], "score_expertise": [2, 4], "notes": [None, None]}
    page = reviewed.get(f"/nominations/{nomination.id}").data.decode()
    assert "review changed" in page
    assert NOTES not in page


def test_two_reviewers_each_have_their_own_review(reviewed, login_as, db):
    spanish_core = login_as("core-group", "ES")
    response = spanish_core.post(f"/nominations/{reviewed.nomination.id}/reviews", data=NOMINATION_REVIEW)
    assert response.status_code == 303
    page = spanish_core.get(f"/nominations/{reviewed.nomination.id}").data.decode()
    assert "Change your review" in page
    assert NOTES in page  # the other reviewer's review is still there, beside theirs
    reviewers = set(db.session.scalars(db.select(NominationReview.reviewer_id)))
    assert reviewers == {reviewed.user.id, spanish_core.user.id}


@pytest.mark.parametrize("status", ["accepted", "declined", "withdrawn"])
def test_a_review_of_a_closed_nomination_does_not_change(reviewed, db, status):
    nomination = reviewed.nomination
    nomination.status = status
    db.session.commit()
    response = reviewed.post(f"/nominations/{nomination.id}/reviews",
                             data=dict(NOMINATION_REVIEW, notes="Changed my mind."))
    assert response.status_code == 409
    page = response.data.decode()
    assert "is not reviewed any more" in page
    assert "Changed my mind." in page  # the typed text is kept
    db.session.expire_all()
    review = db.session.scalars(db.select(NominationReview)).one()
    assert (review.notes, review.score_expertise, review.updated_at) == (NOTES, 2, None)
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id)).where(AuditEvent.action == "change_review")) == 0


def test_the_database_refuses_a_second_review_by_the_same_reviewer(reviewed, db):
    from sqlalchemy.exc import IntegrityError

    db.session.add(NominationReview(nomination_id=reviewed.nomination.id, reviewer_id=reviewed.user.id,
                                    score_expertise=1, score_training=1, score_languages=1, score_availability=1))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_reviewer_of_the_nominees_country_is_refused_and_nothing_written(reviewed, core_client, db):
    nomination = reviewed.nomination
    response = core_client.post(f"/nominations/{nomination.id}/reviews",
                                data=dict(NOMINATION_REVIEW, notes="My compatriot is great."))
    assert response.status_code == 403
    page = response.data.decode()
    assert "does not review a nominee of their own country" in page
    assert "My compatriot is great." in page
    assert NOTES not in page  # their refused attempt shows their own text, not the others' reviews
    assert db.session.scalar(db.select(db.func.count(NominationReview.id))) == 1
