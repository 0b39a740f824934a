from typing import Any

from flask import abort, flash, request, url_for
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.orm import selectinload

from app.core import audit
from app.core.concurrency import commit_unless_stale
from app.core.export import csv_response
from app.core.forms import CommentForm, NoteForm, choices, use_choices, valid_filters
from app.core.guard import guard_form, record_confirmation
from app.core.htmx import answer_section, redirect_after_post, render
from app.core.i18n import _
from app.core.markings import can_read_marked, highest_in, marking_line, prepare_marking_field
from app.core.models import Attachment
from app.core.pagination import paginate
from app.core.uploads import UploadError, attachments_of, save_upload, send_attachment, stored_path
from app.core.views import workflow_step
from app.core.workflow import WrongState
from app.extensions import db
from app.network.associated import refused_to_associated
from app.network.models import Organisation
from app.network.services import country_filter_choices, instrument_filter_choices, legal_instruments, member_states
from app.practices import bp, services
from app.practices.forms import AdoptionForm, EndorseForm, PracticeFilterForm, PracticeForm, body_template
from app.practices.models import TOPICS, BestPractice
from app.practices.permissions import (
    can_comment_practice,
    can_edit_practice,
    can_read_practice,
    can_submit_practice,
)
from app.practices.workflow import PRACTICE_WORKFLOW, STATES


def practices_addressing(obstacle: Any) -> list[BestPractice]:
    """For the obstacle's page: the practices that address it and that the viewer may read."""
    return services.linked_practices(current_user, obstacle)


def _practice_or_404(practice_id: int) -> BestPractice:
    """A practice the user may read; another country's draft is as absent as a missing one."""
    practice = services.load_practice(practice_id)
    if practice is None or not can_read_practice(current_user, practice) or not can_read_marked(current_user, practice):
        abort(404)
    return practice


def _filter_form() -> PracticeFilterForm:
    form = PracticeFilterForm(request.args)
    use_choices(form.instrument, "filter.instruments", instrument_filter_choices)
    use_choices(form.country, "filter.countries", country_filter_choices)
    return form


def _prepare_form(form: PracticeForm, practice: BestPractice | None) -> None:
    form.topic.choices = choices([("", _("Choose a topic")), *TOPICS.items()])
    prepare_marking_field(form.marking_id, current_user, practice.marking_id if practice else None)
    prepare_marking_field(form.attachment_marking_id, current_user, practice.marking_id if practice else None)
    offered = {i.id: i for i in legal_instruments()}
    offered.update({i.id: i for i in (practice.instruments if practice else [])})
    form.instrument_ids.choices = choices((i.id, i.name) for i in sorted(offered.values(), key=lambda i: i.position))
    if practice is None and current_user.is_admin and not current_user.organisation.is_member_state:
        form.country_id.choices = choices([(0, _("Choose the Member State")),
                                           *((o.id, o.name) for o in member_states())])
    else:
        del form.country_id


@bp.route("/")
def index():
    """Browse and search the register; htmx swaps the results alone."""
    form = _filter_form()
    page = paginate(services.list_rows(services.filtered_practices(current_user, valid_filters(form))))
    return render("practices/index.html", "practices/_list.html", page=page, form=form, states=STATES)


@bp.route("/export.csv")
def export_csv():
    """The filtered list as a spreadsheet (UTF-8 with BOM, formulas defused)."""
    query = services.filtered_practices(current_user, valid_filters(_filter_form()))
    marking = marking_line(highest_in(query, BestPractice.marking_id))
    # Read in batches while the response is sent.
    rows = services.export_rows(query.options(selectinload(BestPractice.adoptions)),
                                lambda p: url_for("practices.detail", practice_id=p.id, _external=True))
    return csv_response("best-practices.csv", [str(h) for h in services.EXPORT_HEADER], rows, marking=marking)


def _attach(form: PracticeForm, practice: BestPractice) -> bool:
    """Store the uploaded file, if any; on a refused file, say why next to the field."""
    upload = form.attachment.data
    if not upload or not upload.filename:
        return True
    try:
        save_upload(upload, actor=current_user, record=practice, marking_id=form.attachment_marking_id.data)
    except UploadError as error:
        form.attachment.errors = [str(error)]
        return False
    return True


def _obstacles_exist(form: PracticeForm) -> bool:
    missing = services.unknown_obstacles(current_user, form.obstacle_numbers.data)
    if missing:
        form.obstacle_numbers.errors = [ngettext("There is no obstacle number %(numbers)s.",
                                                  "There are no obstacles numbered %(numbers)s.", len(missing),
                                                  numbers=", ".join(map(str, missing)))]
    return not missing


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Write a practice; save it as a draft or send it to the network."""
    if not can_submit_practice(current_user):
        abort(403, refused_to_associated(current_user))
    form = PracticeForm()
    _prepare_form(form, None)
    if not form.is_submitted():
        form.body.data = body_template()
    if form.validate_on_submit() and _obstacles_exist(form) and guard_form(form):
        country = db.session.get(Organisation, form.country_id.data) if "country_id" in form else \
            current_user.organisation
        practice = services.create_practice(current_user, form.data, country)
        record_confirmation(current_user, practice, form)
        if _attach(form, practice):
            if form.send.data:
                services.move(current_user, practice, "submit")
            db.session.commit()
            flash(_("The practice is sent to the network for review.") if form.send.data else
                  _("The draft is saved. Only your country sees it until you send it for review."), "success")
            return redirect_after_post(url_for("practices.detail", practice_id=practice.id))
        db.session.rollback()
    return render("practices/form.html", form=form, practice=None)


def _detail_context(practice: BestPractice, **forms: Any) -> dict[str, Any]:
    return {
        "practice": practice,
        "states": STATES,
        "transitions": PRACTICE_WORKFLOW.available(current_user, practice),
        "history": audit.history_of(practice),
        "attachments": attachments_of(practice, current_user),
        "linked_obstacles": [o for o in practice.obstacles if can_read_marked(current_user, o)],
        "comment_form": forms.get("comment_form") or CommentForm(formdata=None),
        "adoption_form": forms.get("adoption_form") or AdoptionForm(formdata=None),
        "endorse_form": forms.get("endorse_form") or EndorseForm(formdata=None),
        "note_form": forms.get("note_form"),
    }


@bp.route("/<int:practice_id>")
def detail(practice_id: int):
    """One practice: summary, text, documents, adoptions, discussion and history."""
    return render("practices/detail.html", **_detail_context(_practice_or_404(practice_id)))


@bp.route("/<int:practice_id>/edit", methods=["GET", "POST"])
def edit(practice_id: int):
    """Edit a practice until the network endorses it (its country) or at any time (administrators)."""
    practice = _practice_or_404(practice_id)
    if not can_edit_practice(current_user, practice):
        abort(403)
    form = PracticeForm(obj=practice)
    _prepare_form(form, practice)
    if not form.is_submitted():
        form.version.data = str(practice.version)
        form.instrument_ids.data = [i.id for i in practice.instruments]
        form.tags.data = ", ".join(t.name for t in practice.tags)
        form.obstacle_numbers.data = ", ".join(str(o.id) for o in practice.obstacles
                                               if can_read_marked(current_user, o))
    conflict = False
    if form.validate_on_submit() and _obstacles_exist(form) and guard_form(form, previous=practice):
        def apply() -> bool:
            record_confirmation(current_user, practice, form)
            changed = services.update_practice(current_user, practice, form.data)
            if not _attach(form, practice):
                raise UploadError(form.attachment.errors[0])
            if form.send.data and practice.status == "draft":
                services.move(current_user, practice, "submit")
            return changed

        try:
            saved, changed = commit_unless_stale(form, practice, apply)
        except UploadError:
            db.session.rollback()
        else:
            if saved:
                flash(_("The practice is saved.") if changed or form.attachment.data else _("Nothing was changed."),
                      "success")
                return redirect_after_post(url_for("practices.detail", practice_id=practice.id))
            conflict = True
    return render("practices/form.html", status=409 if conflict else 200, form=form, practice=practice,
                  conflict=conflict, attachments=attachments_of(practice, current_user))


# Workflow -------------------------------------------------------------------------------------------------

@bp.route("/<int:practice_id>/submit", methods=["POST"])
def submit(practice_id: int):
    """Send a draft to the network for review."""
    practice = _practice_or_404(practice_id)
    return workflow_step(PRACTICE_WORKFLOW, practice, "submit", lambda: services.move(current_user, practice, "submit"),
                         _("The practice is sent to the network for review."),
                         url_for("practices.detail", practice_id=practice.id))


@bp.route("/<int:practice_id>/endorse", methods=["POST"])
def endorse(practice_id: int):
    """Record that the network endorsed the practice, and when."""
    practice = _practice_or_404(practice_id)
    form = EndorseForm()
    return workflow_step(
        PRACTICE_WORKFLOW, practice, "endorse",
        lambda: services.move(current_user, practice, "endorse", details=form.data),
        _("The endorsement is recorded."), url_for("practices.detail", practice_id=practice.id), form=form,
        invalid=lambda: render("practices/detail.html", status=400, **_detail_context(practice, endorse_form=form)))


@bp.route("/<int:practice_id>/archive", methods=["POST"])
def archive(practice_id: int):
    """Archive a practice, with the reason."""
    practice = _practice_or_404(practice_id)
    form = NoteForm()
    return workflow_step(
        PRACTICE_WORKFLOW, practice, "archive",
        lambda: services.move(current_user, practice, "archive", note=form.note.data),
        _("The practice is archived."), url_for("practices.detail", practice_id=practice.id), form=form,
        invalid=lambda: render("practices/detail.html", status=400, **_detail_context(practice, note_form=form)))


# Adoption and discussion --------------------------------------------------------------------------------

def _section(practice_id: int, fragment: str, anchor: str, message: str | None, status: int = 200, **forms: Any):
    practice = _practice_or_404(practice_id)
    if message:
        flash(message, "success")
    return answer_section("practices/detail.html", fragment,
                          url_for("practices.detail", practice_id=practice_id, _anchor=anchor.lstrip("#")),
                          lambda: _detail_context(practice, **forms), status=status)


@bp.route("/<int:practice_id>/adopt", methods=["POST"])
def adopt(practice_id: int):
    """Record, for the user's country, that it adopted the practice."""
    practice = _practice_or_404(practice_id)
    form = AdoptionForm()
    if not (form.validate_on_submit() and guard_form(form)):
        return _section(practice_id, "practices/_adoptions.html", "#adoptions", None, 400, adoption_form=form)
    record_confirmation(current_user, services.adopt(current_user, practice, form.note.data), form)
    db.session.commit()
    return _section(practice_id, "practices/_adoptions.html", "#adoptions",
                    _("Recorded: %(country)s adopted this practice.", country=current_user.organisation.name))


@bp.route("/<int:practice_id>/adopt/withdraw", methods=["POST"])
def withdraw_adoption(practice_id: int):
    """Withdraw the user's country's adoption."""
    practice = _practice_or_404(practice_id)
    services.withdraw_adoption(current_user, practice)
    db.session.commit()
    return _section(practice_id, "practices/_adoptions.html", "#adoptions",
                    _("Withdrawn: %(country)s's adoption.", country=current_user.organisation.name))


@bp.route("/<int:practice_id>/comments", methods=["POST"])
def comment(practice_id: int):
    """Comment on a shared practice (agencies too)."""
    practice = _practice_or_404(practice_id)
    if not can_comment_practice(current_user, practice):
        raise WrongState(_("Comments are open while a practice is submitted or endorsed."))
    form = CommentForm()
    if not (form.validate_on_submit() and guard_form(form)):
        return _section(practice_id, "practices/_discussion.html", "#discussion", None, 400, comment_form=form)
    record_confirmation(current_user, services.add_comment(current_user, practice, form.body.data), form)
    db.session.commit()
    return _section(practice_id, "practices/_discussion.html", "#discussion",
                    _("Your comment is posted."))


# Documents ------------------------------------------------------------------------------------------------

def _attachment_or_404(practice: BestPractice, attachment_id: int) -> Attachment:
    attachment = db.session.get(Attachment, attachment_id)
    if (attachment is None or attachment.record_type != "best_practices" or attachment.record_id != practice.id
            or not can_read_marked(current_user, attachment)):
        abort(404)
    return attachment


@bp.route("/<int:practice_id>/attachments/<int:attachment_id>")
def attachment(practice_id: int, attachment_id: int):
    """Download a document (as a file, never shown inline)."""
    practice = _practice_or_404(practice_id)
    return send_attachment(_attachment_or_404(practice, attachment_id))


@bp.route("/<int:practice_id>/attachments/<int:attachment_id>/delete", methods=["POST"])
def delete_attachment(practice_id: int, attachment_id: int):
    """Remove a document from a practice the user may edit."""
    practice = _practice_or_404(practice_id)
    if not can_edit_practice(current_user, practice):
        abort(403)
    document = _attachment_or_404(practice, attachment_id)
    audit.record(current_user, practice, "remove_attachment", changes={"attachment": [document.filename, None]})
    db.session.delete(document)
    db.session.commit()
    stored_path(document).unlink(missing_ok=True)
    flash(_("“%(name)s” is removed.", name=document.shown_name), "success")
    return redirect_after_post(url_for("practices.edit", practice_id=practice.id))
