from typing import Any

from tests.conftest import organisation
from tests.factories import instrument

__all__ = ["form_data", "instrument"]


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Prüm hits answered too slowly",
        "description": "Follow-up requests after a **Prüm** hit take weeks.",
        "kind": "operational",
        "instrument_id": instrument("PRUM").id,
        "counterpart_ids": [organisation("DE").id, organisation("AT").id],
        "impact": "high",
    }
    data.update(changes)
    return data
