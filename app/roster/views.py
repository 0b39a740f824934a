"""Nominations and the roster of experts. Training activities are in training_views.py."""

from types import SimpleNamespace
from typing import Any

from flask import abort, current_app, flash, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.core import audit
from app.core.forms import choices
from app.core.guard import guard_form, record_confirmation
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, _l, format_date
from app.core.models import AuditEvent
from app.core.pagination import paginate
from app.core.permissions import same_country
from app.core.timezones import today
from app.core.views import workflow_step
from app.core.workflow import WorkflowError
from app.extensions import db
from app.network.services import member_state_refs
from app.roster import bp
from app.roster.forms import DecisionForm, NominationForm, ReasonForm, ReviewForm, review_data
from app.roster.models import EXPERT_STATES, NOMINATION_STATES, Expert, Nomination
from app.roster.permissions import (
    can_nominate,
    can_see_contact,
    can_see_reviews,
    can_view_nomination,
    manages_roster,
)
from app.roster.services import (
    ROSTER_STATUSES,
    RosterError,
    check_decision,
    check_reviewer,
    create_nomination,
    decide,
    member_states,
    nominations_of,
    nominations_query,
    proposals_of,
    reconfirm,
    record_review,
    retire,
    review_of,
    roster_filters,
    roster_query,
    start_review,
    withdraw,
)
from app.roster.vocabulary import EXPERTISE_AREAS, LEVELS, sorted_languages
from app.roster.workflow import EXPERT_WORKFLOW, NOMINATION_WORKFLOW

REVIEW_ACTIONS = frozenset({"review", "change_review"})
CONFLICT = _l("Someone else changed this record meanwhile. Reload the page and try again.")


def commit_or_conflict() -> bool:
    """Commit; on a concurrent change (version mismatch) roll back and say so."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        return False
    return True


def commit_or_409() -> None:
    """Commit, or answer 409 with the concurrent-change message (for core.views.workflow_step)."""
    if not commit_or_conflict():
        abort(409, CONFLICT)


# Nominations --------------------------------------------------------------------------------------

@bp.route("/nominations/")
def nominations():
    """Nominations: all of them for the core group, one's own country's for a Member State."""
    status = request.args.get("status", "")
    status = status if status in NOMINATION_STATES else ""
    page = paginate(nominations_query(current_user, status))
    return render("roster/nominations.html", "roster/_nominations_table.html",
                  page=page, status_filter=status, states=NOMINATION_STATES)


@bp.route("/nominations/new", methods=["GET", "POST"])
def new_nomination():
    """Nominate an expert of one's own country for the roster."""
    if not can_nominate(current_user):
        abort(403, _("Only members of a Member State nominate experts, for their own country."))
    form = NominationForm()
    form.organisation_id.choices = choices((o.id, o.name) for o in member_states())
    if not form.is_submitted():
        form.organisation_id.data = current_user.organisation_id
    if form.validate_on_submit() and guard_form(form):
        try:
            nomination = create_nomination(current_user, form.data, form.language_pairs())
        except RosterError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
        else:
            record_confirmation(current_user, nomination, form)
            db.session.commit()
            flash(_("The nomination of %(name)s is submitted to the core group.", name=nomination.name), "success")
            return redirect_after_post(url_for("roster.nomination", nomination_id=nomination.id))
    status = 200
    return render("roster/nomination_form.html", "roster/_nomination_form.html", status=status, form=form)


def _viewable_nomination(nomination_id: int) -> Nomination:
    nomination = db.get_or_404(Nomination, nomination_id)
    if not can_view_nomination(current_user, nomination):
        abort(403)
    return nomination


def _as_the_core_group(event: AuditEvent) -> Any:
    """An event of the history as the nominating country reads it: who in the core group acted stays internal."""
    if event.actor is None or same_country(current_user, event.actor.organisation_id):
        return event
    return SimpleNamespace(created_at=event.created_at, actor=None, by_core_group=True, action=event.action,
                           from_state=event.from_state, to_state=event.to_state, changes=event.changes,
                           note=event.note)


def _nomination_page(nomination: Nomination, *, review_form: ReviewForm | None = None,
                     decision_form: DecisionForm | None = None, status: int = 200, error: str | None = None):
    history = audit.history_of(nomination)
    own_review = review_of(current_user, nomination) if can_see_reviews(current_user, nomination) else None
    if not can_see_reviews(current_user, nomination):  # the nominating country sees status and decision only
        history = [_as_the_core_group(event) for event in history if event.action not in REVIEW_ACTIONS]
    if review_form is None:  # a reviewer changes their own review: the form starts from it
        review_form = ReviewForm(formdata=None, data=review_data(own_review) if own_review else None)
    return render("roster/nomination.html", "roster/_nomination_work.html", status=status,
                  nomination=nomination, review_form=review_form, own_review=own_review,
                  decision_form=decision_form or DecisionForm(formdata=None), error=error, history=history,
                  states=NOMINATION_STATES)


@bp.route("/nominations/<int:nomination_id>")
def nomination(nomination_id: int):
    """One nomination: the nominee, its status and decision; reviews for the core group."""
    return _nomination_page(_viewable_nomination(nomination_id))


@bp.route("/nominations/<int:nomination_id>/start-review", methods=["POST"])
def start_nomination_review(nomination_id: int):
    """The core group takes a submitted nomination under review."""
    nomination = _viewable_nomination(nomination_id)
    if not manages_roster(current_user):
        abort(403)
    return workflow_step(NOMINATION_WORKFLOW, nomination, "start_review",
                         lambda: start_review(current_user, nomination), _("The nomination is under review."),
                         url_for("roster.nomination", nomination_id=nomination.id), commit=commit_or_409)


@bp.route("/nominations/<int:nomination_id>/withdraw", methods=["POST"])
def withdraw_nomination(nomination_id: int):
    """The nominating country withdraws a nomination that is not under review yet."""
    nomination = _viewable_nomination(nomination_id)
    return workflow_step(NOMINATION_WORKFLOW, nomination, "withdraw", lambda: withdraw(current_user, nomination),
                         _("The nomination is withdrawn."),
                         url_for("roster.nomination", nomination_id=nomination.id), commit=commit_or_409)


@bp.route("/nominations/<int:nomination_id>/reviews", methods=["POST"])
def review_nomination(nomination_id: int):
    """A core-group member records their scores and notes on a nomination, or changes them."""
    nomination = _viewable_nomination(nomination_id)
    if not manages_roster(current_user):
        abort(403)
    form = ReviewForm()
    valid = form.validate_on_submit()
    try:
        if not valid:
            check_reviewer(current_user, nomination)  # a recused reviewer is refused (403) before "fix this field"
            return _nomination_page(nomination, review_form=form, status=400)
        record_review(current_user, nomination, form.scores(), form.notes.data)
    except (RosterError, WorkflowError) as error:
        db.session.rollback()
        status = getattr(error, "status", 409)
        return _nomination_page(nomination, review_form=form, status=status, error=str(error))
    if commit_or_conflict():
        flash(_("Your review is recorded."), "success")  # a changed one too: the history tells them apart
        return redirect_after_post(url_for("roster.nomination", nomination_id=nomination.id))
    return _nomination_page(nomination, review_form=form, status=409, error=CONFLICT)


def _decide(nomination_id: int, action: str):
    nomination = _viewable_nomination(nomination_id)
    if not manages_roster(current_user):
        abort(403)
    form = DecisionForm()
    valid = form.validate_on_submit()
    try:
        if not valid:
            check_decision(current_user, nomination, action)  # 403, then 409, before "fix this field"
            return _nomination_page(nomination, decision_form=form, status=400)
        decide(current_user, nomination, action, form.message.data)
    except RosterError as error:
        db.session.rollback()
        form.message.errors.append(str(error))
        return _nomination_page(nomination, decision_form=form, status=400)
    except WorkflowError as error:
        db.session.rollback()
        return _nomination_page(nomination, decision_form=form, status=error.status, error=str(error))
    if commit_or_conflict():
        decided = {"accept": _("The nomination of %(name)s is accepted.", name=nomination.name),
                   "decline": _("The nomination of %(name)s is declined.", name=nomination.name)}
        flash(decided[action], "success")
        return redirect_after_post(url_for("roster.nomination", nomination_id=nomination.id))
    return _nomination_page(nomination, decision_form=form, status=409, error=CONFLICT)


@bp.route("/nominations/<int:nomination_id>/accept", methods=["POST"])
def accept_nomination(nomination_id: int):
    """Accept a nomination under review: the nominee goes on the roster."""
    return _decide(nomination_id, "accept")


@bp.route("/nominations/<int:nomination_id>/decline", methods=["POST"])
def decline_nomination(nomination_id: int):
    """Decline a nomination under review, with a message to the nominating country."""
    return _decide(nomination_id, "decline")


# The roster ---------------------------------------------------------------------------------------

@bp.route("/experts/")
def experts():
    """The roster: search by name, filter by expertise, language and level, country, availability."""
    filters = roster_filters(request.args, current_user)
    page = paginate(roster_query(filters))
    return render("roster/experts.html", "roster/_experts_table.html", page=page, filters=filters,
                  countries=member_state_refs(), statuses=ROSTER_STATUSES, expertise_areas=EXPERTISE_AREAS,
                  language_options=sorted_languages(), levels=LEVELS, today=today(),
                  grace_days=current_app.config["ROSTER_REVIEW_GRACE_DAYS"])


@bp.route("/experts/<int:expert_id>")
def expert(expert_id: int):
    """An expert's profile, with the trainings they were proposed for or gave."""
    return _expert_page(db.get_or_404(Expert, expert_id))


def _expert_page(entry: Expert, *, reason_form: ReasonForm | None = None, status: int = 200):
    own_side = can_see_contact(current_user, entry)
    history = audit.history_of(entry) if manages_roster(current_user) else []
    if not can_see_reviews(current_user, entry):  # the expert's own country: the core group accepted them, not
        history = [_as_the_core_group(event) for event in history]  # a named reviewer (as on the nomination)
    return render("roster/expert.html", status=status, expert=entry, proposals=proposals_of(entry),
                  nominations=nominations_of(entry) if own_side else [],
                  history=history,
                  reason_form=reason_form or ReasonForm(formdata=None), today=today(), states=EXPERT_STATES,
                  grace_days=current_app.config["ROSTER_REVIEW_GRACE_DAYS"])


def _managed_expert(expert_id: int) -> Expert:
    """The entry, for someone who manages the roster (403 otherwise); its state is the workflow's to check (409:
    an erased entry is neither retired nor re-confirmed)."""
    entry = db.get_or_404(Expert, expert_id)
    if not manages_roster(current_user):
        abort(403)
    return entry


@bp.route("/experts/<int:expert_id>/retire", methods=["POST"])
def retire_expert(expert_id: int):
    """The core group takes an expert off the active roster."""
    entry = _managed_expert(expert_id)
    form = ReasonForm()
    status = 400
    if form.validate_on_submit():
        try:
            retire(current_user, entry, form.reason.data)
        except RosterError as error:
            db.session.rollback()
            form.reason.errors.append(str(error))
            status = 409
        else:
            db.session.commit()
            flash(_("%(name)s is retired from the roster.", name=entry.name), "success")
            return redirect_after_post(url_for("roster.expert", expert_id=entry.id))
    return _expert_page(entry, reason_form=form, status=status)


@bp.route("/experts/<int:expert_id>/reconfirm", methods=["POST"])
def reconfirm_expert(expert_id: int):
    """The core group confirms an entry for two more years."""
    entry = _managed_expert(expert_id)
    return workflow_step(
        EXPERT_WORKFLOW, entry, "reconfirm", lambda: reconfirm(current_user, entry),
        lambda: _("%(name)s is confirmed on the roster until %(date)s.", name=entry.name,
                  date=format_date(entry.review_by)),
        url_for("roster.expert", expert_id=entry.id))
