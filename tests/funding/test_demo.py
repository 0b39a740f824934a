"""The demo network has funding to look at: calls open and archived, applications in every state, budgets on its
meetings and trainings, and the pages that show them render for a member."""

from app.core.timezones import today
from app.demo import load_demo_data
from app.funding.models import BudgetLine, FundingApplication, FundingCall
from app.network.models import User
from tests.factories import log_in


def test_demo_holds_calls_applications_and_budgets(app, db):
    assert load_demo_data()
    db.session.commit()
    calls = db.session.scalars(db.select(FundingCall)).all()
    assert sum(c.closes_on >= today() for c in calls) == 3
    assert sum(c.closes_on < today() for c in calls) == 2
    states = {a.status for a in db.session.scalars(db.select(FundingApplication))}
    assert states == {"idea", "drafting", "submitted", "awarded", "rejected"}
    awarded = db.session.scalars(db.select(FundingApplication).where(FundingApplication.status == "awarded")).all()
    assert all(a.decided_on and a.amount_awarded_cents <= a.amount_requested_cents for a in awarded)
    lines = db.session.scalars(db.select(BudgetLine)).all()
    assert any(line.meeting_id for line in lines)
    assert any(line.training_id for line in lines)
    assert any(line.actual_cents for line in lines)
    assert any(line.payer is None for line in lines)
    client = log_in(app.test_client(), db.session.scalar(db.select(User).where(User.email == "head.it@example.org")))
    assert client.get("/funding/").status_code == 200
