"""The rounds: the list with their progress, opening one, a round's page, closing it."""

from typing import Any

from flask import abort, flash, url_for
from flask_login import current_user

from app.assessments import bp, services
from app.assessments.forms import RoundForm
from app.assessments.models import ROUND_STATES, AssessmentRound
from app.assessments.permissions import can_open_rounds, can_reopen_answer
from app.assessments.workflow import ANSWER_WORKFLOW, ROUND_WORKFLOW
from app.core import audit
from app.core.forms import NoteForm
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, format_date
from app.core.timezones import today
from app.core.views import workflow_step
from app.extensions import db
from app.network.associated import is_country_user


def round_or_404(round_id: int) -> AssessmentRound:
    return db.get_or_404(AssessmentRound, round_id)


@bp.get("/")
def index():
    """The rounds, newest first, each with its status, deadline and how many countries answered."""
    rounds = services.rounds_newest_first()
    return render("assessments/index.html", rounds=rounds, total=services.member_state_count(),
                  counts=services.submitted_counts([r.id for r in rounds]))


@bp.route("/rounds/new", methods=["GET", "POST"])
def new_round():
    """Open a round of one questionnaire for a year, with its deadline (the Presidency or an administrator)."""
    if not can_open_rounds(current_user):
        abort(403)
    form = RoundForm()
    if not form.is_submitted():
        form.year.data = today().year - 1
    if form.validate_on_submit():
        round_ = services.open_round(current_user, questionnaire=form.questionnaire.data, year=form.year.data,
                                     deadline=form.deadline.data, note=form.note.data)
        db.session.commit()
        flash(_("The round “%(title)s” is open until %(deadline)s.", title=round_.title,
                deadline=format_date(round_.deadline)), "success")
        return redirect_after_post(url_for("assessments.round", round_id=round_.id))
    return render("assessments/round_form.html", status=400 if form.errors else 200, form=form)


def round_context(round_: AssessmentRound, **forms: Any) -> dict[str, Any]:
    own = None
    if is_country_user(current_user):
        own = services.answer_of(round_, current_user.organisation_id)
    return {
        "round": round_,
        "progress": services.progress(round_),
        "own": own,
        "close": ROUND_WORKFLOW.available(current_user, round_),
        "reopen_forms": forms.get("reopen_forms") or {},
        "reopen": ANSWER_WORKFLOW.transition("reopen_answer") if can_reopen_answer(current_user, None) else None,
        "history": audit.history_of(round_),
        "states": ROUND_STATES,
    }


@bp.get("/rounds/<int:round_id>", endpoint="round")
def round_page(round_id: int):
    """A round: its progress, the user's country's answer and its buttons, who answered and who not yet."""
    return render("assessments/round.html", **round_context(round_or_404(round_id)))


@bp.post("/rounds/<int:round_id>/close")
def close_round(round_id: int):
    """Close the round: it takes no more answers and its results are published."""
    round_ = round_or_404(round_id)
    return workflow_step(ROUND_WORKFLOW, round_, "close", lambda: services.close_round(current_user, round_),
                         _("The round is closed; its results are published."),
                         url_for("assessments.round", round_id=round_.id))


def reopen_form_page(round_: AssessmentRound, answer_id: int, form: NoteForm):
    return render("assessments/round.html", status=400, **round_context(round_, reopen_forms={answer_id: form}))
