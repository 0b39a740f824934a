"""Factories of funding records: sources by kind, calls, applications and budget lines (amounts in cents)."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.core.timezones import today
from app.extensions import db
from app.funding.models import BudgetLine, FundingApplication, FundingCall, FundingSource
from tests.factories import organisation


def source(kind: str = "isf_union") -> FundingSource:
    """The seeded source of ``kind`` (each default kind has one)."""
    return db.session.scalar(db.select(FundingSource).where(FundingSource.kind == kind).order_by(FundingSource.id))


@pytest.fixture
def make_call(app: Any) -> Callable[..., FundingCall]:
    def factory(title: str = "ISF Union action: police cooperation networks", *, kind: str = "isf_union",
                closes_on: date | None = None, opens_on: date | None = None, reference: str = "ISF-2027-PC-01",
                max_cents: int | None = 50_000_000, rate: str | None = "90", **fields: Any) -> FundingCall:
        closes_on = closes_on or today() + timedelta(days=45)
        call = FundingCall(source=source(kind), title=title, reference=reference, closes_on=closes_on,
                           opens_on=opens_on or closes_on - timedelta(days=90), max_amount_cents=max_cents,
                           cofinancing_rate=Decimal(rate) if rate else None,
                           eligible_activities=fields.pop("eligible_activities", "Meetings and trainings."),
                           **fields)
        db.session.add(call)
        db.session.commit()
        return call

    return factory


@pytest.fixture
def make_application(app: Any) -> Callable[..., FundingApplication]:
    def factory(title: str = "Two network meetings in 2027", *, lead: str = "IT", status: str = "idea",
                requested: int | None = 12_000_000, awarded: int | None = None, call: FundingCall | None = None,
                kind: str | None = "isf_union", partners: tuple[str, ...] = ("FR",), **fields: Any,
                ) -> FundingApplication:
        application = FundingApplication(
            title=title, summary=fields.pop("summary", "Co-finance the network's meetings."), lead=organisation(lead),
            status=status, amount_requested_cents=requested, amount_awarded_cents=awarded, call=call,
            source=None if call or kind is None else source(kind),
            partners=[organisation(code) for code in partners], **fields)
        db.session.add(application)
        db.session.commit()
        return application

    return factory


@pytest.fixture
def make_budget_line(app: Any) -> Callable[..., BudgetLine]:
    def factory(activity: Any, item: str = "Venue and interpretation", *, planned: int = 1_000_000,
                actual: int | None = None, kind: str | None = "isf_union",
                application: FundingApplication | None = None) -> BudgetLine:
        owner = {"meetings": "meeting", "training_activities": "training"}[activity.__tablename__]
        line = BudgetLine(item=item, planned_cents=planned, actual_cents=actual,
                          source=source(kind) if kind else None, application=application,
                          **{f"{owner}_id": activity.id})
        db.session.add(line)
        db.session.commit()
        return line

    return factory


def call_form(**changes: Any) -> dict[str, Any]:
    """A valid form of the register of calls (an ISF Union action call closing in 60 days)."""
    data = {
        "source_id": str(source("isf_union").id),
        "reference": "ISF-2027-AG-POLCOOP",
        "title": "Police cooperation networks 2027",
        "link": "https://funding.example.eu/calls/isf-2027-ag-polcoop",
        "opens_on": (today() - timedelta(days=10)).isoformat(),
        "closes_on": (today() + timedelta(days=60)).isoformat(),
        "max_amount": "1 500 000",
        "cofinancing_rate": "90",
        "eligible_activities": "Network meetings, joint trainings, staff exchanges.",
        "notes": "The Presidency coordinates one application for the network.",
    }
    data.update(changes)
    return data


def application_form(**changes: Any) -> dict[str, Any]:
    """What the new-application form posts for a valid application asking the ISF Union actions (without a lead:
    a member leads for their own country; an administrator adds ``lead_id``)."""
    data = {"title": "Two network meetings in 2027", "summary": "Co-finance the network's meetings.",
            "call_id": "0", "source_id": str(source("isf_union").id), "amount_requested": "120 000",
            "partner_ids": [organisation("FR").id], "submitted_on": ""}
    data.update(changes)
    return data
