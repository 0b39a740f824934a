"""Factories of assessment records: rounds, answers with their rows, and the Heads of SPOC who submit them."""

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

import pytest

from app.assessments.models import AssessmentAnswer, AssessmentRound, AssessmentRow
from app.core.timezones import today
from app.extensions import db
from app.network.models import HeadOfSpoc, User
from tests.factories import organisation

# A complete cooperation row: what a country says of one partner.
RATING = {"requests_sent": "11-50", "requests_received": "51-200", "urgent_time": "24h", "normal_time": "7d",
          "quality": 4, "channels": ["siena", "sirene"], "difficulties": ["linguistic"], "comment": ""}
NEED = {"level": "basic", "priority": "high", "staff": 6, "format": "online", "language": "en"}


@pytest.fixture
def make_round(app: Any) -> Callable[..., AssessmentRound]:
    def factory(questionnaire: str = "cooperation", *, year: int | None = None, status: str = "open",
                deadline: Any = None) -> AssessmentRound:
        round_ = AssessmentRound(questionnaire=questionnaire, year=year or today().year - 1, status=status,
                                 deadline=deadline or today() + timedelta(days=30))
        db.session.add(round_)
        db.session.commit()
        return round_

    return factory


@pytest.fixture
def make_answer(app: Any) -> Callable[..., AssessmentAnswer]:
    """``make_answer(round, "IT", {"FR": {"quality": 2}, "DE": {}})``: rows by partner code (cooperation) or topic
    (training needs), each the complete :data:`RATING` / :data:`NEED` with the given changes."""

    def factory(round_: AssessmentRound, country: str = "IT", rows: Mapping[str, Mapping[str, Any]] | None = None, *,
                status: str = "draft") -> AssessmentAnswer:
        answer = AssessmentAnswer(round_id=round_.id, organisation_id=organisation(country).id, status=status)
        db.session.add(answer)
        for subject, changes in (rows or {}).items():
            if round_.questionnaire == "cooperation":
                row = AssessmentRow(partner_id=organisation(subject).id, values={**RATING, **changes})
            else:
                row = AssessmentRow(topic=subject, values={**NEED, **changes})
            answer.rows.append(row)
        db.session.commit()
        return answer

    return factory


@pytest.fixture
def make_head(app: Any) -> Callable[[User], User]:
    """Designate ``user`` the Head of SPOC of their country."""

    def factory(user: User) -> User:
        db.session.add(HeadOfSpoc(organisation_id=user.organisation_id, user_id=user.id))
        db.session.commit()
        return user

    return factory
