from app.demo import load_demo_data
from app.network.models import User
from app.roster.models import NOMINATION_STATES, TRAINING_STATES, Expert, Nomination, TrainingActivity
from tests.factories import log_in


def test_demo_roster_has_many_countries_every_nomination_state_and_trainings(app, db, client):
    assert load_demo_data() is True
    db.session.commit()
    countries = set(db.session.scalars(db.select(Expert.organisation_id)))
    assert len(countries) >= 10
    assert set(db.session.scalars(db.select(Nomination.status))) == set(NOMINATION_STATES)
    assert set(db.session.scalars(db.select(TrainingActivity.status))) == set(TRAINING_STATES)
    # Every demo nomination reviewed by the core group is reviewed by someone of another country.
    for nomination in db.session.scalars(db.select(Nomination)):
        for review in nomination.reviews:
            assert review.reviewer.organisation_id != nomination.organisation_id
    # The demo pages render for a core-group member.
    head = db.session.scalar(db.select(User).where(User.email == "head.de@example.org"))
    head.totp_secret, head.totp_enabled_at = "JBSWY3DPEHPK3PXP", head.created_at  # the core group needs one
    log_in(client, head)
    for path in ("/experts/", "/nominations/", "/trainings/"):
        assert client.get(path).status_code == 200
    page = client.get("/experts/").data.decode()
    assert "Review overdue" in page
    for training in db.session.scalars(db.select(TrainingActivity)):
        assert client.get(f"/trainings/{training.id}").status_code == 200
