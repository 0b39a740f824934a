"""Factories for the roster's records."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from app.extensions import db
from app.network.services import today
from app.roster.models import (
    Expert,
    ExpertLanguage,
    Nomination,
    NominationLanguage,
    TrainerProposal,
    TrainingActivity,
)
from app.roster.vocabulary import join_codes
from tests.conftest import organisation


@pytest.fixture
def make_nomination(app: Any, make_user: Callable[..., Any]) -> Callable[..., Nomination]:
    counter = iter(range(1, 10_000))

    def factory(org: str = "IT", *, status: str = "submitted", name: str | None = None, email: str | None = None,
                areas: tuple[str, ...] = ("legal_framework",), languages: tuple[tuple[str, str], ...] = (("en", "C1"),),
                days: int | None = 20) -> Nomination:
        n = next(counter)
        nomination = Nomination(
            organisation=organisation(org), nominated_by_id=make_user("member", org).id,
            name=name or f"Nominee {n} ({org})", email=email or f"nominee{n}.{org.lower()}@example.org",
            position="Head of desk, National Police", expertise_areas=join_codes(list(areas)),
            days_per_year=days, unavailable_periods="August", motivation="Trains the SIRENE staff every year.",
            consent=True, consent_on=date(2026, 1, 15), status=status,
            languages=[NominationLanguage(language=lang, level=level) for lang, level in languages],
        )
        db.session.add(nomination)
        db.session.commit()
        return nomination

    return factory


@pytest.fixture
def make_expert(app: Any) -> Callable[..., Expert]:
    counter = iter(range(1, 10_000))

    def factory(org: str = "IT", *, name: str | None = None, areas: tuple[str, ...] = ("legal_framework",),
                languages: tuple[tuple[str, str], ...] = (("en", "C1"),), status: str = "active",
                review_by: date | None = None, days: int | None = 20, email: str | None = None) -> Expert:
        n = next(counter)
        expert = Expert(
            organisation=organisation(org), name=name or f"Expert {n} ({org})",
            email=email or f"expert{n}.{org.lower()}@example.org", position="Trainer, National Police",
            expertise_areas=join_codes(list(areas)), days_per_year=days, unavailable_periods="July",
            consent_on=date(2026, 1, 10), accepted_on=today() - timedelta(days=30),
            review_by=review_by or today() + timedelta(days=700), status=status,
            languages=[ExpertLanguage(language=lang, level=level) for lang, level in languages],
        )
        db.session.add(expert)
        db.session.commit()
        return expert

    return factory


@pytest.fixture
def make_training(app: Any) -> Callable[..., TrainingActivity]:
    def factory(title: str = "SIENA for SPOC operators", *, status: str = "proposed",
                areas: tuple[str, ...] = ("channels",), languages: tuple[str, ...] = ("en",),
                trainers: tuple[Expert, ...] = ()) -> TrainingActivity:
        training = TrainingActivity(
            title=title, aim="Operators use SIENA well.", target_audience="SPOC operators",
            starts_on=today() + timedelta(days=40), ends_on=today() + timedelta(days=42), online=False,
            place="Budapest", status=status, expertise_areas=join_codes(list(areas)),
            languages=join_codes(list(languages)),
            trainers=[TrainerProposal(expert=e, status="proposed") for e in trainers],
        )
        db.session.add(training)
        db.session.commit()
        return training

    return factory
