"""Record factories shared by every test package (fixtures return callables that commit)."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from app.extensions import db
from app.network.models import LegalInstrument
from app.obstacles.models import Obstacle, ObstacleAffected, ObstacleComment
from app.practices.models import BestPractice, PracticeAdoption, PracticeComment, Tag
from tests.conftest import organisation


def instrument(code: str = "PRUM") -> LegalInstrument:
    return db.session.scalar(db.select(LegalInstrument).where(LegalInstrument.code == code))


@pytest.fixture
def make_obstacle(app: Any) -> Callable[..., Obstacle]:
    """``make_obstacle(org="IT", status="reported", affected=["FR"], comments=2, ...)``, committed."""

    def factory(
        org: str = "IT", *, status: str = "reported", title: str = "Vehicle register not reachable at night",
        description: str = "Requests wait until morning.", kind: str = "technical", impact: str = "medium",
        instrument_code: str = "PRUM", counterparts: tuple[str, ...] = (), affected: tuple[str, ...] = (),
        comments: int = 0,
    ) -> Obstacle:
        obstacle = Obstacle(
            title=title, description=description, kind=kind, impact=impact, instrument=instrument(instrument_code),
            reporting_org=organisation(org), status=status,
            counterparts=[organisation(c) for c in counterparts],
        )
        db.session.add(obstacle)
        for code in affected:
            obstacle.affected.append(ObstacleAffected(organisation=organisation(code), note=f"Seen in {code}"))
        obstacle.affected_count = len(affected)
        for n in range(comments):
            obstacle.comments.append(ObstacleComment(body=f"Comment number {n}"))
        db.session.commit()
        return obstacle

    return factory


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
