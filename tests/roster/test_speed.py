"""Roster search and the training page send a fixed number of SQL statements, whatever the roster's size."""

from app.roster.models import NominationReview, TrainerProposal, TrainingParticipants
from tests.factories import organisation


def _grow(make_expert, n):
    for i in range(n):
        make_expert(["IT", "FR", "DE", "PL"][i % 4], areas=("channels", "legal_framework"),
                    languages=(("en", "C1"), ("fr", "B2"), ("de", "A2")))


def test_roster_search_queries_do_not_grow_with_the_roster(core_client, make_expert, count_queries, app):
    app.config["PAGE_COUNT_SECONDS"] = 0  # every view counts its list (none is remembered from the one before)

    def measure():
        with count_queries() as q:
            response = core_client.get("/experts/?expertise=channels&language=en&level=B2&min_days=1")
        assert response.status_code == 200
        return len(q)

    _grow(make_expert, 2)
    measure()  # the first view builds what the process keeps of the reference data (app/core/reference.py)
    small = measure()
    _grow(make_expert, 18)
    assert measure() == small


def test_training_page_queries_do_not_grow_with_the_roster(core_client, make_expert, make_training,
                                                           count_queries, db):
    first = make_expert("ES")
    training = make_training(status="delivered", areas=("channels",), languages=("en", "fr"), trainers=(first,))
    db.session.add(TrainingParticipants(training_id=training.id, organisation_id=first.organisation_id, participants=3))
    db.session.commit()

    def measure():
        with count_queries() as q:
            response = core_client.get(f"/trainings/{training.id}")
        assert response.status_code == 200
        return len(q)

    _grow(make_expert, 2)
    measure()  # the first view builds what the process keeps of the reference data (app/core/reference.py)
    small = measure()
    experts = [make_expert("ES") for _ in range(15)]
    for expert in experts[:8]:
        db.session.add(TrainerProposal(training_id=training.id, expert_id=expert.id))
    db.session.commit()
    for code in ("IT", "FR", "PL"):
        db.session.add(TrainingParticipants(training_id=training.id, organisation_id=organisation(code).id,
                                            participants=5))
    db.session.commit()
    assert measure() == small


def test_nominations_list_queries_do_not_grow(core_client, make_nomination, count_queries, db, make_user):
    def measure():
        with count_queries() as q:
            assert core_client.get("/nominations/").status_code == 200
        return len(q)

    make_nomination("IT")
    small = measure()
    for code in ("FR", "PL", "ES", "AT", "BE"):
        nomination = make_nomination(code)
        db.session.add(NominationReview(nomination=nomination, reviewer_id=make_user("core-group", "DE").id,
                                        score_expertise=3, score_training=3, score_languages=3, score_availability=3))
    db.session.commit()
    assert measure() == small
