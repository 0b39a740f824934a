"""The rules of meetings themselves: Presidency, workflow, minutes, and reading them (lists, feeds, the month)."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select

from app.core import audit
from app.core.i18n import _, _l, format_date
from app.core.markings import visible_markings_filter
from app.core.permissions import is_admin
from app.core.timezones import NonexistentLocalTime, local_to_utc
from app.core.workflow import WrongState
from app.extensions import db
from app.meetings import permissions as perm
from app.meetings.models import Meeting, MeetingInvitation
from app.meetings.workflow import MEETING_WORKFLOW
from app.network.models import Organisation, PresidencyTerm, User
from app.network.services import presidency_on
from app.notifications.services import members_of, notify


class MeetingError(ValueError):
    """Input that breaks a rule; ``field`` names the form field the message belongs next to."""

    def __init__(self, message: str, field: str | None = None, status: int = 200) -> None:
        super().__init__(message)
        self.field = field
        self.status = status


class NotStarted(WrongState):
    """The meeting cannot be marked held before it has started."""


# How the history names what happens to a meeting, its answers and its actions (see app.core.audit).
audit.describe(
    actions={
        "convene": _l("convened"), "hold": _l("marked as held"), "publish_minutes": _l("minutes published"),
        "cancel": _l("cancelled"), "edit_minutes": _l("minutes edited"), "agenda_add": _l("agenda item added"),
        "agenda_edit": _l("agenda item edited"), "agenda_remove": _l("agenda item removed"),
        "agenda_reorder": _l("agenda reordered"), "invite": _l("agency invited"),
        "uninvite": _l("invitation withdrawn"), "answer": _l("answered"), "done": _l("marked done"),
        "reopen": _l("reopened"),
    },
    fields={
        "timezone": _l("time zone"), "place": _l("place"), "online_url": _l("online meeting link"),
        "starts_at": _l("start"), "ends_at": _l("end"), "presidency_term_id": _l("Presidency"),
        "minutes": _l("minutes"), "cancel_reason": _l("reason for cancelling"), "agenda": _l("agenda"),
        "invited": _l("invitations"), "answer": _l("answer"), "delegates": _l("delegates"),
        "delegate_names": _l("names of the delegates"), "owner_id": _l("owner"), "due_on": _l("due date"),
        "marking_id": _l("handling marking"), "minutes_marking_id": _l("marking of the minutes"),
    },
)


def touch(meeting: Meeting) -> None:
    """Mark a change that calendar clients must pick up: SEQUENCE rises, LAST-MODIFIED moves."""
    meeting.sequence = (meeting.sequence or 0) + 1
    meeting.updated_at = datetime.now(UTC)


# Meetings ----------------------------------------------------------------------------------------------

def convening_term(starts_at: datetime, timezone: str) -> PresidencyTerm | None:
    """The Presidency whose term includes the meeting's first day, in the meeting's own time zone."""
    return presidency_on(starts_at.astimezone(ZoneInfo(timezone)).date())


def _times(data: dict[str, Any]) -> tuple[datetime, datetime]:
    try:
        starts_at = local_to_utc(data["starts_at"], data["timezone"])
    except NonexistentLocalTime as error:
        raise MeetingError(str(error), "starts_at") from None
    try:
        ends_at = local_to_utc(data["ends_at"], data["timezone"])
    except NonexistentLocalTime as error:
        raise MeetingError(str(error), "ends_at") from None
    if ends_at <= starts_at:
        raise MeetingError(_("The end must be after the start."), "ends_at")
    return starts_at, ends_at


def _term_for(user: User, starts_at: datetime, timezone: str) -> PresidencyTerm:
    day = starts_at.astimezone(ZoneInfo(timezone)).date()
    term = convening_term(starts_at, timezone)
    if term is None:
        raise MeetingError(_("No Presidency term is recorded for %(day)s; an administrator can add it.",
                             day=format_date(day)), "starts_at")
    if not perm.manages_term(user, term):
        raise MeetingError(
            _("On %(day)s the Presidency is held by %(country)s: only its members convene meetings starting "
              "that day.", day=format_date(day), country=term.organisation.name), "starts_at", status=403,
        )
    return term


_FIELDS = ("title", "description", "timezone", "place", "online_url")


def create_meeting(user: User, data: dict[str, Any]) -> Meeting:
    """A new planned meeting, attached to the Presidency of its first day."""
    starts_at, ends_at = _times(data)
    term = _term_for(user, starts_at, data["timezone"])
    meeting = Meeting(starts_at=starts_at, ends_at=ends_at, presidency_term=term, created_by=user,
                      status=MEETING_WORKFLOW.initial, marking_id=data.get("marking_id"),
                      minutes_marking_id=data.get("marking_id"), **{f: data[f] or "" for f in _FIELDS})
    db.session.add(meeting)
    db.session.flush()
    audit.record(user, meeting, "create", to_state=meeting.status)
    return meeting


def update_meeting(user: User, meeting: Meeting, data: dict[str, Any]) -> bool:
    """Apply the form; the Presidency follows the start date. Returns whether anything changed."""
    starts_at, ends_at = _times(data)
    term = _term_for(user, starts_at, data["timezone"])
    meeting.starts_at, meeting.ends_at, meeting.presidency_term = starts_at, ends_at, term
    for f in _FIELDS:
        setattr(meeting, f, data[f] or "")
    if data.get("marking_id"):
        meeting.marking_id = data["marking_id"]
    changed = audit.record_edit(user, meeting)
    if changed:
        touch(meeting)
        if meeting.status == "convened":
            notify("meeting_changed", members_of(i.organisation for i in meeting.invitations), meeting)
    return changed


def convene_meeting(user: User, meeting: Meeting) -> None:
    """Convene: the invitations go out to every Member State (agencies were chosen beforehand)."""
    MEETING_WORKFLOW.apply(user, meeting, "convene")
    invited = {i.organisation_id for i in meeting.invitations}
    for state in db.session.scalars(db.select(Organisation).where(Organisation.kind == "member_state")):
        if state.id not in invited:
            meeting.invitations.append(MeetingInvitation(organisation=state))
    touch(meeting)
    notify("meeting_convened", members_of(i.organisation for i in meeting.invitations), meeting)


def mark_held(user: User, meeting: Meeting) -> None:
    if meeting.status == "convened" and not perm.has_started(meeting):
        raise NotStarted(_("The meeting has not started yet; mark it as held once it has taken place."))
    MEETING_WORKFLOW.apply(user, meeting, "hold")
    touch(meeting)


def publish_minutes(user: User, meeting: Meeting, has_documents: bool) -> None:
    if meeting.status == "held" and not meeting.minutes.strip() and not has_documents:
        raise WrongState(_("Write the minutes or attach them before publishing."))
    MEETING_WORKFLOW.apply(user, meeting, "publish_minutes")
    meeting.minutes_published_at = datetime.now(UTC)
    touch(meeting)


def cancel_meeting(user: User, meeting: Meeting, reason: str | None) -> None:
    MEETING_WORKFLOW.apply(user, meeting, "cancel", note=reason)
    meeting.cancel_reason = (reason or "").strip()
    touch(meeting)
    notify("meeting_cancelled", members_of(i.organisation for i in meeting.invitations), meeting)


def save_minutes(user: User, meeting: Meeting, text: str, marking_id: int | None = None) -> bool:
    meeting.minutes = text or ""
    if marking_id:
        meeting.minutes_marking_id = marking_id
    return audit.record_edit(user, meeting, "edit_minutes")


# Reading -----------------------------------------------------------------------------------------------

def visible_to(user: Any, query: Select[Any]) -> Select[Any]:
    """Restrict a query on Meeting to what ``user`` may read (see :func:`perm.can_read`), markings included."""
    if is_admin(user):
        return query
    query = query.where(visible_markings_filter(user, Meeting.marking_id))
    own_terms = db.select(PresidencyTerm.id).where(PresidencyTerm.organisation_id == user.organisation_id)
    if not user.organisation.is_member_state:
        return query.where(Meeting.status != "planned")
    return query.where(db.or_(Meeting.status != "planned", Meeting.presidency_term_id.in_(own_terms)))


def meeting_list(user: Any, *, past: bool) -> Select[Any]:
    # To the minute: the list's remembered total is keyed on its bound values, and a clock read to the
    # microsecond made every request count the meetings again. A meeting that ended in the last minute is still
    # upcoming, and in exactly one of the two lists.
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    query = visible_to(user, db.select(Meeting))
    if past:
        return query.where(Meeting.ends_at < now).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    return query.where(Meeting.ends_at >= now).order_by(Meeting.starts_at, Meeting.id)


def meetings_between(user: Any, start: datetime, end: datetime) -> list[Meeting]:
    """Meetings overlapping [start, end), in one query."""
    query = visible_to(user, db.select(Meeting)).where(Meeting.starts_at < end, Meeting.ends_at > start)
    return list(db.session.scalars(query.order_by(Meeting.starts_at, Meeting.id)))


FEED_WINDOW = timedelta(days=366)


def _in_feed_window(query: Select[Any]) -> Select[Any]:
    """Calendar feeds carry the last year and everything ahead: what a calendar program shows, and a feed
    whose size does not grow with the network's age (older meetings stay on the site's meeting list)."""
    return query.where(Meeting.starts_at >= datetime.now(UTC) - FEED_WINDOW)


def meetings_for_feed(user: Any, *, everything: bool = False) -> list[Meeting]:
    """The meetings the user may read (of the last year and the future unless ``everything``), agenda loaded."""
    query = visible_to(user, db.select(Meeting))
    if not everything:
        query = _in_feed_window(query)
    query = query.options(
        db.selectinload(Meeting.agenda_items)
    ).order_by(Meeting.starts_at, Meeting.id)
    return list(db.session.scalars(query))


def feed_state(user: Any, *, everything: bool = False) -> tuple[int, datetime | None, int]:
    """(number of meetings, newest change, sum of sequences): what changes whenever the feed would."""
    query = visible_to(user, db.select(
        db.func.count(Meeting.id), db.func.max(Meeting.updated_at), db.func.coalesce(db.func.sum(Meeting.sequence), 0)))
    if not everything:
        query = _in_feed_window(query)
    count, newest, sequences = db.session.execute(query).one()
    if isinstance(newest, str):  # defensive: a driver that hands back max() as text
        newest = datetime.fromisoformat(newest)
    if newest is not None and newest.tzinfo is None:
        newest = newest.replace(tzinfo=UTC)
    return count, newest, int(sequences)


def load_meeting(meeting_id: int) -> Meeting | None:
    """One meeting with everything its page shows, in a fixed number of queries."""
    return db.session.scalar(
        db.select(Meeting).where(Meeting.id == meeting_id).options(
            db.selectinload(Meeting.agenda_items),
            db.selectinload(Meeting.invitations).selectinload(MeetingInvitation.answer),
            db.selectinload(Meeting.actions),
        )
    )


def month_grid(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) that show ``month``."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    weeks = []
    day = start
    while True:
        weeks.append([day + timedelta(days=n) for n in range(7)])
        day += timedelta(days=7)
        if day.month != month:
            break
    return weeks
