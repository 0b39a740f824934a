from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from app.extensions import db
from app.practices.models import BestPractice, PracticeAdoption, PracticeComment, Tag
from tests.conftest import organisation
from tests.obstacles.conftest import instrument


@pytest.fixture
def make_practice(app: Any) -> Callable[..., BestPractice]:
    """``make_practice("IT", status="endorsed", adopted_by=("FR",), tags=("siena",))``, committed."""

    def factory(
        org: str = "IT", *, status: str = "submitted", title: str = "Night desk for urgent Prüm follow-ups",
        summary: str = "One officer answers urgent follow-up requests at night.", body: str = "## Context\n\nText.",
        topic: str = "operations_24_7", tags: tuple[str, ...] = (), adopted_by: tuple[str, ...] = (),
        instruments: tuple[str, ...] = ("PRUM",), comments: int = 0,
    ) -> BestPractice:
        practice = BestPractice(
            title=title, summary=summary, body=body, topic=topic, country=organisation(org), status=status,
            submitted_at=None if status == "draft" else datetime.now(UTC),
            endorsed_on=date(2026, 11, 1) if status == "endorsed" else None,
            endorsed_at_occasion="Heads of SPOC meeting" if status == "endorsed" else None,
            instruments=[instrument(code) for code in instruments],
        )
        for name in tags:
            practice.tags.append(db.session.scalar(db.select(Tag).where(Tag.name == name)) or Tag(name=name))
        for code in adopted_by:
            practice.adoptions.append(PracticeAdoption(organisation=organisation(code), note=f"Adopted in {code}"))
        practice.adoption_count = len(adopted_by)
        for n in range(comments):
            practice.comments.append(PracticeComment(body=f"Comment {n}"))
        db.session.add(practice)
        db.session.commit()
        return practice

    return factory


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
