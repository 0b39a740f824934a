"""Actions agreed at a meeting: recorded after it, marked done or reopened, and arising at the next meetings."""

from typing import Any

from app.core import audit
from app.core.markings import visible_markings_filter
from app.extensions import db
from app.meetings.models import Meeting, MeetingAction
from app.meetings.workflow import MEETING_ACTION_WORKFLOW
from app.network.models import User


def add_action(user: User, meeting: Meeting, data: dict[str, Any]) -> MeetingAction:
    action = MeetingAction(description=data["description"], owner_id=data["owner_id"], due_on=data.get("due_on"),
                           status=MEETING_ACTION_WORKFLOW.initial)
    meeting.actions.append(action)
    db.session.flush()
    audit.record(user, action, "create", to_state=action.status)
    return action


def set_action_status(user: User, action: MeetingAction, status: str) -> None:
    """Mark the action done (``status`` "done") or open it again; refused if it already is."""
    MEETING_ACTION_WORKFLOW.apply(user, action, "done" if status == "done" else "reopen")


def matters_arising(meeting: Meeting, reader: User) -> list[MeetingAction]:
    """Open actions agreed at earlier meetings that ``reader`` may read: the next meeting's "matters arising"."""
    return list(db.session.scalars(
        db.select(MeetingAction).join(MeetingAction.meeting)
        .where(MeetingAction.status.in_(MEETING_ACTION_WORKFLOW.open_states), Meeting.starts_at < meeting.starts_at,
               Meeting.id != meeting.id, visible_markings_filter(reader, Meeting.marking_id))
        .options(db.contains_eager(MeetingAction.meeting))
        .order_by(MeetingAction.due_on.is_(None), MeetingAction.due_on, MeetingAction.id)
    ))
