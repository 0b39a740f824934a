"""The messages about meetings (with the meeting's .ics attached), their links, and the periodic ones:
the reminder a week before a meeting, and the actions agreed at meetings falling due."""

from datetime import datetime, timedelta
from typing import Any

from flask import current_app, url_for

from app.core.i18n import _l
from app.extensions import db
from app.meetings.ical import calendar_for
from app.meetings.models import Meeting, MeetingAction
from app.notifications.registry import Kind, notification_kind, periodic, record_link
from app.notifications.services import members_of, notify_once
from app.obstacles.notifications import due_window


def _ics(meeting: Any) -> tuple[bytes, str]:
    return calendar_for([meeting], meeting.title), f"meeting-{meeting.id}.ics"


notification_kind("meeting_convened", Kind(_l("A meeting is convened"), "immediate", attachment=_ics))
notification_kind("meeting_changed", Kind(_l("A meeting you are invited to is changed"), "immediate", attachment=_ics))
notification_kind("meeting_cancelled",
                  Kind(_l("A meeting you are invited to is cancelled"), "immediate", attachment=_ics))
notification_kind("meeting_reminder",
                  Kind(_l("Reminder a week before a meeting your country has not answered"), "digest"))
record_link("meetings", lambda r: url_for("meetings.detail", meeting_id=r.id, _external=True))
record_link("meeting_actions", lambda r: url_for("meetings.detail", meeting_id=r.meeting_id, _external=True))


@periodic
def queue_meeting_reminders(now: datetime) -> int:
    """A week before a convened meeting, remind the invited organisations that have not answered."""
    horizon = now + timedelta(days=current_app.config["MEETING_REMINDER_DAYS"])
    meetings = db.session.scalars(db.select(Meeting).where(
        Meeting.status == "convened", Meeting.starts_at > now, Meeting.starts_at <= horizon).order_by(Meeting.id))
    queued = 0
    for meeting in meetings:
        silent = [i.organisation_id for i in meeting.invitations if i.answer is None]
        queued += notify_once("meeting_reminder", members_of(silent), meeting, f"meeting_reminder:{meeting.id}")
    return queued


@periodic
def queue_meeting_actions_due(now: datetime) -> int:
    """Actions agreed at meetings, still open and due within the notice period: to their owner."""
    first, last = due_window(now)
    actions = db.session.scalars(db.select(MeetingAction).where(
        MeetingAction.status == "open", MeetingAction.due_on.between(first, last)).order_by(MeetingAction.id))
    return sum(notify_once("action_due", members_of([a.owner_id]), a,
                           f"action_due:meeting_action:{a.id}:{a.due_on.isoformat()}") for a in actions)
