"""An application's workflow steps (start drafting, submit, award, reject, withdraw) and its documents."""

from flask import abort, flash, request, url_for
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app.core import audit
from app.core.forms import NoteForm
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, _l
from app.core.limits import to_id
from app.core.markings import can_read_marked, marking_problem
from app.core.models import Attachment
from app.core.uploads import UploadError, save_upload, send_attachment, stored_path
from app.core.views import workflow_step
from app.extensions import db
from app.funding import bp
from app.funding.application_forms import AwardForm, RejectForm
from app.funding.application_services import take_step
from app.funding.applications import application_or_404, detail_context
from app.funding.models import FundingApplication
from app.funding.permissions import can_edit_application
from app.funding.workflow import APPLICATION_WORKFLOW

CONFLICT = _l("Someone else changed this record meanwhile. Reload the page and try again.")


def _commit_or_409() -> None:
    """Commit, or answer 409 when someone saved the application meanwhile (its version column)."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        abort(409, str(CONFLICT))


def _page_url(application: FundingApplication) -> str:
    return url_for("funding.application", application_id=application.id)


def _plain_step(application_id: int, action: str, done: str):
    application = application_or_404(application_id)
    return workflow_step(APPLICATION_WORKFLOW, application, action,
                         lambda: take_step(current_user, application, action), done, _page_url(application),
                         commit=_commit_or_409)


@bp.route("/applications/<int:application_id>/start-drafting", methods=["POST"])
def start_drafting(application_id: int):
    """Idea -> drafting."""
    return _plain_step(application_id, "start_drafting", _("Drafting has started."))


@bp.route("/applications/<int:application_id>/submit", methods=["POST"])
def submit_application(application_id: int):
    """Drafting -> submitted; the submission date is today unless one was given."""
    return _plain_step(application_id, "submit", _("The application is recorded as submitted."))


def _step_with_form(application: FundingApplication, action: str, form, done: str, page_context: dict, **fields):
    """A step that takes a form: its fields go to the step; invalid input shows the page again with the form."""
    return workflow_step(
        APPLICATION_WORKFLOW, application, action,
        lambda: take_step(current_user, application, action, **{name: read() for name, read in fields.items()}),
        done, _page_url(application), form=form, commit=_commit_or_409,
        invalid=lambda: render("funding/application.html", status=400, **detail_context(application, **page_context)))


@bp.route("/applications/<int:application_id>/award", methods=["POST"])
def award_application(application_id: int):
    """Submitted -> awarded, with the amount (at most the request) and the day of the decision."""
    application = application_or_404(application_id)
    form = AwardForm()
    form.requested_cents = application.amount_requested_cents
    return _step_with_form(application, "award", form, _("The award is recorded."), {"award_form": form},
                           awarded_cents=lambda: form.awarded_cents, decided_on=lambda: form.decided_on.data)


@bp.route("/applications/<int:application_id>/reject", methods=["POST"])
def reject_application(application_id: int):
    """Submitted -> rejected, with what the funder said and the day of the decision."""
    application = application_or_404(application_id)
    form = RejectForm()
    return _step_with_form(application, "reject", form, _("The rejection is recorded."), {"reject_form": form},
                           note=lambda: form.note.data, decided_on=lambda: form.decided_on.data)


@bp.route("/applications/<int:application_id>/withdraw", methods=["POST"])
def withdraw_application(application_id: int):
    """Any open state -> withdrawn, with the reason."""
    application = application_or_404(application_id)
    form = NoteForm()
    return _step_with_form(application, "withdraw", form, _("The application is withdrawn."),
                           {"note_forms": {"withdraw": form}}, note=lambda: form.note.data)


# Documents --------------------------------------------------------------------------------------------------------

def _attachment_or_404(application: FundingApplication, attachment_id: int) -> Attachment:
    attachment = db.session.get(Attachment, attachment_id)
    if (attachment is None or attachment.record_type != application.__tablename__
            or attachment.record_id != application.id or not can_read_marked(current_user, attachment)):
        abort(404)
    return attachment


def _attach_refused(application: FundingApplication, message: str, raw_marking: str | None, field: str = "document"):
    """The application's page again, the reason next to the field of the documents' form, nothing stored."""
    return render("funding/application.html", status=400,
                  **detail_context(application, attach_errors={field: message}, attach_marking_id=to_id(raw_marking)))


@bp.route("/applications/<int:application_id>/documents", methods=["POST"])
def attach_application_document(application_id: int):
    """Attach a document (the application form, the budget, the funder's letter) to an open application."""
    application = application_or_404(application_id)
    if not can_edit_application(current_user, application):
        abort(403)
    upload = request.files.get("document")
    raw_marking = request.form.get("marking_id")
    if upload is None or not upload.filename:
        return _attach_refused(application, _("Choose a file to attach."), raw_marking)
    problem = marking_problem(current_user, raw_marking)
    if problem:
        return _attach_refused(application, problem, raw_marking, field="marking")
    try:
        attachment = save_upload(upload, actor=current_user, record=application, marking_id=to_id(raw_marking))
    except UploadError as error:
        db.session.rollback()
        return _attach_refused(application, str(error), raw_marking)
    db.session.commit()
    flash(_("%(filename)s is attached.", filename=attachment.shown_name), "success")
    return redirect_after_post(_page_url(application) + "#documents")


@bp.route("/applications/<int:application_id>/documents/<int:attachment_id>")
def application_document(application_id: int, attachment_id: int):
    """Download a document of the application (as a file, never shown inline)."""
    application = application_or_404(application_id)
    return send_attachment(_attachment_or_404(application, attachment_id))


@bp.route("/applications/<int:application_id>/documents/<int:attachment_id>/remove", methods=["POST"])
def remove_application_document(application_id: int, attachment_id: int):
    """Remove a document from an open application."""
    application = application_or_404(application_id)
    if not can_edit_application(current_user, application):
        abort(403)
    document = _attachment_or_404(application, attachment_id)
    audit.record(current_user, application, "remove_attachment", changes={"attachment": [document.filename, None]})
    db.session.delete(document)
    db.session.commit()
    stored_path(document).unlink(missing_ok=True)
    flash(_("“%(name)s” is removed.", name=document.shown_name), "success")
    return redirect_after_post(_page_url(application) + "#documents")
