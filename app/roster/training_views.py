"""Training activities: plan, propose trainers from the roster, record participants."""

from flask import abort, flash, request, url_for
from flask_login import current_user

from app.core import audit
from app.core.concurrency import commit_unless_stale
from app.core.forms import choices
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.core.pagination import paginate
from app.core.views import workflow_step
from app.core.workflow import WorkflowError
from app.extensions import db
from app.network.models import Organisation
from app.roster import bp
from app.roster.forms import ParticipantsForm, ProposeTrainerForm, ReasonForm, TrainingForm
from app.roster.models import TRAINING_STATES, TrainerProposal, TrainingActivity
from app.roster.permissions import (
    can_edit_training,
    can_plan_trainings,
    can_propose_trainers,
    can_record_participants,
)
from app.roster.services import RosterError, member_states
from app.roster.trainings import (
    candidates,
    create_training,
    decide_trainer,
    load_training,
    organiser_choices,
    propose_trainer,
    set_participants,
    trainings_query,
    update_training,
)
from app.roster.views import commit_or_409
from app.roster.workflow import PROPOSAL_WORKFLOW, TRAINING_WORKFLOW


@bp.route("/trainings/")
def trainings():
    """Training activities, newest first, filterable by status."""
    status = request.args.get("status", "")
    status = status if status in TRAINING_STATES else ""
    page = paginate(trainings_query(status))
    return render("roster/trainings.html", "roster/_trainings_table.html", page=page, status_filter=status,
                  states=TRAINING_STATES)


def _training_form(obj: TrainingActivity | None = None) -> TrainingForm:
    form = TrainingForm(obj=obj)
    form.organiser.choices = choices(organiser_choices())
    if obj is not None and not form.is_submitted():
        form.organiser.data = str(obj.organiser_id) if obj.organiser_id else "core"
        form.expertise_areas.data = obj.areas
        form.languages.data = obj.language_codes
        form.version.data = str(obj.version)
    return form


@bp.route("/trainings/new", methods=["GET", "POST"])
def new_training():
    """The core group proposes a training activity."""
    if not can_plan_trainings(current_user):
        abort(403)
    form = _training_form()
    if form.validate_on_submit():
        training = create_training(current_user, form.data)
        db.session.commit()
        flash(_("The training “%(title)s” is proposed.", title=training.title), "success")
        return redirect_after_post(url_for("roster.training", training_id=training.id))
    return render("roster/training_form.html", "roster/_training_form.html", form=form, training=None,
                  conflict=False)


@bp.route("/trainings/<int:training_id>/edit", methods=["GET", "POST"])
def edit_training(training_id: int):
    """Change a proposed or planned training activity."""
    training = db.get_or_404(TrainingActivity, training_id)
    if not can_edit_training(current_user, training):
        abort(403)
    form = _training_form(training)
    conflict = False
    if form.validate_on_submit():
        saved, _changed = commit_unless_stale(form, training,
                                              lambda: update_training(current_user, training, form.data))
        if saved:
            flash(_("The training is saved."), "success")
            return redirect_after_post(url_for("roster.training", training_id=training.id))
        conflict = True
    return render("roster/training_form.html", "roster/_training_form.html", status=409 if conflict else 200,
                  form=form, training=training, conflict=conflict)


def _training_or_404(training_id: int) -> TrainingActivity:
    training = load_training(training_id)
    if training is None:
        abort(404)
    return training


def _training_page(training: TrainingActivity, *, status: int = 200, error: str | None = None,
                   participants_form: ParticipantsForm | None = None, reason_form: ReasonForm | None = None):
    query = request.args.get("candidate", "").strip()[:100]
    found = candidates(training, query) if can_propose_trainers(current_user, training) else []
    if participants_form is None:
        participants_form = ParticipantsForm(formdata=None)
    participants_form.organisation_id.choices = choices((o.id, o.name) for o in member_states())
    return render("roster/training.html", "roster/_candidates.html", status=status, training=training,
                  candidates=found, candidate_query=query, error=error, participants_form=participants_form,
                  reason_form=reason_form or ReasonForm(formdata=None), history=audit.history_of(training),
                  propose_form=ProposeTrainerForm(formdata=None), states=TRAINING_STATES)


@bp.route("/trainings/<int:training_id>")
def training(training_id: int):
    """A training activity: its trainers, the roster experts that match it best, participants."""
    return _training_page(_training_or_404(training_id))


def _transition(training_id: int, action: str, note: str | None = None):
    training = _training_or_404(training_id)
    done = {"plan": _("The training is planned."), "deliver": _("The training is delivered."),
            "cancel": _("The training is cancelled.")}
    return workflow_step(TRAINING_WORKFLOW, training, action,
                         lambda: TRAINING_WORKFLOW.apply(current_user, training, action, note=note), done[action],
                         url_for("roster.training", training_id=training.id), commit=commit_or_409)


@bp.route("/trainings/<int:training_id>/plan", methods=["POST"])
def plan_training(training_id: int):
    """Proposed -> planned."""
    return _transition(training_id, "plan")


@bp.route("/trainings/<int:training_id>/deliver", methods=["POST"])
def deliver_training(training_id: int):
    """Planned -> delivered."""
    return _transition(training_id, "deliver")


@bp.route("/trainings/<int:training_id>/cancel", methods=["POST"])
def cancel_training(training_id: int):
    """Cancel a proposed or planned training, with the reason."""
    form = ReasonForm()
    try:
        if not form.validate_on_submit():
            training = _training_or_404(training_id)
            # Who may cancel (403), then whether it can be cancelled now (409), before "fix this field".
            TRAINING_WORKFLOW.check(current_user, training, "cancel")
            return _training_page(training, status=400, reason_form=form)
        return _transition(training_id, "cancel", note=form.reason.data)
    except WorkflowError as error:
        db.session.rollback()
        if error.status == 403:
            raise
        training = _training_or_404(training_id)
        form.reason.errors.append(str(error))
        return _training_page(training, status=error.status, reason_form=form)


@bp.route("/trainings/<int:training_id>/trainers", methods=["POST"])
def propose_training_trainer(training_id: int):
    """Propose an expert of the roster as trainer for this activity."""
    training = _training_or_404(training_id)
    if not can_propose_trainers(current_user, training):
        abort(403)
    form = ProposeTrainerForm()
    if form.validate_on_submit():
        try:
            proposal = propose_trainer(current_user, training, form.expert_id.data)
        except RosterError as error:
            db.session.rollback()
            return _training_page(_training_or_404(training_id), status=400, error=str(error))
        db.session.commit()
        flash(_("%(name)s is proposed as trainer.", name=proposal.expert.name), "success")
        return redirect_after_post(url_for("roster.training", training_id=training.id))
    return _training_page(training, status=400, error=_("The proposal could not be read. Try again."))


def _trainer_decision(training_id: int, proposal_id: int, action: str):
    proposal = db.get_or_404(TrainerProposal, proposal_id)
    if proposal.training_id != training_id:
        abort(404)
    done = {"confirm": _("%(name)s: confirmed as trainer.", name=proposal.expert.name),
            "decline": _("%(name)s: declined as trainer.", name=proposal.expert.name)}
    return workflow_step(PROPOSAL_WORKFLOW, proposal, action, lambda: decide_trainer(current_user, proposal, action),
                         done[action], url_for("roster.training", training_id=training_id))


@bp.route("/trainings/<int:training_id>/trainers/<int:proposal_id>/confirm", methods=["POST"])
def confirm_trainer(training_id: int, proposal_id: int):
    """The core group confirms a proposed trainer."""
    return _trainer_decision(training_id, proposal_id, "confirm")


@bp.route("/trainings/<int:training_id>/trainers/<int:proposal_id>/decline", methods=["POST"])
def decline_trainer(training_id: int, proposal_id: int):
    """The core group records that a trainer will not give this training."""
    return _trainer_decision(training_id, proposal_id, "decline")


@bp.route("/trainings/<int:training_id>/participants", methods=["POST"])
def record_participants(training_id: int):
    """Record the participants of one country in a delivered training."""
    training = _training_or_404(training_id)
    if not can_record_participants(current_user, training):
        if can_plan_trainings(current_user):
            form = ParticipantsForm()
            form.participants.errors = [_("Participants are recorded once the training is delivered.")]
            return _training_page(training, status=409, participants_form=form)
        abort(403)
    form = ParticipantsForm()
    form.organisation_id.choices = choices((o.id, o.name) for o in member_states())
    if form.validate_on_submit():
        organisation = db.get_or_404(Organisation, form.organisation_id.data)
        try:
            set_participants(current_user, training, organisation, form.participants.data)
        except RosterError as error:
            db.session.rollback()
            form.participants.errors.append(str(error))
            return _training_page(_training_or_404(training_id), status=400, participants_form=form)
        db.session.commit()
        flash(_("Participants from %(country)s recorded.", country=organisation.name), "success")
        return redirect_after_post(url_for("roster.training", training_id=training.id))
    return _training_page(training, status=400, participants_form=form)
