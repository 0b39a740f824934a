"""One person is nominated once: not while another nomination of them is open, nor while they are on the roster.
A retired expert may be nominated again; accepting the nomination renews their entry."""

import pytest

from app.roster.models import Expert, Nomination
from tests.factories import NOMINATION_REVIEW, in_french, nomination_form


def _count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _email_error(page: str) -> str:
    """The error shown next to the e-mail field."""
    return page.split('id="email-error"')[1].split("</p>")[0]


@pytest.mark.parametrize("status", ["submitted", "under_review"])
def test_a_person_with_an_open_nomination_is_not_nominated_again(member_client, make_nomination, db, status):
    earlier = make_nomination("IT", status=status, email="chiara.bianchi@example.org")
    data = nomination_form(email="CHIARA.Bianchi@Example.org", motivation="A second try, by a colleague.")
    response = member_client.post("/nominations/new", data=data)
    assert response.status_code == 200
    page = response.data.decode()
    label = {"submitted": "submitted", "under_review": "under review"}[status]
    assert f"Already nominated: nomination #{earlier.id}, submitted on " in _email_error(page)
    assert f", {label}." in _email_error(page)
    assert 'value="CHIARA.Bianchi@Example.org"' in page  # the user's text is kept
    assert "A second try, by a colleague." in page
    assert _count(db, Nomination) == 1


def test_a_person_on_the_roster_is_not_nominated(member_client, make_expert, db):
    # Stored with capitals (an older entry): the comparison ignores case on both sides, on every engine.
    entry = make_expert("IT", name="Chiara Bianchi", email="Chiara.BIANCHI@example.org")
    response = member_client.post("/nominations/new", data=nomination_form())
    assert response.status_code == 200
    assert f"Already on the roster: Chiara Bianchi (#{entry.id})." in _email_error(response.data.decode())
    assert _count(db, Nomination) == 0


def test_the_same_address_in_another_country_is_another_person(login_as, make_expert, db):
    make_expert("FR", email="chiara.bianchi@example.org")
    response = login_as("member", "IT").post("/nominations/new", data=nomination_form())
    assert response.status_code == 303
    assert _count(db, Nomination) == 1


@pytest.mark.parametrize("status", ["declined", "withdrawn"])
def test_a_person_whose_nomination_closed_may_be_nominated_again(member_client, make_nomination, db, status):
    make_nomination("IT", status=status, email="chiara.bianchi@example.org")
    assert member_client.post("/nominations/new", data=nomination_form()).status_code == 303
    assert _count(db, Nomination) == 2


def test_a_retired_expert_may_be_nominated_again_and_comes_back(member_client, core_client, make_expert, db):
    page = member_client.get("/nominations/new").data.decode()
    assert "A retired expert may be" in page  # the e-mail field says so
    entry = make_expert("IT", name="Chiara Bianchi", email="chiara.bianchi@example.org", status="retired")
    response = member_client.post("/nominations/new", data=nomination_form())
    assert response.status_code == 303
    nomination = db.session.scalars(db.select(Nomination)).one()
    assert core_client.post(f"/nominations/{nomination.id}/reviews", data=NOMINATION_REVIEW).status_code == 303
    assert core_client.post(f"/nominations/{nomination.id}/accept", data={"message": ""}).status_code == 303
    db.session.expire_all()
    assert [(e.id, e.status) for e in db.session.scalars(db.select(Expert))] == [(entry.id, "active")]


def test_the_duplicate_message_is_french_for_a_french_reader(login_as, make_nomination, db):
    earlier = make_nomination("IT", status="under_review", email="chiara.bianchi@example.org")
    client = in_french(login_as("member", "IT"))
    page = client.post("/nominations/new", data=nomination_form()).data.decode()
    assert f"Déjà désigné : désignation nº {earlier.id}, déposée le " in _email_error(page)
    assert "état « en cours d’examen »." in _email_error(page)
