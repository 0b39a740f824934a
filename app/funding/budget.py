"""Budget lines on meetings and training activities: the section on the activity's page, and its forms.

The section (templates/funding/_budget_panel.html) is a record panel of the meeting and the training pages, so
neither module knows about funding. Whoever may read the activity reads its budget; its organiser (the convening
Presidency, the organiser country or the core group) and administrators add, change and remove lines. A form that
fails comes back on its own page (templates/funding/budget_line.html) with the messages and the typed text."""

from typing import Any

from flask import abort, flash, url_for
from flask_login import current_user

from app.core.concurrency import commit_unless_stale
from app.core.guard import guard_form, record_confirmation
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _
from app.core.templating import record_panel, template_globals
from app.extensions import db
from app.funding import bp
from app.funding.budget_forms import BudgetLineForm, RemoveBudgetLineForm, line_form
from app.funding.budget_services import activity_of, add_line, budget_of, remove_line, update_line
from app.funding.models import BudgetLine
from app.funding.permissions import can_edit_budget
from app.meetings.models import Meeting
from app.meetings.permissions import can_read as can_read_meeting
from app.roster.models import TrainingActivity

record_panel(bp, "meetings", "funding/_budget_panel.html", 50)
record_panel(bp, "training_activities", "funding/_budget_panel.html", 50)


def budget_line_form(activity: Any) -> BudgetLineForm | None:
    """The blank "Add a line" form of the activity's page, for those who may edit its budget (a template global)."""
    return line_form(activity, blank=True) if can_edit_budget(current_user, activity) else None


template_globals(bp, budget_of, budget_line_form)


def activity_url(activity: Any) -> str:
    """The activity's page, at its budget section."""
    if isinstance(activity, Meeting):
        return url_for("meetings.detail", meeting_id=activity.id, _anchor="budget")
    return url_for("roster.training", training_id=activity.id, _anchor="budget")


def _readable(activity: Any | None) -> Any:
    """404 for an unknown activity, and for a meeting the user may not see (a draft, a restricted marking)."""
    if activity is None or isinstance(activity, Meeting) and not can_read_meeting(current_user, activity):
        abort(404)
    return activity


def _editable(activity: Any) -> Any:
    if not can_edit_budget(current_user, activity):
        abort(403)
    return activity


def _line(line_id: int) -> tuple[BudgetLine, Any]:
    """The line and its activity, which the user must be allowed to read (404) and to edit (403)."""
    line = db.get_or_404(BudgetLine, line_id)
    return line, _editable(_readable(activity_of(line)))


def _line_page(activity: Any, form: BudgetLineForm, action: str, *, line: BudgetLine | None = None,
               status: int = 200, conflict: bool = False):
    return render("funding/budget_line.html", status=status, activity=activity, form=form, action=action,
                  line=line, back=activity_url(activity), conflict=conflict)


def _add(activity: Any, action: str):
    form = line_form(activity)
    if form.validate_on_submit() and guard_form(form):
        add_line(current_user, activity, form.values())
        record_confirmation(current_user, activity, form)
        db.session.commit()
        flash(_("The budget line “%(item)s” is added.", item=form.item.data), "success")
        return redirect_after_post(activity_url(activity))
    return _line_page(activity, form, action, status=400)


@bp.route("/budget/meetings/<int:meeting_id>/lines", methods=["POST"])
def add_meeting_line(meeting_id: int):
    """Add a line to a meeting's budget."""
    meeting = _editable(_readable(db.session.get(Meeting, meeting_id)))
    return _add(meeting, url_for("funding.add_meeting_line", meeting_id=meeting.id))


@bp.route("/budget/trainings/<int:training_id>/lines", methods=["POST"])
def add_training_line(training_id: int):
    """Add a line to a training activity's budget."""
    training = _editable(_readable(db.session.get(TrainingActivity, training_id)))
    return _add(training, url_for("funding.add_training_line", training_id=training.id))


@bp.route("/budget/lines/<int:line_id>/edit", methods=["GET", "POST"])
def edit_line(line_id: int):
    """Change a line: its item, amounts or payer."""
    line, activity = _line(line_id)
    form = line_form(activity, line)
    action = url_for("funding.edit_line", line_id=line.id)
    if not (form.validate_on_submit() and guard_form(form, previous=line)):
        return _line_page(activity, form, action, line=line, status=400 if form.is_submitted() else 200)

    def apply() -> bool:
        changed = update_line(current_user, line, form.values())
        record_confirmation(current_user, activity, form)
        return changed

    saved, changed = commit_unless_stale(form, line, apply)
    if not saved:
        return _line_page(activity, form, action, line=line, status=409, conflict=True)
    flash(_("The budget line is saved.") if changed else _("Nothing changed."), "success")
    return redirect_after_post(activity_url(activity))


@bp.route("/budget/lines/<int:line_id>/remove", methods=["GET", "POST"])
def remove_budget_line(line_id: int):
    """Ask, then remove a line (the confirmation is a page of its own: it works without JavaScript)."""
    line, activity = _line(line_id)
    form = RemoveBudgetLineForm()
    if form.validate_on_submit():
        item = line.item
        remove_line(current_user, line)
        db.session.commit()
        flash(_("The budget line “%(item)s” is removed.", item=item), "success")
        return redirect_after_post(activity_url(activity))
    status = 400 if form.is_submitted() else 200
    return render("funding/budget_remove.html", status=status, activity=activity, line=line, form=form,
                  back=activity_url(activity))
