"""Funding applications: the list, a new application, its page and its edit. The workflow steps and the documents
are in :mod:`app.funding.application_steps`."""

from typing import Any

from flask import abort, flash, request, url_for
from flask_login import current_user

from app.core import audit
from app.core.concurrency import commit_unless_stale
from app.core.forms import choices, valid_filters
from app.core.htmx import redirect_after_post, render
from app.core.i18n import _, format_date
from app.core.limits import to_id
from app.core.markings import default_marking
from app.core.pagination import paginate
from app.core.timezones import today
from app.core.uploads import attachments_of
from app.extensions import db
from app.funding import application_services as services
from app.funding import bp
from app.funding.application_forms import ApplicationFilterForm, ApplicationForm, AwardForm, RejectForm
from app.funding.models import APPLICATION_STATES, FundingApplication
from app.funding.money import plain_euros
from app.funding.permissions import can_create_application, can_edit_application
from app.funding.workflow import APPLICATION_WORKFLOW
from app.network.models import Organisation
from app.network.services import holds_presidency, member_states


def application_or_404(application_id: int) -> FundingApplication:
    application = services.load_application(application_id)
    if application is None:
        abort(404)
    return application


def _chooses_lead(user: Any) -> bool:
    """Administrators and the Presidency lead for any Member State; a member leads for their own (not asked)."""
    return user.is_admin or holds_presidency(user) or not user.organisation.is_member_state


def _prepare(form: ApplicationForm, application: FundingApplication | None) -> None:
    """Fill the choices (the application's current call, source and activities stay offered)."""
    none = _("None")
    form.call_id.choices = choices([(0, none), *((c.id, _call_label(c)) for c in
                                                 services.offered_calls(application.call_id if application else None))])
    form.source_id.choices = choices([(0, none), *((s.id, s.label) for s in
                                                   services.offered_sources(application.source_id if application
                                                                            else None))])
    linked_meetings = [m.id for m in application.meetings] if application else []
    form.meeting_ids.choices = choices((m.id, f"{m.title} ({format_date(m.starts_at)})")
                                       for m in services.offered_meetings(current_user, linked_meetings))
    linked_trainings = [t.id for t in application.trainings] if application else []
    form.training_ids.choices = choices((t.id, f"{t.title} ({format_date(t.starts_on)})")
                                        for t in services.offered_trainings(linked_trainings))
    if application is None and _chooses_lead(current_user):
        form.lead_id.choices = choices([(0, _("Choose the Member State")),
                                        *((o.id, o.name) for o in member_states())])
    else:
        del form.lead_id
        form.own_lead_id = application.lead_id if application else current_user.organisation_id
    # A lead already known is not offered as its own partner; one chosen in the form is refused next to the field.
    form.partner_ids.choices = choices((o.id, o.name) for o in services.partner_organisations()
                                       if o.id != form.own_lead_id)


def _call_label(call: Any) -> str:
    return _("%(call)s (closes %(date)s)", call=str(call), date=format_date(call.closes_on))


@bp.route("/applications/")
def applications():
    """Every application, newest first, filtered by state."""
    form = ApplicationFilterForm(request.args)
    filters = valid_filters(form)
    page = paginate(services.applications_query(filters.get("status") or ""))
    return render("funding/applications.html", "funding/_applications_list.html", page=page, form=form,
                  states=APPLICATION_STATES)


@bp.route("/applications/new", methods=["GET", "POST"])
def new_application():
    """Start an application: a member for their own country; the Presidency and administrators for any."""
    if not can_create_application(current_user):
        abort(403)
    form = ApplicationForm()
    _prepare(form, None)
    if request.method == "GET":  # "Start an application to this call", from the call's page
        call_id = to_id(request.args.get("call_id"))
        if call_id and call_id in {choice.value for choice in form.call_id.choices}:
            form.call_id.data = call_id
    if form.validate_on_submit():
        lead = db.session.get(Organisation, form.lead())
        if lead is None or not lead.is_member_state:
            abort(400)
        application = services.create_application(current_user, form.data_for_services(), lead)
        db.session.commit()
        flash(_("The application is recorded as an idea."), "success")
        return redirect_after_post(url_for("funding.application", application_id=application.id))
    return render("funding/application_form.html", form=form, application=None, conflict=False)


def detail_context(application: FundingApplication, **forms: Any) -> dict[str, Any]:
    """What the application's page shows; ``forms`` are the refused step forms, shown with their errors."""
    award_form = forms.get("award_form")
    if award_form is None:
        award_form = AwardForm(formdata=None, data={"decided_on": today()})
    reject_form = forms.get("reject_form") or RejectForm(formdata=None, data={"decided_on": today()})
    return {
        "application": application,
        "states": APPLICATION_STATES,
        "transitions": APPLICATION_WORKFLOW.available(current_user, application),
        "meetings": services.readable_meetings(current_user, application),
        "attachments": attachments_of(application, current_user),
        "history": audit.history_of(application),
        "award_form": award_form,
        "reject_form": reject_form,
        "note_forms": forms.get("note_forms") or {},
        "attach_errors": forms.get("attach_errors") or {},
        "attach_marking_id": forms.get("attach_marking_id") or getattr(default_marking(), "id", None),
    }


@bp.route("/applications/<int:application_id>")
def application(application_id: int):
    """One application: its funder, lead and partners, amounts, activities, documents, steps and history."""
    return render("funding/application.html", **detail_context(application_or_404(application_id)))


@bp.route("/applications/<int:application_id>/edit", methods=["GET", "POST"])
def edit_application(application_id: int):
    """Change an open application (its lead country, the Presidency, administrators)."""
    application = application_or_404(application_id)
    if not can_edit_application(current_user, application):
        abort(403)
    # A post is read from what was sent alone: a field left out is empty, never the saved value (an empty post
    # would otherwise be the record itself, under the version it was loaded at).
    form = ApplicationForm(obj=None if request.method == "POST" else application)
    _prepare(form, application)
    if not form.is_submitted():
        form.version.data = str(application.version)
        form.call_id.data = application.call_id or 0
        form.source_id.data = application.source_id or 0
        form.partner_ids.data = [o.id for o in application.partners]
        form.meeting_ids.data = [m.id for m in application.meetings]
        form.training_ids.data = [t.id for t in application.trainings]
        form.amount_requested.data = plain_euros(application.amount_requested_cents)
    conflict = False
    if form.validate_on_submit():
        saved, changed = commit_unless_stale(
            form, application, lambda: services.update_application(current_user, application,
                                                                   form.data_for_services()))
        if saved:
            flash(_("The application is saved.") if changed else _("Nothing was changed."), "success")
            return redirect_after_post(url_for("funding.application", application_id=application.id))
        conflict = True
    return render("funding/application_form.html", status=409 if conflict else 200, form=form,
                  application=application, conflict=conflict)
