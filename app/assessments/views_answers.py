"""Answering a round: the country's draft, one subject at a time, its submission by the Head of SPOC, reopening.

The country is always the user's own, never a form field: writing another country's answer is impossible. Every
save carries the answer's version; a save made from a page older than another member's save is refused with the
typed values kept (409), and nothing is written."""

from typing import Any

from flask import abort, flash, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.assessments import bp, services
from app.assessments.forms import AnswerForm, RemoveRowForm, answer_form
from app.assessments.models import AssessmentAnswer, AssessmentRound
from app.assessments.permissions import can_see_answer, taking_answers
from app.assessments.questionnaires import TOPICS
from app.assessments.views_rounds import round_or_404
from app.assessments.workflow import ANSWER_WORKFLOW
from app.core import audit
from app.core.concurrency import commit_unless_stale
from app.core.forms import NoteForm, choices
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, format_date
from app.core.limits import to_id
from app.core.views import workflow_step
from app.core.workflow import WrongState
from app.extensions import db
from app.network.associated import is_country_user


def _answerer() -> None:
    """Only the members of a country answer (a Member State or an associated country), for their own country
    (agencies and the Council: 403)."""
    if not is_country_user(current_user):
        abort(403, _("Only the SPOCs of the Member States and the associated countries answer the assessments."))


def _check_writable(round_: AssessmentRound, answer: AssessmentAnswer | None) -> None:
    if not taking_answers(round_):
        raise WrongState(_("This round took answers until %(deadline)s; it takes no more.",
                           deadline=format_date(round_.deadline)) if round_.status == "open"
                         else _("This round is closed; it takes no more answers."))
    if answer is not None and answer.status != "draft":
        raise WrongState(_("Your country's answer is submitted: an administrator can reopen it for corrections."))


def _subject(round_: AssessmentRound, raw: Any) -> Any:
    """A subject as the database holds it (a partner id or a topic code) from a form's or a link's value."""
    if round_.form.subject == "partner":
        return to_id(raw)
    return raw if raw in TOPICS else None


def _form(round_: AssessmentRound, answer: AssessmentAnswer | None, **kwargs: Any) -> AnswerForm:
    form = answer_form(round_.questionnaire, **kwargs)
    own = current_user.organisation_id
    if round_.form.subject == "partner":
        subjects = [(str(o.id), o.name) for o in services.partners_for(own)]
        form.own_country_id = own
    else:
        subjects = [(code, str(label)) for code, label in TOPICS.items()]
    form.subjects = {value: _subject(round_, value) for value, _label in subjects}
    form.subject.choices = choices([("", _("Choose…")), *subjects])
    return form


def _loaded_form(round_: AssessmentRound, answer: AssessmentAnswer | None) -> AnswerForm:
    """The form as a GET shows it: empty, or the values of the subject ``?subject=`` names."""
    row = services.row_for(answer, _subject(round_, request.args.get("subject")))
    data: dict[str, Any] = {}
    if row is not None:
        data = {name: ("" if value is None else value) for name, value in row.values.items()}
        data["subject"] = str(row.partner_id if row.partner_id is not None else row.topic)
    form = _form(round_, answer, formdata=None, data=data)
    form.version.data = str(answer.version if answer else 0)
    return form


def _answer_page(round_: AssessmentRound, answer: AssessmentAnswer | None, form: AnswerForm | None, *,
                 status: int = 200, conflict: bool = False, remove_form: RemoveRowForm | None = None):
    writable = taking_answers(round_) and (answer is None or answer.status == "draft")
    return render("assessments/answer.html", status=status, round=round_, answer=answer, form=form,
                  writable=writable, conflict=conflict, version=answer.version if answer else 0,
                  questions=round_.form.questions, label_of=services.subject_label)


@bp.route("/rounds/<int:round_id>/answer", methods=["GET", "POST"])
def answer(round_id: int):
    """The user's country's answer: the subjects filled in, and a form to add or change one of them."""
    round_ = round_or_404(round_id)
    _answerer()
    own = services.answer_of(round_, current_user.organisation_id)
    if request.method == "GET":
        return _answer_page(round_, own, _loaded_form(round_, own))
    _check_writable(round_, own)
    form = _form(round_, own)
    if not form.validate_on_submit():
        return _answer_page(round_, own, form, status=400)
    subject, values = form.subject_value, form.cleaned
    if own is None:
        try:
            own = services.save_draft(current_user, round_, None, subject, values)
            db.session.commit()
        except services.AnswerConflict:  # another member's first save won the race
            db.session.rollback()
            own = services.answer_of(round_, current_user.organisation_id)
            form.version.data = str(own.version)
            return _answer_page(round_, own, form, status=409, conflict=True)
    else:
        saved, _answer = commit_unless_stale(form, own, lambda: services.save_draft(
            current_user, round_, own, subject, values))
        if not saved:
            return _answer_page(round_, own, form, status=409, conflict=True)
    flash(_("Saved in your draft: %(subject)s.", subject=services.subject_label(services.row_for(own, subject))),
          "success")
    return redirect_after_post(url_for("assessments.answer", round_id=round_.id))


@bp.post("/rounds/<int:round_id>/answer/remove")
def remove_row(round_id: int):
    """Leave a subject out of the draft again (a partner not worked with after all)."""
    round_ = round_or_404(round_id)
    _answerer()
    own = services.answer_of(round_, current_user.organisation_id)
    _check_writable(round_, own)
    form = RemoveRowForm()
    row = services.row_for(own, _subject(round_, form.subject.data)) if form.validate_on_submit() else None
    if row is None:
        flash(_("There is nothing to leave out: this subject is not in your answer."), "error")
        return redirect_after_post(url_for("assessments.answer", round_id=round_.id))
    label = services.subject_label(row)
    saved, _removed = commit_unless_stale(form, own, lambda: services.remove_row(current_user, own, row))
    if not saved:
        return _answer_page(round_, own, _loaded_form(round_, own), status=409, conflict=True)
    flash(_("Left out of your answer: %(subject)s.", subject=label), "success")
    return redirect_after_post(url_for("assessments.answer", round_id=round_.id))


def _answer_or_404(answer_id: int) -> AssessmentAnswer:
    answer = db.get_or_404(AssessmentAnswer, answer_id)
    if not can_see_answer(current_user, answer):
        abort(403)
    return answer


def _detail(answer: AssessmentAnswer, *, note_form: NoteForm | None = None, status: int = 200):
    return render("assessments/answer_detail.html", status=status, answer=answer, round=answer.round,
                  questions=answer.round.form.questions, label_of=services.subject_label,
                  transitions=ANSWER_WORKFLOW.available(current_user, answer), note_form=note_form,
                  history=audit.history_of(answer))


@bp.get("/answers/<int:answer_id>")
def answer_detail(answer_id: int):
    """A country's raw answer: for the country itself and administrators."""
    return _detail(_answer_or_404(answer_id))


def _commit() -> None:
    """Commit a workflow step; another member's save in the same instant refuses it (409, nothing written)."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise WrongState(_("The answer was changed meanwhile. Reload the page and try again.")) from None


@bp.post("/answers/<int:answer_id>/submit")
def submit_answer(answer_id: int):
    """Submit the country's answer (its Head of SPOC); it can no longer be changed, but by an administrator."""
    answer = db.get_or_404(AssessmentAnswer, answer_id)
    return workflow_step(ANSWER_WORKFLOW, answer, "submit_answer",
                         lambda: services.submit_answer(current_user, answer),
                         _("Your country's answer is submitted. Thank you."),
                         url_for("assessments.round", round_id=answer.round_id), commit=_commit)


@bp.post("/answers/<int:answer_id>/reopen")
def reopen_answer(answer_id: int):
    """Give a submitted answer back to its country for corrections (administrators, with what to correct)."""
    answer = db.get_or_404(AssessmentAnswer, answer_id)
    form = NoteForm()
    return workflow_step(ANSWER_WORKFLOW, answer, "reopen_answer",
                         lambda: services.reopen_answer(current_user, answer, form.note.data),
                         _("The answer of %(country)s is reopened.", country=answer.organisation.name),
                         url_for("assessments.answer_detail", answer_id=answer.id), form=form, commit=_commit,
                         invalid=lambda: _detail(answer, note_form=form, status=400))
