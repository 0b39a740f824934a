from collections.abc import Callable
from typing import Any

import pytest

from app.extensions import db
from app.network.models import LegalInstrument
from app.obstacles.models import Obstacle, ObstacleAffected, ObstacleComment
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
