"""The obstacle's life: reported -> under discussion -> action agreed -> resolved; any open state -> closed."""

from app.core.workflow import Transition, Workflow
from app.obstacles.permissions import can_steer_obstacle

STATES = {
    "reported": "Reported",
    "under_discussion": "Under discussion",
    "action_agreed": "Action agreed",
    "resolved": "Resolved",
    "closed": "Closed",
}

OBSTACLE_WORKFLOW = Workflow(
    "obstacle",
    STATES,
    [
        Transition("discuss", frozenset({"reported"}), "under_discussion", "Put under discussion",
                   can_steer_obstacle),
        Transition("agree_action", frozenset({"under_discussion"}), "action_agreed", "Record the agreed action",
                   can_steer_obstacle),
        Transition("resolve", frozenset({"under_discussion", "action_agreed"}), "resolved", "Mark resolved",
                   can_steer_obstacle, note_required=True, note_label="How it was resolved"),
        Transition("close", frozenset({"reported", "under_discussion", "action_agreed"}), "closed", "Close",
                   can_steer_obstacle, note_required=True, note_label="The reason for closing"),
    ],
)
