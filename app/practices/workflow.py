"""A practice's life: draft -> submitted -> endorsed; any state -> archived (with a reason)."""

from app.core.workflow import Transition, Workflow
from app.practices.permissions import can_archive_practice, can_endorse_practice, can_send_for_review

STATES = {"draft": "Draft", "submitted": "Submitted", "endorsed": "Endorsed", "archived": "Archived"}

PRACTICE_WORKFLOW = Workflow(
    "best_practice",
    STATES,
    [
        Transition("submit", frozenset({"draft"}), "submitted", "Send to the network for review",
                   can_send_for_review),
        Transition("endorse", frozenset({"submitted"}), "endorsed", "Record the network's endorsement",
                   can_endorse_practice),
        Transition("archive", frozenset({"draft", "submitted", "endorsed"}), "archived", "Archive",
                   can_archive_practice, note_required=True, note_label="The reason for archiving"),
    ],
)
