from typing import Any

from tests.factories import instrument


def practice_form(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Shared templates for SIENA requests",
        "summary": "Request templates cut the back-and-forth between SPOCs by half.",
        "body": "## Context\n\nToo many incomplete requests.\n\n## What was done\n\nTemplates.",
        "topic": "case_handling",
        "instrument_ids": [instrument("EUROPOL-SIENA").id],
        "tags": "SIENA, templates,  siena ",
        "obstacle_numbers": "",
        "save_draft": "Save as draft",
    }
    data.update(changes)
    return data
