"""A meeting's life: planned -> convened -> held -> minutes published; planned or convened -> cancelled.
An action agreed at a meeting: open -> done, and reopened if need be."""

from app.core.i18n import _l
from app.core.workflow import Transition, Workflow
from app.meetings import permissions as perm
from app.meetings.models import ACTION_STATES, MEETING_STATES

MEETING_WORKFLOW = Workflow(
    "meetings",
    MEETING_STATES,
    [
        Transition("convene", frozenset({"planned"}), "convened", _l("Convene (send invitations)"), perm.can_manage),
        Transition("hold", frozenset({"convened"}), "held", _l("Mark as held"), perm.can_manage),
        Transition("publish_minutes", frozenset({"held"}), "minutes_published", _l("Publish the minutes"),
                   perm.can_manage),
        Transition("cancel", frozenset({"planned", "convened"}), "cancelled", _l("Cancel the meeting"),
                   perm.can_manage, note_required=True, note_label=_l("The reason for cancelling")),
    ],
    initial="planned",
    closed=frozenset({"held", "minutes_published", "cancelled"}),  # no longer ahead: over or called off
)

MEETING_ACTION_WORKFLOW = Workflow(
    "meeting_actions",
    ACTION_STATES,
    [
        Transition("done", frozenset({"open"}), "done", _l("Mark done"), perm.can_update_action,
                   wrong_state_message=_l("This action is already done.")),
        Transition("reopen", frozenset({"done"}), "open", _l("Reopen"), perm.can_update_action,
                   wrong_state_message=_l("This action is already open.")),
    ],
    initial="open",
    closed=frozenset({"done"}),
)
