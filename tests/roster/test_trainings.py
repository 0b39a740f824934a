from datetime import date

import pytest

from app.core.models import AuditEvent
from app.roster.models import TrainerProposal, TrainingActivity, TrainingParticipants
from tests.factories import HTMX, is_fragment, organisation


def _training_form(**changes):
    data = {
        "title": "SIENA for SPOC operators",
        "aim": "Operators **use SIENA** well.",
        "target_audience": "SPOC operators",
        "starts_on": "2027-03-01",
        "ends_on": "2027-03-03",
        "place": "Budapest",
        "organiser": str(organisation("CEPOL").id),
        "expertise_areas": ["channels"],
        "languages": ["en"],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _count(db, model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize(
    ("who", "expected"),
    [("member", 403), ("other_member", 403), ("core", 200), ("agency", 403), ("admin", 200)],
)
def test_the_core_group_and_administrators_plan_trainings(request, who, expected):
    client = request.getfixturevalue(f"{who}_client")
    assert client.get("/trainings/new").status_code == expected
    assert client.post("/trainings/new", data=_training_form()).status_code == (303 if expected == 200 else 403)


def test_everyone_logged_in_reads_trainings(client, agency_client, make_training):
    training = make_training("SIENA basics")
    assert client.get("/trainings/").status_code == 302
    assert client.get(f"/trainings/{training.id}").status_code == 302
    assert b"SIENA basics" in agency_client.get("/trainings/").data
    page = agency_client.get(f"/trainings/{training.id}").data
    assert b"SIENA basics" in page
    assert b"Propose a trainer" not in page
    assert b"Mark as planned" not in page


def test_a_planned_training_is_shown_with_its_organiser(core_client, db):
    response = core_client.post("/trainings/new", data=_training_form(), follow_redirects=True)
    page = response.data.decode()
    assert "SIENA for SPOC operators" in page
    assert "CEPOL" in page
    assert "<strong>use SIENA</strong>" in page
    training = db.session.scalars(db.select(TrainingActivity)).one()
    assert (training.status, training.starts_on, training.organiser.code) == ("proposed", date(2027, 3, 1), "CEPOL")
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "create")).record_type == \
        "training_activities"


def test_the_core_group_itself_or_a_member_state_can_organise(core_client, db):
    core_client.post("/trainings/new", data=_training_form(organiser="core", online="y", place=""))
    core_client.post("/trainings/new", data=_training_form(organiser=str(organisation("PL").id)))
    trainings = db.session.scalars(db.select(TrainingActivity).order_by(TrainingActivity.id))
    organisers = [t.organiser_label for t in trainings]
    assert organisers == ["The core group", "Poland"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_on": "2027-02-28"}, "The last day cannot be before the first day."),
        ({"starts_on": "soon"}, "Not a valid date value."),
        ({"place": ""}, "Give the place, or tick “Online”."),
        ({"title": ""}, "This field is required."),
        ({"organiser": "0"}, "Not a valid choice"),
        ({"languages": ["tlh"]}, "not a valid choice"),
        ({"aim": "Bad\x00"}, "control characters"),
    ],
)
def test_bad_trainings_are_explained_kept_and_not_saved(core_client, db, changes, message):
    data = _training_form(**changes)
    if "title" not in changes:
        data["title"] = "Typed Title Kept"
    response = core_client.post("/trainings/new", data=data)
    assert response.status_code == 200
    page = response.data.decode()
    assert message in page
    if "title" not in changes:
        assert 'value="Typed Title Kept"' in page
    assert _count(db, TrainingActivity) == 0


def test_the_training_form_answers_htmx_with_a_fragment(core_client):
    response = core_client.post("/trainings/new", data=_training_form(ends_on="2027-01-01"), headers=HTMX)
    assert is_fragment(response)
    assert b'id="training-form"' in response.data
    saved = core_client.post("/trainings/new", data=_training_form(), headers=HTMX)
    assert "/trainings/" in saved.headers["HX-Redirect"]


def test_editing_keeps_the_text_on_a_concurrent_change(core_client, login_as, make_training, db):
    training = make_training()
    loaded = str(training.version)
    colleague = login_as("core-group", "FR")
    assert colleague.post(f"/trainings/{training.id}/edit",
                          data=_training_form(title="Colleague's title", version=loaded)).status_code == 303
    response = core_client.post(f"/trainings/{training.id}/edit", data=_training_form(title="My title", version=loaded))
    assert response.status_code == 409
    assert b"Someone else saved this training" in response.data
    assert b"My title" in response.data
    db.session.expire_all()
    assert db.session.get(TrainingActivity, training.id).title == "Colleague's title"
    assert core_client.get(f"/trainings/{training.id}/edit").status_code == 200
    assert b"Colleague&#39;s title" in core_client.get(f"/trainings/{training.id}/edit").data


def test_status_moves_from_proposed_to_planned_to_delivered(core_client, make_training, db):
    training = make_training()
    assert core_client.post(f"/trainings/{training.id}/deliver").status_code == 409
    assert core_client.post(f"/trainings/{training.id}/plan").status_code == 303
    assert core_client.post(f"/trainings/{training.id}/deliver").status_code == 303
    db.session.expire_all()
    assert db.session.get(TrainingActivity, training.id).status == "delivered"
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["plan", "deliver"]
    assert core_client.get(f"/trainings/{training.id}/edit").status_code == 403


def test_cancelling_needs_a_reason(core_client, make_training, db):
    training = make_training()
    response = core_client.post(f"/trainings/{training.id}/cancel", data={"reason": ""})
    assert response.status_code == 400
    assert "The reason for cancelling is required." in response.data.decode()
    assert core_client.post(f"/trainings/{training.id}/cancel", data={"reason": "No venue."}).status_code == 303
    db.session.expire_all()
    assert db.session.get(TrainingActivity, training.id).status == "cancelled"
    again = core_client.post(f"/trainings/{training.id}/cancel", data={"reason": "Typed again"})
    assert again.status_code == 409
    assert b"Typed again" in again.data


@pytest.mark.parametrize("who", ["member", "agency"])
def test_others_cannot_move_a_training(request, make_training, db, who):
    client = request.getfixturevalue(f"{who}_client")
    training = make_training()
    assert client.post(f"/trainings/{training.id}/plan").status_code == 403
    assert client.post(f"/trainings/{training.id}/cancel", data={"reason": "x"}).status_code == 403
    assert client.get(f"/trainings/{training.id}/edit").status_code == 403
    db.session.expire_all()
    assert db.session.get(TrainingActivity, training.id).status == "proposed"


# Trainers --------------------------------------------------------------------------------------------

def test_matching_experts_are_proposed_first(core_client, make_expert, make_training):
    make_expert("AT", name="Aaron Nomatch", areas=("case_management",), languages=(("de", "native"),))
    make_expert("BE", name="Bea Language", areas=("case_management",), languages=(("en", "C1"),))
    make_expert("CY", name="Chris Both", areas=("channels",), languages=(("en", "B2"),))
    make_expert("DK", name="Dana Weak", areas=("case_management",), languages=(("en", "A2"),))
    make_expert("EE", name="Eve Retired", areas=("channels",), languages=(("en", "C2"),), status="retired")
    training = make_training(areas=("channels",), languages=("en",))
    page = core_client.get(f"/trainings/{training.id}").data.decode()
    order = [page.index(n) for n in ("Chris Both", "Bea Language", "Aaron Nomatch", "Dana Weak")]
    assert order == sorted(order)
    assert "Eve Retired" not in page
    assert "2 matches" in page


def test_the_candidate_search_answers_htmx_with_the_list(core_client, make_expert, make_training):
    make_expert(name="Anna Rossi")
    make_expert(name="Bruno Neri")
    training = make_training()
    response = core_client.get(f"/trainings/{training.id}?candidate=ANNA", headers=HTMX)
    assert is_fragment(response)
    assert b'id="candidates"' in response.data
    assert b"Anna Rossi" in response.data
    assert b"Bruno Neri" not in response.data


def test_the_core_group_proposes_and_confirms_a_trainer(core_client, member_client, make_expert, make_training, db):
    expert = make_expert(name="Anna Rossi")
    training = make_training()
    assert core_client.post(f"/trainings/{training.id}/trainers", data={"expert_id": expert.id}).status_code == 303
    proposal = db.session.scalars(db.select(TrainerProposal)).one()
    assert (proposal.expert_id, proposal.status) == (expert.id, "proposed")
    page = core_client.get(f"/trainings/{training.id}").data.decode()
    assert "is proposed as trainer" in page
    assert "Anna Rossi" in page.split('id="trainers-heading"')[1].split('id="candidates"')[0]
    assert "Anna Rossi" not in core_client.get(f"/trainings/{training.id}", headers=HTMX).data.decode()
    assert member_client.post(f"/trainings/{training.id}/trainers/{proposal.id}/confirm").status_code == 403
    assert core_client.post(f"/trainings/{training.id}/trainers/{proposal.id}/confirm").status_code == 303
    db.session.expire_all()
    assert db.session.get(TrainerProposal, proposal.id).status == "confirmed"
    assert core_client.post(f"/trainings/{training.id}/trainers/{proposal.id}/confirm").status_code == 409
    assert core_client.post(f"/trainings/{training.id}/trainers/{proposal.id}/decline").status_code == 303
    db.session.expire_all()
    assert db.session.get(TrainerProposal, proposal.id).status == "declined"
    assert "Anna Rossi" in member_client.get(f"/trainings/{training.id}").data.decode()
    events = [e.action for e in db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.action != "refused").order_by(AuditEvent.id))]
    assert events == ["propose_trainer", "confirm", "decline"]


@pytest.mark.parametrize("kind", ["retired", "unknown", "garbage", "twice"])
def test_only_accepted_active_experts_can_be_proposed(core_client, make_expert, make_training, db, kind):
    active = make_expert(name="Anna Rossi")
    retired = make_expert(name="Old Expert", status="retired")
    training = make_training(trainers=(active,))
    expert_id = {"retired": retired.id, "unknown": 999999, "garbage": "x'; --", "twice": active.id}[kind]
    response = core_client.post(f"/trainings/{training.id}/trainers", data={"expert_id": expert_id})
    assert response.status_code == 400
    message = "already proposed" if kind == "twice" else "Only experts accepted on the roster"
    assert message in response.data.decode()
    assert _count(db, TrainerProposal) == 1


def test_members_cannot_propose_trainers(member_client, make_expert, make_training, db):
    expert = make_expert()
    training = make_training()
    assert member_client.post(f"/trainings/{training.id}/trainers", data={"expert_id": expert.id}).status_code == 403
    assert _count(db, TrainerProposal) == 0


def test_a_proposal_belongs_to_its_training(core_client, make_expert, make_training):
    expert = make_expert()
    first = make_training(trainers=(expert,))
    other = make_training("Other")
    proposal_id = first.trainers[0].id
    assert core_client.post(f"/trainings/{other.id}/trainers/{proposal_id}/confirm").status_code == 404


# Participants ---------------------------------------------------------------------------------------

def test_participants_per_country_are_recorded_once_delivered(core_client, member_client, make_training, db):
    training = make_training()
    italy, poland = organisation("IT"), organisation("PL")
    early = core_client.post(f"/trainings/{training.id}/participants",
                             data={"organisation_id": italy.id, "participants": "12"})
    assert early.status_code == 409
    assert b"once the training is delivered" in early.data
    assert _count(db, TrainingParticipants) == 0
    training.status = "delivered"
    db.session.commit()
    for org, count in ((italy, "12"), (poland, "3"), (italy, "14")):
        assert core_client.post(f"/trainings/{training.id}/participants",
                                data={"organisation_id": org.id, "participants": count}).status_code == 303
    page = member_client.get(f"/trainings/{training.id}").data.decode()
    assert "Participants per country" in page
    assert "<td>17</td>" in page  # total: 14 Italians and 3 Poles
    core_client.post(f"/trainings/{training.id}/participants", data={"organisation_id": poland.id, "participants": "0"})
    rows = db.session.scalars(db.select(TrainingParticipants)).all()
    assert [(r.organisation.code, r.participants) for r in rows] == [("IT", 14)]
    assert member_client.post(f"/trainings/{training.id}/participants",
                              data={"organisation_id": italy.id, "participants": "1"}).status_code == 403


@pytest.mark.parametrize(
    ("value", "message"),
    [("-1", "Give a number between 0 and 10000"), ("many", "Not a valid integer value."),
     ("", "Give the number of participants.")],
)
def test_bad_participant_numbers_are_explained(core_client, make_training, db, value, message):
    training = make_training(status="delivered")
    response = core_client.post(f"/trainings/{training.id}/participants",
                                data={"organisation_id": organisation("IT").id, "participants": value})
    assert response.status_code == 400
    assert message in response.data.decode()
    assert _count(db, TrainingParticipants) == 0


def test_the_trainings_list_filters_by_status(member_client, make_training):
    make_training("Delivered one", status="delivered")
    make_training("Proposed one")
    response = member_client.get("/trainings/?status=delivered", headers=HTMX)
    assert is_fragment(response)
    assert b"Delivered one" in response.data
    assert b"Proposed one" not in response.data
