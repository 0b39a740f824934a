"""The obstacle's life: reported -> under discussion -> action agreed -> resolved; any open state -> closed."""

from app.core.i18n import _l, _lp
from app.core.workflow import Transition, Workflow
from app.obstacles.permissions import can_steer_obstacle

STATES = {
    "reported": _lp("obstacle status", "Reported"),
    "under_discussion": _l("Under discussion"),
    "action_agreed": _l("Action agreed"),
    "resolved": _l("Resolved"),
    "closed": _l("Closed"),
}

OBSTACLE_WORKFLOW = Workflow(
    "obstacles",
    STATES,
    [
        Transition("discuss", frozenset({"reported"}), "under_discussion", _l("Put under discussion"),
                   can_steer_obstacle),
        Transition("agree_action", frozenset({"under_discussion"}), "action_agreed", _l("Record the agreed action"),
                   can_steer_obstacle),
        Transition("resolve", frozenset({"under_discussion", "action_agreed"}), "resolved", _l("Mark resolved"),
                   can_steer_obstacle, note_required=True, note_label=_l("How it was resolved")),
        Transition("close", frozenset({"reported", "under_discussion", "action_agreed"}), "closed", _l("Close"),
                   can_steer_obstacle, note_required=True, note_label=_l("The reason for closing")),
    ],
    initial="reported",
    closed=frozenset({"resolved", "closed"}),
)
