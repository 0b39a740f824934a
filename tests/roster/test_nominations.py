from datetime import date, timedelta

import pytest

from app.core.models import AuditEvent
from app.core.timezones import today
from app.roster.models import Expert, Nomination, NominationReview
from app.roster.services import years_after
from tests.factories import HTMX, NOMINATION_REVIEW, is_fragment, nomination_form, organisation


def _count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_a_member_nominates_an_expert_of_their_country(member_client, db):
    response = member_client.post("/nominations/new", data=nomination_form())
    assert response.status_code == 303
    nomination = db.session.scalars(db.select(Nomination)).one()
    assert response.headers["Location"].endswith(f"/nominations/{nomination.id}")
    assert nomination.status == "submitted"
    assert nomination.email == "chiara.bianchi@example.org"
    assert [(lang.language, lang.level) for lang in nomination.languages] == [("it", "native"), ("en", "C1")]
    assert nomination.areas == ["channels", "legal_framework"]
    assert nomination.consent_on == date(2026, 1, 20)
    page = member_client.get(response.headers["Location"]).data.decode()
    assert "Chiara Bianchi" in page
    assert "Italian (Mother tongue), English (C1)" in page
    assert "submit" in page  # the history shows the submission


@pytest.mark.parametrize(
    ("who", "expected"),
    [("member", 200), ("other_member", 200), ("core", 200), ("agency", 403), ("admin", 403)],
)
def test_only_member_state_users_may_nominate(request, who, expected):
    client = request.getfixturevalue(f"{who}_client")
    assert client.get("/nominations/new").status_code == expected


def test_anonymous_users_are_sent_to_the_login_page(client, make_nomination):
    nomination = make_nomination()
    for path in ("/nominations/", "/nominations/new", f"/nominations/{nomination.id}"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/login" in response.headers["Location"]
    assert client.post(f"/nominations/{nomination.id}/withdraw").status_code == 302


def test_the_form_offers_the_fixed_lists(member_client):
    page = member_client.get("/nominations/new").data.decode()
    for label in ("Legal framework", "Data protection", "Training design", "Irish", "Maltese", "Ukrainian",
                  "Mother tongue", "C2"):
        assert label in page
    assert f'<option selected value="{organisation("IT").id}">Italy</option>' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": None}, "consent to be listed is required."),  # the apostrophe: escaped or not (lazy message)
        ({"consent_on": ""}, "Give the date on which the expert gave consent."),
        ({"consent_on": "2999-01-01"}, "This date cannot be in the future."),
        ({"languages-1-language": "tlh"}, "“tlh” is not a language of the list"),
        ({"languages-1-level": "D1"}, "“D1” is not a level for English"),
        ({"languages-1-level": ""}, "is not a level for English"),
        ({"languages-0-language": "", "languages-0-level": "", "languages-1-language": "",
          "languages-1-level": ""}, "Give at least one language with its level."),
        ({"languages-1-language": "it"}, "Italian is listed twice."),
        ({"expertise_areas": []}, "Choose at least one area of expertise."),
        ({"expertise_areas": ["astrology"]}, "not a valid choice"),
        ({"email": "not-an-address"}, "Enter a valid e-mail address."),
        ({"name": "   "}, "This field is required."),
        ({"days_per_year": "400"}, "between 1 and 365"),
        ({"motivation": "x" * 2001}, "Field cannot be longer than 2000 characters."),
        ({"position": "Head\x00"}, "control characters"),
    ],
)
def test_bad_nominations_are_explained_kept_and_not_saved(member_client, db, changes, message):
    data = nomination_form(**changes)
    if "name" not in changes:
        data["name"] = "Typed Name Kept"
    response = member_client.post("/nominations/new", data=data)
    assert response.status_code == 200
    page = response.data.decode()
    assert message in page
    assert "Please correct" in page
    if "name" not in changes:
        assert 'value="Typed Name Kept"' in page
    assert _count(db, Nomination) == 0


def test_a_nomination_for_another_countrys_expert_is_refused(member_client, db):
    response = member_client.post("/nominations/new", data=nomination_form("FR", name="Typed Name Kept"))
    assert response.status_code == 200
    page = response.data.decode()
    assert "You can only nominate experts of your own country (Italy)." in page
    assert 'value="Typed Name Kept"' in page
    assert _count(db, Nomination) == 0


def test_a_nomination_for_a_non_country_organisation_is_refused(member_client, db):
    europol = str(organisation("EUROPOL").id)
    response = member_client.post("/nominations/new", data=nomination_form(organisation_id=europol))
    assert response.status_code == 200
    assert b"Not a valid choice" in response.data
    assert _count(db, Nomination) == 0


def test_the_nomination_form_answers_htmx_with_a_fragment(member_client):
    page = member_client.get("/nominations/new")
    assert b"<html" in page.data
    assert "HX-Request" in page.headers["Vary"]
    invalid = member_client.post("/nominations/new", data=nomination_form(consent=None), headers=HTMX)
    assert is_fragment(invalid)
    assert b'id="nomination-form"' in invalid.data
    assert b"consent to be listed is required" in invalid.data
    saved = member_client.post("/nominations/new", data=nomination_form(), headers=HTMX)
    assert "/nominations/" in saved.headers["HX-Redirect"]


# Who sees a nomination ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("who", "expected"),
    [("member", 200), ("other_member", 403), ("core", 200), ("core_of_italy", 200), ("agency", 403),
     ("admin", 200)],
)
def test_nomination_page_permission_matrix(request, login_as, make_nomination, who, expected):
    nomination = make_nomination("IT")
    client = login_as("core-group", "IT") if who == "core_of_italy" else request.getfixturevalue(f"{who}_client")
    assert client.get(f"/nominations/{nomination.id}").status_code == expected


def test_the_list_shows_each_country_its_own_and_the_core_group_all(member_client, core_client, agency_client,
                                                                    make_nomination):
    make_nomination("IT", name="Italian Nominee")
    make_nomination("FR", name="French Nominee")
    mine = member_client.get("/nominations/").data.decode()
    assert "Italian Nominee" in mine
    assert "French Nominee" not in mine
    everything = core_client.get("/nominations/").data.decode()
    assert "Italian Nominee" in everything
    assert "French Nominee" in everything
    agency = agency_client.get("/nominations/")
    assert agency.status_code == 200
    assert b"No nomination to show." in agency.data
    assert b"Nominate an expert" not in agency.data


def test_the_list_filters_by_status_and_answers_htmx(core_client, make_nomination):
    make_nomination(name="Waiting Nominee")
    make_nomination(name="Accepted Nominee", status="accepted")
    response = core_client.get("/nominations/?status=accepted", headers=HTMX)
    assert is_fragment(response)
    assert "HX-Request" in response.headers["Vary"]
    assert b"Accepted Nominee" in response.data
    assert b"Waiting Nominee" not in response.data
    assert b"<html" in core_client.get("/nominations/?status=bogus").data


# Review ---------------------------------------------------------------------------------------------

def test_the_core_group_reviews_with_scores_and_notes(core_client, make_nomination, db):
    nomination = make_nomination("IT")
    response = core_client.post(f"/nominations/{nomination.id}/reviews", data=NOMINATION_REVIEW)
    assert response.status_code == 303
    nomination = db.session.get(Nomination, nomination.id)
    assert nomination.status == "under_review"
    review = nomination.reviews[0]
    assert (review.score_expertise, review.score_availability, review.total) == (5, 3, 16)
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent).where(
        AuditEvent.record_type == "nominations").order_by(AuditEvent.id))]
    assert actions == ["start_review", "review"]
    page = core_client.get(f"/nominations/{nomination.id}").data.decode()
    assert "Strong candidate, ask about August." in page
    assert "16/20" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [({"score_expertise": ""}, "Give a score from 1 to 5."), ({"score_training": "9"}, "Give a score from 1 to 5."),
     ({"notes": "x" * 5001}, "Field cannot be longer than 5000 characters.")],
)
def test_bad_reviews_are_explained_kept_and_not_saved(core_client, make_nomination, db, changes, message):
    nomination = make_nomination("IT", status="under_review")
    data = dict(NOMINATION_REVIEW, **changes)
    response = core_client.post(f"/nominations/{nomination.id}/reviews", data=data)
    assert response.status_code == 400
    assert message in response.data.decode()
    if "notes" not in changes:
        assert "Strong candidate, ask about August." in response.data.decode()
    assert _count(db, NominationReview) == 0


def test_a_core_group_member_does_not_review_a_nominee_of_their_own_country(login_as, make_nomination, db):
    italian_core = login_as("core-group", "IT")
    nomination = make_nomination("IT")
    page = italian_core.get(f"/nominations/{nomination.id}").data.decode()
    assert "other members of the core group review" in page
    assert "Record your review" not in page
    response = italian_core.post(f"/nominations/{nomination.id}/reviews", data=NOMINATION_REVIEW)
    assert response.status_code == 403
    assert "does not review a nominee of their own country" in response.data.decode()
    assert "Strong candidate, ask about August." in response.data.decode()  # typed notes kept
    assert italian_core.post(f"/nominations/{nomination.id}/start-review").status_code == 403
    nomination.status = "under_review"
    db.session.commit()
    decision = italian_core.post(f"/nominations/{nomination.id}/accept", data={"message": "Welcome"})
    assert decision.status_code == 403
    assert "Welcome" in decision.data.decode()
    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).status == "under_review"
    assert _count(db, NominationReview) == 0
    assert _count(db, Expert) == 0


@pytest.mark.parametrize("who", ["member", "other_member", "agency"])
def test_members_and_agencies_cannot_review_or_decide(request, make_nomination, db, who):
    client = request.getfixturevalue(f"{who}_client")
    nomination = make_nomination("IT", status="under_review")
    expected = 403
    assert client.post(f"/nominations/{nomination.id}/reviews", data=NOMINATION_REVIEW).status_code == expected
    assert client.post(f"/nominations/{nomination.id}/accept", data={"message": "ok"}).status_code == expected
    assert client.post(f"/nominations/{nomination.id}/start-review").status_code == expected
    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).status == "under_review"


def test_a_review_error_answers_htmx_with_the_work_fragment(core_client, make_nomination):
    nomination = make_nomination("IT", status="under_review")
    response = core_client.post(f"/nominations/{nomination.id}/reviews",
                                data=dict(NOMINATION_REVIEW, score_expertise=""), headers=HTMX)
    assert response.status_code == 400
    assert is_fragment(response)
    assert b'id="nomination-work"' in response.data


# Decisions -----------------------------------------------------------------------------------------

def test_accepting_puts_the_nominee_on_the_roster_for_two_years(core_client, member_client, make_nomination, db):
    nomination = make_nomination("IT", name="Luca Verdi", languages=(("it", "native"), ("fr", "B2")))
    core_client.post(f"/nominations/{nomination.id}/reviews", data=NOMINATION_REVIEW)
    response = core_client.post(f"/nominations/{nomination.id}/accept",
                                data={"message": "Welcome to the roster."})
    assert response.status_code == 303
    expert = db.session.scalars(db.select(Expert)).one()
    assert expert.name == "Luca Verdi"
    assert expert.organisation.code == "IT"
    assert expert.accepted_on == today()
    assert expert.review_by == years_after(today(), 2)
    assert [(lang.language, lang.level) for lang in expert.languages] == [("it", "native"), ("fr", "B2")]
    nomination = db.session.get(Nomination, nomination.id)
    assert nomination.expert_id == expert.id
    assert nomination.status == "accepted"
    audit = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "accept"))
    assert audit.actor_id == core_client.user.id
    assert audit.to_state == "accepted"
    # The nominating country sees the status and the decision, never the notes or scores.
    page = member_client.get(f"/nominations/{nomination.id}").data.decode()
    assert "Accepted" in page
    assert "Welcome to the roster." in page
    assert "Strong candidate" not in page
    assert "16/20" not in page
    assert "Reviews" not in page
    assert member_client.get(f"/experts/{expert.id}").status_code == 200


def test_declining_needs_a_message_for_the_nominating_country(core_client, member_client, make_nomination, db):
    nomination = make_nomination("IT", status="under_review")
    response = core_client.post(f"/nominations/{nomination.id}/decline", data={"message": ""})
    assert response.status_code == 400
    assert b"Tell the nominating country why the nomination is declined." in response.data
    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).status == "under_review"
    response = core_client.post(f"/nominations/{nomination.id}/decline",
                                data={"message": "Please nominate someone with training experience."})
    assert response.status_code == 303
    assert db.session.get(Nomination, nomination.id).status == "declined"
    assert _count(db, Expert) == 0
    page = member_client.get(f"/nominations/{nomination.id}").data.decode()
    assert "Declined" in page
    assert "Please nominate someone with training experience." in page


def test_a_decision_on_a_withdrawn_nomination_is_refused_and_the_message_kept(core_client, make_nomination, db):
    nomination = make_nomination("IT", status="withdrawn")
    response = core_client.post(f"/nominations/{nomination.id}/accept", data={"message": "Typed welcome"})
    assert response.status_code == 409
    page = response.data.decode()
    assert "This cannot be done while the record is “Withdrawn”." in page
    assert "Typed welcome" in page
    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).status == "withdrawn"
    assert _count(db, Expert) == 0
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "accept")) is None


def test_a_submitted_nomination_is_reviewed_before_a_decision(core_client, make_nomination, db):
    nomination = make_nomination("IT")
    response = core_client.post(f"/nominations/{nomination.id}/accept", data={"message": ""})
    assert response.status_code == 409
    assert "Submitted" in response.data.decode()
    assert core_client.post(f"/nominations/{nomination.id}/start-review").status_code == 303
    assert core_client.post(f"/nominations/{nomination.id}/accept", data={"message": ""}).status_code == 303


def test_accepting_the_same_person_again_renews_their_entry(core_client, make_nomination, make_expert, db):
    expert = make_expert("IT", name="Old Name", email="same.person@example.org",
                         review_by=today() - timedelta(days=3), status="retired")
    nomination = make_nomination("IT", name="New Name", email="Same.Person@example.org", status="under_review")
    core_client.post(f"/nominations/{nomination.id}/accept", data={"message": ""})
    assert _count(db, Expert) == 1
    expert = db.session.get(Expert, expert.id)
    assert (expert.name, expert.status) == ("New Name", "active")
    assert expert.review_by > today() + timedelta(days=700)


# Withdrawal ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("who", "expected"),
    [("member", 303), ("colleague", 303), ("other_member", 403), ("core", 403), ("agency", 403), ("admin", 403)],
)
def test_only_the_nominating_country_withdraws(request, login_as, make_nomination, db, who, expected):
    nomination = make_nomination("IT")
    client = login_as("member", "IT") if who == "colleague" else request.getfixturevalue(f"{who}_client")
    assert client.post(f"/nominations/{nomination.id}/withdraw").status_code == expected
    db.session.expire_all()
    assert (db.session.get(Nomination, nomination.id).status == "withdrawn") == (expected == 303)


def test_a_nomination_under_review_cannot_be_withdrawn(member_client, make_nomination, db):
    nomination = make_nomination("IT", status="under_review")
    response = member_client.post(f"/nominations/{nomination.id}/withdraw")
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).status == "under_review"


def test_the_withdraw_button_shows_only_to_the_nominating_country(member_client, other_member_client, core_client,
                                                                 make_nomination):
    nomination = make_nomination("IT")
    assert b"Withdraw the nomination" in member_client.get(f"/nominations/{nomination.id}").data
    assert b"Withdraw the nomination" not in core_client.get(f"/nominations/{nomination.id}").data
    assert b"Start the review" in core_client.get(f"/nominations/{nomination.id}").data
    assert b"Start the review" not in member_client.get(f"/nominations/{nomination.id}").data


def test_unknown_nomination_is_not_found(core_client):
    assert core_client.get("/nominations/999999").status_code == 404


def test_decisions_answer_htmx_with_a_redirect_or_the_work_fragment(core_client, make_nomination):
    withdrawn = make_nomination("IT", status="withdrawn")
    refused = core_client.post(f"/nominations/{withdrawn.id}/accept", data={"message": "Typed"}, headers=HTMX)
    assert refused.status_code == 409
    assert is_fragment(refused)
    assert b'id="nomination-work"' in refused.data
    assert b"Typed" in refused.data
    open_one = make_nomination("IT", status="under_review")
    accepted = core_client.post(f"/nominations/{open_one.id}/accept", data={"message": ""}, headers=HTMX)
    assert accepted.headers["HX-Redirect"].endswith(f"/nominations/{open_one.id}")
