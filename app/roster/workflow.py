"""The roster's workflows, declared as data for app.core.workflow: nominations, roster entries (experts),
training activities and their trainer proposals."""

from datetime import UTC, datetime
from typing import Any

from app.core.i18n import _l
from app.core.permissions import is_admin
from app.core.workflow import Transition, Workflow
from app.roster.models import EXPERT_STATES, NOMINATION_STATES, PROPOSAL_STATES, TRAINING_STATES
from app.roster.permissions import can_review, can_withdraw, manages_roster


# Guards say who may act; the workflow checks the state itself, after them (403 before 409).
def _manager(user: Any, obj: Any) -> bool:
    return manages_roster(user)


def _administrator(user: Any, obj: Any) -> bool:
    return is_admin(user)


NOMINATION_WORKFLOW = Workflow(
    "nominations",
    NOMINATION_STATES,
    [
        Transition("start_review", frozenset({"submitted"}), "under_review", _l("Start the review"), can_review),
        Transition("accept", frozenset({"under_review"}), "accepted", _l("Accept"), can_review),
        Transition("decline", frozenset({"under_review"}), "declined", _l("Decline"), can_review),
        Transition("withdraw", frozenset({"submitted"}), "withdrawn", _l("Withdraw the nomination"), can_withdraw),
    ],
    initial="submitted",
    closed=frozenset({"accepted", "declined", "withdrawn"}),
)

TRAINING_WORKFLOW = Workflow(
    "training_activities",
    TRAINING_STATES,
    [
        Transition("plan", frozenset({"proposed"}), "planned", _l("Mark as planned"), _manager),
        Transition("deliver", frozenset({"planned"}), "delivered", _l("Mark as delivered"), _manager),
        Transition("cancel", frozenset({"proposed", "planned"}), "cancelled", _l("Cancel"), _manager,
                   note_required=True, note_label=_l("The reason for cancelling")),
    ],
    initial="proposed",
    closed=frozenset({"delivered", "cancelled"}),
)

PROPOSAL_WORKFLOW = Workflow(
    "training_trainers",
    PROPOSAL_STATES,
    [
        Transition("confirm", frozenset({"proposed"}), "confirmed", _l("Confirm"), _manager),
        Transition("decline", frozenset({"proposed", "confirmed"}), "declined", _l("Decline"), _manager),
    ],
    initial="proposed",
    closed=frozenset({"confirmed", "declined"}),  # decided
)


def _expert_state(expert: Any) -> str:
    """The column holds active or retired; an erased entry stays retired, its erasure date says it is erased."""
    return "erased" if expert.erased_at is not None else expert.status


def _set_expert_state(expert: Any, state: str) -> None:
    if state == "erased":
        expert.status, expert.erased_at = "retired", datetime.now(UTC)
    else:
        expert.status = state


EXPERT_WORKFLOW = Workflow(
    "experts",
    EXPERT_STATES,
    [
        Transition("retire", frozenset({"active"}), "retired", _l("Retire"), _manager),
        Transition("reconfirm", frozenset({"active", "retired"}), "active", _l("Re-confirm for two years"),
                   _manager),
        # The same person accepted again through a new nomination (see app.roster.services.put_on_roster).
        Transition("renew_from_nomination", frozenset({"active", "retired"}), "active",
                   _l("Accept: put on the roster"), _manager),
        Transition("erase", frozenset({"active", "retired"}), "erased", _l("Erase the personal data"),
                   _administrator),
    ],
    initial="active",
    closed=frozenset({"retired", "erased"}),
    read_state=_expert_state,
    write_state=_set_expert_state,
)
