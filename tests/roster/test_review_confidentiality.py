"""A recused reviewer (a core-group member of the nominee's country), and anyone else of that country, sees neither
the other reviewers' notes nor their verdicts (scores, who reviewed and who decided), wherever they look (#24):
the nomination page and its fragment, the lists, the dashboard, the roster entry the nomination led to, the
search, the report and its exports, the messages to their country, the audit log and the personal-data exports;
and the answers to what they try to post."""

import io
import re
import zipfile

import pytest

from app.notifications.models import Notification
from app.roster.models import Nomination
from tests.factories import HTMX, NOMINATION_REVIEW, is_fragment

NOTES = "Konrad Lindqvist trains well but is rarely free."
OTHER_NOTES = "Ask about the autumn courses in Münster."
REVIEWERS = ("Colette Marchand", "Pilar Ortega")


@pytest.fixture
def accepted(login_as, db, make_nomination):
    """A German nomination reviewed by a French and a Spanish core-group member, accepted by the French one."""
    nomination = make_nomination("DE", status="under_review", name="Konrad Lindqvist")
    french = login_as("core-group", "FR", name=f"Reviewer {REVIEWERS[0]}")
    spanish = login_as("core-group", "ES", name=f"Reviewer {REVIEWERS[1]}")
    reviews = f"/nominations/{nomination.id}/reviews"
    assert french.post(reviews, data=dict(NOMINATION_REVIEW, score_expertise="2", notes=NOTES)).status_code == 303
    assert spanish.post(reviews, data=dict(NOMINATION_REVIEW, notes=OTHER_NOTES)).status_code == 303
    accept = french.post(f"/nominations/{nomination.id}/accept", data={"message": "Welcome on the roster."})
    assert accept.status_code == 303
    db.session.expire_all()
    nomination = db.session.get(Nomination, nomination.id)
    assert nomination.status == "accepted"
    assert nomination.expert_id is not None
    return nomination


def _traces(text: str) -> list[str]:
    """What of the reviews shows: their notes, the reviewers, the scores (x/20), the review events."""
    return [trace for trace in (NOTES, OTHER_NOTES, "rarely free", *REVIEWERS, "/20", "review recorded")
            if trace in text]


def _pages(nomination: Nomination) -> list[str]:
    return [f"/nominations/{nomination.id}", "/nominations/", "/nominations/?status=accepted", "/",
            "/experts/", f"/experts/{nomination.expert_id}", "/search?q=rarely", "/search?q=Marchand",
            "/search?q=Lindqvist", "/search?q=autumn", "/reports/", "/reports/report.csv"]


@pytest.mark.parametrize("role", ["core-group", "member"])
def test_the_nominees_country_sees_no_review_anywhere(accepted, login_as, db, role):
    compatriot = login_as(role, "DE")
    for path in _pages(accepted):
        response = compatriot.get(path)
        assert response.status_code == 200, path
        assert _traces(response.data.decode()) == [], path
    assert "Record your review" not in compatriot.get(f"/nominations/{accepted.id}").data.decode()
    fragment = compatriot.get(f"/nominations/{accepted.id}", headers=HTMX)
    assert fragment.status_code == 200
    assert is_fragment(fragment)
    assert _traces(fragment.data.decode()) == []
    report = compatriot.get("/reports/report.docx")
    assert report.status_code == 200
    with zipfile.ZipFile(io.BytesIO(report.data)) as document:
        text = re.sub(r"<[^>]+>", " ", document.read("word/document.xml").decode())  # its text, not its markup
    assert "Training experts and trainings" in text
    assert _traces(text) == []
    # What is not theirs to open at all.
    for path in (f"/nominations/{accepted.id}/export.json", f"/experts/{accepted.expert_id}/export.json",
                 "/admin/audit/", "/admin/audit/?type=nominations"):
        assert compatriot.get(path).status_code == 403, path
    # The decision reached their country, without the reviews.
    messages = db.session.scalars(db.select(Notification).where(Notification.kind == "nomination_decided")).all()
    assert messages
    for message in messages:
        assert _traces((message.subject or "") + message.body_text + message.body_html) == []


def test_the_roster_entry_tells_the_nominees_country_the_core_group_accepted_not_which_reviewer(accepted,
                                                                                              core_client):
    page = core_client.get(f"/experts/{accepted.expert_id}").data.decode()  # a German core-group member
    history = page.split('class="history"')[1]
    assert "added to the roster" in history
    assert "The core group" in history
    assert REVIEWERS[0] not in page


@pytest.mark.parametrize("who", [("core-group", "ES"), ("admin", "GSC")])
def test_the_rest_of_the_core_group_and_administrators_still_see_who_acted(accepted, login_as, who):
    client = login_as(*who)
    nomination = client.get(f"/nominations/{accepted.id}").data.decode()
    assert NOTES in nomination
    assert OTHER_NOTES in nomination
    assert all(name in nomination for name in REVIEWERS)
    entry = client.get(f"/experts/{accepted.expert_id}").data.decode()
    assert REVIEWERS[0] in entry.split('class="history"')[1]


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("reviews", dict(NOMINATION_REVIEW, notes="My compatriot is great.")),
        ("reviews", {"notes": "Scores left out."}),  # an incomplete form is refused as such, not "fix this"
        ("accept", {"message": "Welcome."}),
        ("accept", {"message": "x" * 5_001}),
        ("decline", {"message": "Sorry."}),
        ("decline", {"message": ""}),
        ("start-review", {}),
    ],
)
@pytest.mark.parametrize("status", ["under_review", "accepted"])
def test_what_a_recused_reviewer_posts_is_refused_without_the_reviews(login_as, make_nomination, db, step, data,
                                                                      status):
    nomination = make_nomination("DE", status="under_review", name="Konrad Lindqvist")
    french = login_as("core-group", "FR", name=f"Reviewer {REVIEWERS[0]}")
    assert french.post(f"/nominations/{nomination.id}/reviews",
                       data=dict(NOMINATION_REVIEW, notes=NOTES)).status_code == 303
    nomination.status = status
    db.session.commit()
    recused = login_as("core-group", "DE")
    for headers in ({}, HTMX):
        response = recused.post(f"/nominations/{nomination.id}/{step}", data=data, headers=headers)
        assert response.status_code == 403, (step, response.data.decode()[:2000])
        assert _traces(response.data.decode()) == []
    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).status == status
