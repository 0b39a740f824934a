"""A practice's life: draft -> submitted -> endorsed; any state -> archived (with a reason)."""

from app.core.i18n import _l
from app.core.workflow import Transition, Workflow
from app.practices.permissions import can_archive_practice, can_endorse_practice, can_send_for_review

STATES = {"draft": _l("Draft"), "submitted": _l("Submitted"), "endorsed": _l("Endorsed"), "archived": _l("Archived")}

PRACTICE_WORKFLOW = Workflow(
    "best_practices",
    STATES,
    [
        Transition("submit", frozenset({"draft"}), "submitted", _l("Send to the network for review"),
                   can_send_for_review),
        Transition("endorse", frozenset({"submitted"}), "endorsed", _l("Record the network's endorsement"),
                   can_endorse_practice),
        Transition("archive", frozenset({"draft", "submitted", "endorsed"}), "archived", _l("Archive"),
                   can_archive_practice, note_required=True, note_label=_l("The reason for archiving")),
    ],
    initial="draft",
    closed=frozenset({"archived"}),
)
