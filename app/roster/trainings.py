"""Rules of training activities: planning, proposing trainers from the roster, participants per country."""

from typing import Any

from sqlalchemy import case, literal

from app.core import audit
from app.core.i18n import _
from app.core.limits import to_id
from app.extensions import db
from app.network.models import Organisation, User
from app.roster.models import Expert, ExpertLanguage, TrainerProposal, TrainingActivity, TrainingParticipants
from app.roster.services import RosterError
from app.roster.vocabulary import join_codes, levels_at_least
from app.roster.workflow import PROPOSAL_WORKFLOW, TRAINING_WORKFLOW

CANDIDATE_LIMIT = 20
TRAINING_FIELDS = ("title", "aim", "target_audience", "starts_on", "ends_on", "online", "place")


def organiser_choices() -> list[tuple[str, str]]:
    """The core group, CEPOL, or a Member State."""
    orgs = db.session.scalars(
        db.select(Organisation).where(db.or_(Organisation.kind == "member_state", Organisation.code == "CEPOL"))
        .order_by(Organisation.kind, Organisation.name))
    return [("core", _("The core group"))] + [(str(o.id), o.name) for o in orgs]


def _apply(training: TrainingActivity, data: dict[str, Any]) -> None:
    for field in TRAINING_FIELDS:
        setattr(training, field, data[field])
    training.organiser_id = None if data["organiser"] == "core" else int(data["organiser"])
    training.expertise_areas = join_codes(data["expertise_areas"])
    training.languages = join_codes(data["languages"])


def create_training(user: User, data: dict[str, Any]) -> TrainingActivity:
    training = TrainingActivity(status=TRAINING_WORKFLOW.initial, created_by_id=user.id)
    _apply(training, data)
    db.session.add(training)
    db.session.flush()
    audit.record(user, training, "create", to_state=training.status)
    return training


def update_training(user: User, training: TrainingActivity, data: dict[str, Any]) -> bool:
    _apply(training, data)
    return audit.record_edit(user, training)


def trainings_query(status: str | None) -> Any:
    query = db.select(TrainingActivity).order_by(TrainingActivity.starts_on.desc(), TrainingActivity.id.desc())
    if status:
        query = query.where(TrainingActivity.status == status)
    return query


def load_training(training_id: int) -> TrainingActivity | None:
    """One activity with its trainers (and their languages) and participants, in a fixed number of queries."""
    return db.session.scalar(
        db.select(TrainingActivity).where(TrainingActivity.id == training_id).options(
            db.selectinload(TrainingActivity.trainers).joinedload(TrainerProposal.expert)
            .selectinload(Expert.languages),
            db.selectinload(TrainingActivity.participants),
        ))


def candidates(training: TrainingActivity, q: str = "", limit: int = CANDIDATE_LIMIT) -> list[tuple[Expert, int]]:
    """Active roster entries not yet proposed, best match first: one point per shared expertise area and per
    training language spoken at B2 or better. One query (plus one for their languages) at any roster size."""
    score = literal(0)
    for area in training.areas:
        score = score + case((Expert.expertise_areas.contains(f",{area},"), 1), else_=0)
    for language in training.language_codes:
        speaks = db.select(ExpertLanguage.id).where(
            ExpertLanguage.expert_id == Expert.id, ExpertLanguage.language == language,
            ExpertLanguage.level.in_(levels_at_least("B2"))).exists()
        score = score + case((speaks, 1), else_=0)
    score = score.label("score")
    already = db.select(TrainerProposal.expert_id).where(TrainerProposal.training_id == training.id)
    query = (db.select(Expert, score).where(Expert.status == "active", Expert.erased_at.is_(None),
                                             Expert.id.not_in(already))
             .options(db.selectinload(Expert.languages))
             .order_by(score.desc(), Expert.name, Expert.id).limit(limit))
    if q:
        query = query.where(db.func.lower(Expert.name).contains(q.lower(), autoescape=True))
    return [(row[0], row[1]) for row in db.session.execute(query)]


def propose_trainer(user: User, training: TrainingActivity, raw_expert_id: int | str | None) -> TrainerProposal:
    """Propose a roster expert as trainer: only accepted, active, not erased experts."""
    expert_id = to_id(raw_expert_id)
    expert = db.session.get(Expert, expert_id) if expert_id else None
    if expert is None or not expert.is_active:
        raise RosterError("expert_id", _("Only experts accepted on the roster (and not retired) can be proposed "
                                         "as trainers."))
    if any(p.expert_id == expert.id for p in training.trainers):
        raise RosterError("expert_id", _("%(name)s is already proposed for this training.", name=expert.name))
    proposal = TrainerProposal(training=training, expert=expert, status=PROPOSAL_WORKFLOW.initial,
                                proposed_by_id=user.id)
    db.session.add(proposal)
    db.session.flush()
    audit.record(user, training, "propose_trainer", changes={"trainer": [None, expert.id]})
    return proposal


def decide_trainer(user: User, proposal: TrainerProposal, action: str) -> None:
    PROPOSAL_WORKFLOW.apply(user, proposal, action)


def set_participants(user: User, training: TrainingActivity, organisation: Organisation, count: int) -> None:
    """Record how many people of a country took part; 0 removes the country from the table."""
    if training.status != "delivered":
        raise RosterError("participants", _("Participants are recorded once the training is delivered."))
    row = next((p for p in training.participants if p.organisation_id == organisation.id), None)
    old = row.participants if row else 0
    if count == 0:
        if row is not None:
            training.participants.remove(row)
    elif row is None:
        training.participants.append(TrainingParticipants(organisation=organisation, participants=count))
    else:
        row.participants = count
    if old != count:
        audit.record(user, training, "participants", changes={f"participants {organisation.code}": [old, count]})
