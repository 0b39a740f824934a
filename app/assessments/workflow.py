"""A round's life (open -> closed) and an answer's (draft -> submitted, and back to draft by an administrator)."""

from app.assessments.models import ANSWER_STATES, ROUND_STATES
from app.assessments.permissions import can_close_round, can_reopen_answer, can_submit_answer
from app.core.i18n import _l
from app.core.workflow import Transition, Workflow

ROUND_WORKFLOW = Workflow(
    "assessment_rounds",
    ROUND_STATES,
    [Transition("close", frozenset({"open"}), "closed", _l("Close the round and publish the results"),
                can_close_round)],
    initial="open",
    closed=frozenset({"closed"}),
)

ANSWER_WORKFLOW = Workflow(
    "assessment_answers",
    ANSWER_STATES,
    [
        Transition("submit_answer", frozenset({"draft"}), "submitted", _l("Submit the answer"), can_submit_answer,
                   wrong_state_message=_l("This answer is already submitted.")),
        Transition("reopen_answer", frozenset({"submitted"}), "draft", _l("Reopen for corrections"),
                   can_reopen_answer, note_required=True, note_label=_l("What to correct")),
    ],
    initial="draft",
    closed=frozenset({"submitted"}),
)
