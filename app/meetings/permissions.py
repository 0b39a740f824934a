"""Who may do what with meetings. Used by the views (403) and, as Jinja globals, by the templates."""

from datetime import UTC, datetime
from typing import Any

from app.core.markings import can_read_marked, may_read_restricted
from app.core.permissions import is_admin, is_member_state_user
from app.core.timezones import today
from app.core.workflow import workflow_for
from app.extensions import db
from app.meetings.models import Meeting, MeetingAction, MeetingInvitation
from app.network.models import PresidencyTerm
from app.network.services import holds_presidency

AFTER_THE_MEETING = frozenset({"held", "minutes_published"})



def is_editable(meeting: Any) -> bool:
    """Planned or convened: MEETING_WORKFLOW's open states (its module imports this one, so looked up)."""
    return meeting.status in workflow_for(meeting).open_states

def manages_term(user: Any, term: PresidencyTerm | None) -> bool:
    """Members of the country holding ``term``, and administrators."""
    if is_admin(user):
        return True
    return bool(term is not None and is_member_state_user(user) and term.organisation_id == user.organisation_id)


def can_create_meetings(user: Any) -> bool:
    """Administrators, and members of a country holding the Presidency now or in a term to come."""
    if is_admin(user):
        return True
    if not is_member_state_user(user):
        return False
    return db.session.scalar(
        db.select(PresidencyTerm.id)
        .where(PresidencyTerm.organisation_id == user.organisation_id, PresidencyTerm.ends_on >= today())
        .limit(1)
    ) is not None


def can_manage(user: Any, meeting: Meeting) -> bool:
    """The convening Presidency (its country's members) and administrators."""
    return manages_term(user, meeting.presidency_term)


def can_read(user: Any, meeting: Meeting) -> bool:
    """A planned meeting is the Presidency's draft; from convening on, every logged-in user reads it."""
    if not getattr(user, "is_authenticated", False) or not can_read_marked(user, meeting):
        return False
    return meeting.status != "planned" or can_manage(user, meeting)


def can_edit(user: Any, meeting: Meeting) -> bool:
    """Details, agenda and agency invitations change until the meeting is held or cancelled."""
    return is_editable(meeting) and can_manage(user, meeting)


def can_record_outcome(user: Any, meeting: Meeting) -> bool:
    """Minutes and actions agreed, after the meeting."""
    return meeting.status in AFTER_THE_MEETING and can_manage(user, meeting)


def can_attach(user: Any, meeting: Meeting) -> bool:
    return meeting.status != "cancelled" and can_manage(user, meeting)


def can_see_minutes(user: Any, meeting: Meeting) -> bool:
    """Published minutes (or the Presidency's draft), unless their own marking restricts them."""
    if meeting.minutes_marking.restricted and not may_read_restricted(user):
        return False
    return meeting.status == "minutes_published" or can_record_outcome(user, meeting)


def has_started(meeting: Meeting, now: datetime | None = None) -> bool:
    return (now or datetime.now(UTC)) >= meeting.starts_at


def can_answer(user: Any, invitation: MeetingInvitation) -> bool:
    """An invited organisation's own members answer for it, until the meeting starts."""
    meeting = invitation.meeting
    return (
        getattr(user, "is_authenticated", False)
        and user.organisation_id == invitation.organisation_id
        and meeting.status == "convened"
        and not has_started(meeting)
    )


def can_update_action(user: Any, action: MeetingAction) -> bool:
    """The owner's members, the convening or current Presidency, and administrators mark actions done."""
    return (
        can_manage(user, action.meeting)
        or (getattr(user, "is_authenticated", False) and user.organisation_id == action.owner_id)
        or holds_presidency(user)
    )


# The rules templates call to show or hide buttons (registered by app/meetings/__init__.py).
TEMPLATE_GLOBALS = (can_create_meetings, can_manage, can_edit, can_read, can_record_outcome, can_attach,
                    can_see_minutes, can_answer, can_update_action)
