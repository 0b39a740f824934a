"""An application's life: idea -> drafting -> submitted -> awarded | rejected; any open state -> withdrawn."""

from app.core.i18n import _l
from app.core.workflow import Transition, Workflow
from app.funding.models import APPLICATION_STATES
from app.funding.permissions import leads_or_presides

APPLICATION_WORKFLOW = Workflow(
    "funding_applications",
    APPLICATION_STATES,
    [
        Transition("start_drafting", frozenset({"idea"}), "drafting", _l("Start drafting"), leads_or_presides),
        Transition("submit", frozenset({"drafting"}), "submitted", _l("Record as submitted"), leads_or_presides),
        Transition("award", frozenset({"submitted"}), "awarded", _l("Record the award"), leads_or_presides),
        Transition("reject", frozenset({"submitted"}), "rejected", _l("Record the rejection"), leads_or_presides,
                   note_required=True, note_label=_l("What the funder said")),
        Transition("withdraw", frozenset({"idea", "drafting", "submitted"}), "withdrawn", _l("Withdraw"),
                   leads_or_presides, note_required=True, note_label=_l("Why it is withdrawn")),
    ],
    initial="idea",
    closed=frozenset({"awarded", "rejected", "withdrawn"}),
)
