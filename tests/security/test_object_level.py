"""Object-level checks: another country's draft, the core group's notes on a nomination, an expert's
contact fields. Reaching the page is not enough: what it shows depends on who asks."""

from app.extensions import db
from app.roster.models import NominationReview


def test_another_countrys_draft_is_hidden_everywhere(make_practice, member_client, other_member_client,
                                                     agency_client, core_client):
    draft = make_practice("IT", status="draft", title="Unfinished idea of Italy")
    assert b"Unfinished idea of Italy" in member_client.get(f"/practices/{draft.id}").data
    for client in (other_member_client, agency_client, core_client):
        assert client.get(f"/practices/{draft.id}").status_code in (403, 404)
        assert client.get(f"/practices/{draft.id}/edit").status_code in (403, 404)
        assert b"Unfinished idea of Italy" not in client.get("/practices/").data
        assert b"Unfinished idea of Italy" not in client.get("/practices/export.csv").data
        assert b"Unfinished idea of Italy" not in client.get("/search?q=Unfinished").data


def test_review_notes_on_a_nomination_stay_with_the_core_group(make_nomination, core_client, member_client,
                                                              other_member_client):
    nomination = make_nomination("IT")
    db.session.add(NominationReview(nomination_id=nomination.id, reviewer_id=core_client.user.id, score_expertise=4,
                                    score_training=3, score_languages=5, score_availability=2,
                                    notes="Strong on SIRENE, weak on availability"))
    db.session.commit()
    assert b"Strong on SIRENE" in core_client.get(f"/nominations/{nomination.id}").data
    own_country = member_client.get(f"/nominations/{nomination.id}")
    assert own_country.status_code == 200
    assert b"Strong on SIRENE" not in own_country.data
    assert other_member_client.get(f"/nominations/{nomination.id}").status_code == 403
    assert nomination.name.encode() not in other_member_client.get("/nominations/").data


def test_expert_contact_fields_only_for_the_own_country_and_the_core_group(make_expert, member_client,
                                                                          other_member_client, agency_client,
                                                                          core_client, admin_client):
    expert = make_expert("IT", email="anna.rossi@example.org")
    for client in (member_client, core_client, admin_client):
        assert b"anna.rossi@example.org" in client.get(f"/experts/{expert.id}").data
    for client in (other_member_client, agency_client):
        page = client.get(f"/experts/{expert.id}")
        assert page.status_code == 200
        assert b"anna.rossi@example.org" not in page.data
        assert b"anna.rossi@example.org" not in client.get("/experts/").data
