"""Meetings: the list, the month view, a meeting's page, creating, editing and the workflow actions."""

from datetime import date, datetime, time, timedelta
from typing import Any

from flask import Response, abort, flash, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from app.core import audit
from app.core.concurrency import commit_unless_stale
from app.core.forms import choices, timezone_choices
from app.core.guard import guard_form, record_confirmation
from app.core.htmx import answer_section, redirect_after_post, render
from app.core.i18n import _
from app.core.markings import prepare_marking_field
from app.core.pagination import paginate
from app.core.timezones import local_to_utc, today
from app.core.uploads import attachments_of
from app.core.views import workflow_step
from app.extensions import db
from app.meetings import bp, ical
from app.meetings import permissions as perm
from app.meetings.actions import matters_arising
from app.meetings.cadence import meetings_per_year
from app.meetings.forms import (
    ActionForm,
    AgencyInvitationForm,
    AgendaItemForm,
    AnswerForm,
    CancelForm,
    MeetingForm,
)
from app.meetings.invitations import INVITED_ONE_BY_ONE, invitation_of
from app.meetings.models import MEETING_STATES, Meeting
from app.meetings.services import (
    MeetingError,
    cancel_meeting,
    convene_meeting,
    create_meeting,
    load_meeting,
    mark_held,
    meeting_list,
    meetings_between,
    month_grid,
    update_meeting,
)
from app.meetings.templating import viewer_timezone
from app.meetings.workflow import MEETING_WORKFLOW
from app.network.models import Organisation

ORG_ORDER = {"member_state": 0, "associated": 1, "agency": 2, "council": 3}


def _group_labels() -> dict[str, str]:
    """The optgroup of each kind of organisation in the choices (the associated countries apart from the 27)."""
    return {"member_state": _("EU Member States"), "associated": _("Schengen-associated countries"),
            "agency": _("Agencies"), "council": _("Council")}


def readable_meeting(meeting_id: int) -> Meeting:
    """The meeting with its page's data loaded; 404 if it does not exist or is a draft the user cannot see."""
    meeting = load_meeting(meeting_id)
    if meeting is None or not perm.can_read(current_user, meeting):
        abort(404)
    return meeting


def organisation_options(kinds: tuple[str, ...] = ("member_state", "associated", "agency", "council"),
                         blank: str | None = None) -> list[Any]:
    orgs = db.session.scalars(db.select(Organisation).where(Organisation.kind.in_(kinds))).all()
    orgs = sorted(orgs, key=lambda o: (ORG_ORDER[o.kind], o.name))
    groups = _group_labels()
    options = [SelectChoice(o.id, f"{o.name} ({o.code})", optgroup=groups[o.kind]) for o in orgs]
    return choices(([("", blank)] if blank is not None else []) + options)


def detail_context(meeting: Meeting, **forms: Any) -> dict[str, Any]:
    """What the meeting page shows; ``forms`` replace the blank forms (to show errors and keep input)."""
    invitations = sorted(meeting.invitations, key=lambda i: (ORG_ORDER[i.organisation.kind], i.organisation.name))
    own = invitation_of(meeting, current_user.organisation_id)
    context: dict[str, Any] = {
        "meeting": meeting,
        "invitations": invitations,
        "pending": [i for i in invitations if i.answer is None],
        "own_invitation": own,
        "attachments": attachments_of(meeting, current_user),
        "history": audit.history_of(meeting),
        # "Mark as held" waits for the start; the view refuses it before then too.
        "transitions": [t for t in MEETING_WORKFLOW.available(current_user, meeting)
                        if t.action != "hold" or perm.has_started(meeting)],
        "matters": matters_arising(meeting, current_user) if perm.is_editable(meeting) else [],
        "place_zone": meeting.zone,
        "states": MEETING_STATES,  # the history names the states in the reader's language
    }
    if perm.can_edit(current_user, meeting):
        context["agenda_form"] = forms.get("agenda_form") or agenda_form(blank=True)
        agencies = forms.get("agency_form") or AgencyInvitationForm(formdata=None)
        agencies.organisation_id.choices = organisation_options(INVITED_ONE_BY_ONE)
        context["agency_form"] = agencies
        context["cancel_form"] = forms.get("cancel_form") or CancelForm(formdata=None)
    if own is not None and perm.can_answer(current_user, own):
        context["answer_form"] = forms.get("answer_form") or AnswerForm(formdata=None, obj=own.answer)
    if perm.can_record_outcome(current_user, meeting):
        actions = forms.get("action_form") or ActionForm(formdata=None)
        actions.owner_id.choices = organisation_options()
        context["action_form"] = actions
    return context


def agenda_form(blank: bool = False) -> AgendaItemForm:
    form = AgendaItemForm(formdata=None) if blank else AgendaItemForm()
    form.presenter_id.choices = organisation_options(blank=_("— nobody in particular —"))
    return form


@bp.route("/meetings/")
def index():
    """Upcoming and past meetings, in the viewer's time zone."""
    past = request.args.get("when") == "past"
    page = paginate(meeting_list(current_user, past=past))
    return render("meetings/index.html", "meetings/_list.html", page=page, past=past)


def _month_arg() -> tuple[int, int]:
    raw = request.args.get("month", "")
    try:
        parsed = datetime.strptime(raw, "%Y-%m")
    except ValueError:
        parsed = None
    if parsed is None or not 1970 <= parsed.year <= 2100:
        now = today()
        return now.year, now.month
    return parsed.year, parsed.month


@bp.route("/calendar")
def calendar():
    """The month view; previous and next months are plain links, enhanced by htmx."""
    year, month = _month_arg()
    weeks = month_grid(year, month)
    tz = viewer_timezone()
    start = local_to_utc(datetime.combine(weeks[0][0], time()), tz.key)
    end = local_to_utc(datetime.combine(weeks[-1][-1] + timedelta(days=1), time()), tz.key)
    by_day: dict[date, list[Meeting]] = {}
    for meeting in meetings_between(current_user, start, end):
        day = meeting.starts_at.astimezone(tz).date()
        last = (meeting.ends_at - timedelta(seconds=1)).astimezone(tz).date()
        while day <= last:
            by_day.setdefault(day, []).append(meeting)
            day += timedelta(days=1)
    first = date(year, month, 1)
    previous = (first - timedelta(days=1)).strftime("%Y-%m")
    following = (first + timedelta(days=32)).strftime("%Y-%m")
    return render("meetings/calendar.html", "meetings/_month.html", weeks=weeks, by_day=by_day, first=first,
                  previous=previous, following=following, today=today(), tz=tz,
                  meeting_years=meetings_per_year(reader=current_user))


@bp.route("/meetings/new", methods=["GET", "POST"])
def new():
    """Create a meeting (members of a Presidency country, for dates in its term; administrators)."""
    if not perm.can_create_meetings(current_user):
        abort(403, _("Meetings are created by the country holding the Council Presidency on the meeting's date. "
                     "Your country holds no current or coming Presidency term."))
    form = MeetingForm()
    form.timezone.choices = timezone_choices()
    prepare_marking_field(form.marking_id, current_user)
    status = 200
    if form.validate_on_submit() and guard_form(form):
        try:
            meeting = create_meeting(current_user, form.data)
        except MeetingError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
            status = error.status
        else:
            record_confirmation(current_user, meeting, form)
            db.session.commit()
            flash(_("The meeting “%(title)s” is planned. Add the agenda, invite agencies, then convene it.",
                    title=meeting.title), "success")
            return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id))
    return render("meetings/form.html", "meetings/_form.html", status=status, form=form, meeting=None,
                  conflict=False)


@bp.route("/meetings/<int:meeting_id>")
def detail(meeting_id: int):
    """A meeting: when and where, agenda, invitations and answers, minutes, actions, history."""
    meeting = readable_meeting(meeting_id)
    return render("meetings/detail.html", **detail_context(meeting))


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit(meeting_id: int):
    """Change a meeting's details (the convening Presidency, until the meeting is held)."""
    meeting = readable_meeting(meeting_id)
    if not perm.can_edit(current_user, meeting):
        abort(403)
    form = MeetingForm(obj=meeting)
    form.timezone.choices = timezone_choices()
    prepare_marking_field(form.marking_id, current_user, meeting.marking_id)
    if not form.is_submitted():
        form.version.data = str(meeting.version)
        form.starts_at.data = meeting.local_start.replace(tzinfo=None)
        form.ends_at.data = meeting.local_end.replace(tzinfo=None)
    conflict, status = False, 200
    if form.validate_on_submit() and guard_form(form, previous=meeting):
        def apply() -> bool:
            record_confirmation(current_user, meeting, form)
            return update_meeting(current_user, meeting, form.data)

        try:
            saved, changed = commit_unless_stale(form, meeting, apply)
        except MeetingError as error:
            db.session.rollback()
            getattr(form, error.field).errors.append(str(error))
            status = error.status
        else:
            if saved:
                flash(_("The meeting is saved.") if changed else _("Nothing changed."), "success")
                return redirect_after_post(url_for("meetings.detail", meeting_id=meeting.id))
            conflict, status = True, 409
    return render("meetings/form.html", "meetings/_form.html", status=status, form=form, meeting=meeting,
                  conflict=conflict)


@bp.route("/meetings/<int:meeting_id>/convene", methods=["POST"])
def convene(meeting_id: int):
    """Convene: invitations go to every Member State and the chosen agencies."""
    meeting = readable_meeting(meeting_id)
    if not perm.can_manage(current_user, meeting):
        abort(403)
    return workflow_step(MEETING_WORKFLOW, meeting, "convene", lambda: convene_meeting(current_user, meeting),
                         _("The meeting is convened: the Member States and the chosen agencies are invited."),
                         url_for("meetings.detail", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/hold", methods=["POST"])
def hold(meeting_id: int):
    """Record that the meeting took place."""
    meeting = readable_meeting(meeting_id)
    if not perm.can_manage(current_user, meeting):
        abort(403)
    return workflow_step(MEETING_WORKFLOW, meeting, "hold", lambda: mark_held(current_user, meeting),
                         _("The meeting is marked as held. Write or attach the minutes, then publish them."),
                         url_for("meetings.detail", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["POST"])
def cancel(meeting_id: int):
    """Cancel a planned or convened meeting, with a reason."""
    meeting = readable_meeting(meeting_id)
    if not perm.can_manage(current_user, meeting):  # who may; the workflow then says if the state allows it (409)
        abort(403)
    form = CancelForm()
    return workflow_step(
        MEETING_WORKFLOW, meeting, "cancel", lambda: cancel_meeting(current_user, meeting, form.reason.data),
        _("The meeting is cancelled. Calendar feeds show it as cancelled."),
        url_for("meetings.detail", meeting_id=meeting.id), form=form,
        invalid=lambda: render("meetings/detail.html", status=400, **detail_context(meeting, cancel_form=form)))


@bp.route("/meetings/<int:meeting_id>.ics")
def ics(meeting_id: int) -> Response:
    """One meeting as an iCalendar file, to add to Outlook or Thunderbird."""
    meeting = readable_meeting(meeting_id)
    response = Response(ical.calendar_for([meeting], meeting.title), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="meeting-{meeting.id}.ics"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def meeting_section(meeting: Meeting, fragment: str, anchor: str, *, failed: bool = False, **forms: Any) -> Response:
    """A form of the meeting page answers with its section (core.htmx.answer_section): the fragment for htmx,
    the page with the errors when it ``failed``, or a redirect back to ``#anchor``. The meeting page's forms
    answer their errors with 200, as they always have."""
    return answer_section("meetings/detail.html", fragment,
                          url_for("meetings.detail", meeting_id=meeting.id, _anchor=anchor),
                          lambda: detail_context(meeting, **forms), failed=failed)
