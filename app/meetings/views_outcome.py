"""After the meeting: minutes, documents, and the actions agreed."""

from flask import abort, flash, request, url_for
from flask_login import current_user
from wtforms import FileField

from app.core.guard import guard_form, record_confirmation
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, _l
from app.core.limits import to_id
from app.core.markings import MarkingField, can_read_marked, marking_problem, prepare_marking_field
from app.core.models import Attachment
from app.core.redirects import same_site_referrer
from app.core.uploads import UploadError, attachments_of, save_upload, send_attachment
from app.extensions import db
from app.meetings import bp
from app.meetings import permissions as perm
from app.meetings.actions import add_action, set_action_status
from app.meetings.forms import ActionForm, MinutesForm
from app.meetings.models import Meeting, MeetingAction
from app.meetings.services import publish_minutes, save_minutes
from app.meetings.views import detail_context, meeting_section, organisation_options, readable_meeting


class MinutesUploadForm(MinutesForm):
    document = FileField(_l("Attach a document"), description=_l(
        "Minutes or meeting documents: PDF, Word, OpenDocument, Excel, PowerPoint, images or text, up to 10 MB."))
    document_marking_id = MarkingField(_l("Marking of the document"))


@bp.route("/meetings/<int:meeting_id>/minutes", methods=["GET", "POST"])
def minutes(meeting_id: int):
    """Write the minutes (Markdown) and attach documents: the convening Presidency, after the meeting."""
    meeting = readable_meeting(meeting_id)
    if not perm.can_record_outcome(current_user, meeting):
        abort(403)
    form = MinutesUploadForm(obj=meeting)
    prepare_marking_field(form.minutes_marking_id, current_user, meeting.minutes_marking_id)
    prepare_marking_field(form.document_marking_id, current_user, meeting.minutes_marking_id)
    status = 200
    if form.validate_on_submit() and guard_form(form, previous=meeting):
        upload = request.files.get("document")
        try:
            record_confirmation(current_user, meeting, form)
            save_minutes(current_user, meeting, form.minutes.data, form.minutes_marking_id.data)
            if upload is not None and upload.filename:
                save_upload(upload, actor=current_user, record=meeting, marking_id=form.document_marking_id.data)
        except UploadError as error:
            db.session.rollback()
            form.document.errors = [str(error)]
            status = 400
        else:
            db.session.commit()
            flash(_("The minutes are saved.") if meeting.status == "minutes_published"
                  else _("The minutes are saved. They are visible to the network once published."), "success")
            return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id) + "#minutes")
    return render("meetings/minutes.html", "meetings/_minutes_form.html", status=status, meeting=meeting,
                  form=form, attachments=attachments_of(meeting, current_user))


@bp.route("/meetings/<int:meeting_id>/documents", methods=["POST"])
def attach(meeting_id: int):
    """Attach a document to a meeting (agenda papers before, documents after)."""
    meeting = readable_meeting(meeting_id)
    if not perm.can_attach(current_user, meeting):
        abort(403)
    upload = request.files.get("document")
    raw_marking = request.form.get("marking_id")
    if upload is None or not upload.filename:
        return _attach_refused(meeting, _("Choose a file to attach."), raw_marking)
    problem = marking_problem(current_user, raw_marking)
    if problem:
        return _attach_refused(meeting, problem, raw_marking, field="marking")
    try:
        attachment = save_upload(upload, actor=current_user, record=meeting, marking_id=to_id(raw_marking))
    except UploadError as error:
        db.session.rollback()
        return _attach_refused(meeting, str(error), raw_marking)
    db.session.commit()
    flash(_("%(filename)s is attached.", filename=attachment.shown_name), "success")
    return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id) + "#documents")


def _attach_refused(meeting: Meeting, message: str, raw_marking: str | None, field: str = "document"):
    """The meeting page again, the reason next to the field of the documents' form, nothing stored."""
    return render("meetings/detail.html", status=400, attach_errors={field: message},
                  attach_marking_id=to_id(raw_marking) or meeting.marking_id, **detail_context(meeting))


@bp.route("/meetings/<int:meeting_id>/documents/<int:attachment_id>")
def document(meeting_id: int, attachment_id: int):
    """Download a meeting document."""
    meeting = readable_meeting(meeting_id)
    attachment = db.get_or_404(Attachment, attachment_id)
    if (attachment.record_type != meeting.__tablename__ or attachment.record_id != meeting.id
            or not can_read_marked(current_user, attachment)):
        abort(404)
    return send_attachment(attachment)


@bp.route("/meetings/<int:meeting_id>/publish_minutes", methods=["POST"])
def publish(meeting_id: int):
    """Publish the minutes: the whole network sees them on the meeting's page."""
    meeting = readable_meeting(meeting_id)
    if not perm.can_manage(current_user, meeting):
        abort(403)
    publish_minutes(current_user, meeting, has_documents=bool(attachments_of(meeting, current_user)))
    db.session.commit()
    flash(_("The minutes are published."), "success")
    return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id) + "#minutes")


@bp.route("/meetings/<int:meeting_id>/actions", methods=["POST"])
def new_action(meeting_id: int):
    """Record an action agreed at the meeting, with its owner and due date."""
    meeting = readable_meeting(meeting_id)
    if not perm.can_record_outcome(current_user, meeting):
        abort(403)
    form = ActionForm()
    form.owner_id.choices = organisation_options()
    if not (form.validate() and guard_form(form)):
        return meeting_section(meeting, "meetings/_action_form.html", "actions", failed=True, action_form=form)
    record_confirmation(current_user, add_action(current_user, meeting, form.data), form)
    db.session.commit()
    flash(_("The action is recorded."), "success")
    return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id) + "#actions")


@bp.route("/meetings/<int:meeting_id>/actions/<int:action_id>/<any(done, reopen):change>", methods=["POST"])
def update_action(meeting_id: int, action_id: int, change: str):
    """Mark an action done, or open it again."""
    meeting = readable_meeting(meeting_id)
    action = db.get_or_404(MeetingAction, action_id)
    if action.meeting_id != meeting.id:
        abort(404)
    if not perm.can_update_action(current_user, action):
        abort(403)
    back = same_site_referrer(url_for("meetings.detail", meeting_id=meeting.id) + "#actions")  # the page it was on
    set_action_status(current_user, action, "done" if change == "done" else "open")
    db.session.commit()
    flash(_("The action is marked done.") if change == "done" else _("The action is open again."), "success")
    return redirect_after_post(back)
