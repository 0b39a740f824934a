"""The parts of a meeting the Presidency prepares and the invited answer: agenda, agencies, answers."""

from flask import abort, flash, url_for
from flask_login import current_user

from app.core.guard import guard_form, record_confirmation
from app.core.htmx import redirect_after_post, render, wants_fragment
from app.core.i18n import _
from app.extensions import db
from app.meetings import bp
from app.meetings import permissions as perm
from app.meetings.agenda import add_agenda_item, move_agenda_item, remove_agenda_item, update_agenda_item
from app.meetings.forms import AgencyInvitationForm, AnswerForm
from app.meetings.invitations import (
    INVITED_ONE_BY_ONE,
    answer_invitation,
    invitation_of,
    invite_agency,
    withdraw_invitation,
)
from app.meetings.models import AgendaItem, Meeting, MeetingInvitation
from app.meetings.services import MeetingError
from app.meetings.views import (
    agenda_form,
    detail_context,
    meeting_section,
    organisation_options,
    readable_meeting,
)
from app.network.models import Organisation
from app.network.services import organisation_by_code


def _editable(meeting_id: int) -> Meeting:
    meeting = readable_meeting(meeting_id)
    if not perm.can_edit(current_user, meeting):
        abort(403)
    return meeting


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = next((i for i in meeting.agenda_items if i.id == item_id), None)
    if item is None:
        abort(404)
    return item


def _agenda_changed(meeting: Meeting, message: str):
    """The agenda fragment for htmx (the page stays where it is), a redirect otherwise."""
    if wants_fragment():
        return render("meetings/detail.html", "meetings/_agenda.html", **detail_context(meeting))
    flash(message, "success")
    return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id) + "#agenda")


@bp.route("/meetings/<int:meeting_id>/agenda", methods=["POST"])
def add_agenda(meeting_id: int):
    """Add an item at the end of the agenda."""
    meeting = _editable(meeting_id)
    form = agenda_form()
    if not (form.validate() and guard_form(form)):
        return meeting_section(meeting, "meetings/_agenda.html", "agenda", failed=True, agenda_form=form)
    record_confirmation(current_user, add_agenda_item(current_user, meeting, form.data), form)
    db.session.commit()
    return _agenda_changed(meeting, _("The item is added to the agenda."))


@bp.route("/meetings/<int:meeting_id>/agenda/<int:item_id>/edit", methods=["GET", "POST"])
def edit_agenda(meeting_id: int, item_id: int):
    """Change an agenda item's title, presenter or duration."""
    meeting = _editable(meeting_id)
    item = _item(meeting, item_id)
    form = agenda_form()
    if not form.is_submitted():
        form.process(obj=item)
    elif form.validate() and guard_form(form, previous=item):
        changed = update_agenda_item(current_user, item, form.data)
        record_confirmation(current_user, item, form)
        db.session.commit()
        flash(_("The agenda item is saved.") if changed else _("Nothing changed."), "success")
        return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id) + "#agenda")
    return render("meetings/agenda_item.html", meeting=meeting, item=item, form=form)


@bp.route("/meetings/<int:meeting_id>/agenda/<int:item_id>/<any(up, down):direction>", methods=["POST"])
def move_agenda(meeting_id: int, item_id: int, direction: str):
    """Move an agenda item one place up or down."""
    meeting = _editable(meeting_id)
    moved = move_agenda_item(current_user, _item(meeting, item_id), direction)
    db.session.commit()
    if moved:
        message = _("The agenda is reordered.")
    else:
        message = _("The item is already at the top.") if direction == "up" else _("The item is already at the bottom.")
    return _agenda_changed(meeting, message)


@bp.route("/meetings/<int:meeting_id>/agenda/<int:item_id>/remove", methods=["POST"])
def remove_agenda(meeting_id: int, item_id: int):
    """Take an item off the agenda."""
    meeting = _editable(meeting_id)
    remove_agenda_item(current_user, _item(meeting, item_id))
    db.session.commit()
    return _agenda_changed(meeting, _("The item is removed from the agenda."))


@bp.route("/meetings/<int:meeting_id>/agencies", methods=["POST"])
def invite(meeting_id: int):
    """Invite an agency or an associated country, saying why."""
    meeting = _editable(meeting_id)
    form = AgencyInvitationForm()
    form.organisation_id.choices = organisation_options(INVITED_ONE_BY_ONE)
    if form.validate():
        agency = db.get_or_404(Organisation, form.organisation_id.data)
        try:
            invite_agency(current_user, meeting, agency, form.reason.data)
        except MeetingError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
        else:
            db.session.commit()
            flash(_("%(agency)s is invited.", agency=agency.name), "success")
            return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id) + "#invitations")
    return meeting_section(meeting, "meetings/_agency_form.html", "invitations", failed=True, agency_form=form)


@bp.route("/meetings/<int:meeting_id>/invitations/<int:invitation_id>/withdraw", methods=["POST"])
def withdraw(meeting_id: int, invitation_id: int):
    """Withdraw an agency's invitation that has no answer yet."""
    meeting = _editable(meeting_id)
    invitation = db.get_or_404(MeetingInvitation, invitation_id)
    if invitation.meeting_id != meeting.id:
        abort(404)
    name = invitation.organisation.name
    withdraw_invitation(current_user, invitation)
    db.session.commit()
    flash(_("The invitation of %(organisation)s is withdrawn.", organisation=name), "success")
    return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id) + "#invitations")


@bp.route("/meetings/<int:meeting_id>/answers/<code>", methods=["POST"])
def answer(meeting_id: int, code: str):
    """An invited organisation's answer for its delegation (its own members only, until the start)."""
    meeting = readable_meeting(meeting_id)
    organisation = organisation_by_code(code)
    if organisation is None:
        abort(404)
    if organisation.id != current_user.organisation_id:
        abort(403, _("You answer for %(own)s only, not for %(other)s.", own=current_user.organisation.name,
                     other=organisation.name))
    invitation = invitation_of(meeting, organisation.id)
    if invitation is None:
        abort(403, _("%(organisation)s is not invited to this meeting.", organisation=organisation.name))
    if meeting.status != "convened":
        abort(409, _("Answers are taken while the meeting is convened; it is %(state)s.",
                     state=meeting.status_label.lower()))
    if perm.has_started(meeting):
        abort(409, _("The meeting has started: answers can no longer be given or changed."))
    form = AnswerForm()
    if not form.validate():
        return meeting_section(meeting, "meetings/_answers.html", "answers", failed=True, answer_form=form)
    answer_invitation(current_user, invitation, form.data)
    db.session.commit()
    flash(_("The answer of %(organisation)s is recorded: %(answer)s.", organisation=organisation.name,
            answer=invitation.answer.label.lower()), "success")
    # htmx: in place (a redirect to this same page #answers would only move to the anchor, not reload it).
    return meeting_section(readable_meeting(meeting_id), "meetings/_answers.html", "answers")
