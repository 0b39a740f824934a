"""The known funding data set the overview, its exports and the Council report's funding section are checked against.

Two Presidency terms of 2025 (PL: January-June, DK: July-December), three sources paying lines directly (ISF Union
actions, CEPOL, National budget), a line paid through an awarded application (its call's source, the ISF national
programme), an unfunded line, a cancelled meeting (its planned amount left out, its actual amount counted) and a
meeting under a restricted marking (counted only for those who read it). Amounts of 0.10, 0.20 and 0.70 euro:
added as floats they would not make 0.30 and 1.00.
"""

from datetime import date, datetime, timedelta

from app.core.timezones import today
from app.extensions import db
from app.network.models import PresidencyTerm

PL = date(2025, 1, 1)  # the Polish Presidency's first day
DK = date(2025, 7, 1)  # the Danish Presidency's

# What the overview shows for each term (cents), payers in the sources' order, "not yet funded" last.
SPEND = {
    PL: [("ISF Union actions", 30, 5030), ("CEPOL", 70, 70), ("National budget", 10, 10),
         ("Not yet funded", 1_234_500, 0)],
    DK: [("ISF national programme", 100_000, 0), ("National budget", 30, 35)],
}
TOTALS = {PL: (1_234_610, 5110), DK: (100_030, 35)}
RESTRICTED_CENTS = 9_900  # ISF Union actions, PL term, a core-group meeting: only the core group counts it

# Applications by state: (count, requested, awarded) in cents.
STATES = {"idea": (0, 0, 0), "drafting": (1, 200_000, 0), "submitted": (1, 500_000, 0),
          "awarded": (2, 15_100_000, 12_425_678), "rejected": (0, 0, 0), "withdrawn": (0, 0, 0)}


def term(starts_on: date) -> PresidencyTerm:
    return db.session.scalar(db.select(PresidencyTerm).where(PresidencyTerm.starts_on == starts_on))


def build(make_meeting, make_training, make_call, make_application, make_budget_line) -> dict:
    """The records; returns the ones tests refer to."""
    spring = make_meeting(title="Spring meeting", start=datetime(2025, 3, 10, 10), status="held")
    make_budget_line(spring, "Coffee", planned=10, actual=10, kind="isf_union")
    make_budget_line(spring, "Water", planned=20, actual=20, kind="isf_union")
    make_budget_line(spring, "Badges", planned=70, actual=70, kind="cepol")
    make_budget_line(spring, "Interpretation", planned=1_234_500, kind=None)
    cancelled = make_meeting(title="Cancelled workshop", start=datetime(2025, 5, 20, 10), status="cancelled")
    make_budget_line(cancelled, "Venue deposit", planned=50_000, actual=5_000, kind="isf_union")
    restricted = make_meeting(title="Core group retreat", start=datetime(2025, 4, 2, 10), status="held",
                              marked="core_group")
    make_budget_line(restricted, "Room", planned=RESTRICTED_CENTS, kind="isf_union")
    course = make_training("SIENA course", status="delivered")
    course.starts_on, course.ends_on = date(2025, 4, 1), date(2025, 4, 3)
    make_budget_line(course, "Handouts", planned=10, actual=10, kind="national")

    national_call = make_call("ISF national call for SPOC networks", kind="isf_national", reference="ISF-NAT-01",
                              closes_on=today() + timedelta(days=10), max_cents=20_000_000)
    make_call("CEPOL exchange programme", kind="cepol", reference="CEPOL-7", closes_on=today() + timedelta(days=3),
              max_cents=None)
    make_call("Closed call", kind="cepol", reference="OLD-1", closes_on=today() - timedelta(days=1))
    award = make_application("Autumn meeting co-financing", call=national_call, status="awarded",
                             requested=15_000_000, awarded=12_345_678, decided_on=date(2025, 11, 20), lead="DK")
    make_application("Course materials", kind="national", status="awarded", requested=100_000, awarded=80_000,
                     decided_on=date(2025, 4, 15), lead="PL")
    make_application("Translation of the manual", status="drafting", requested=200_000)
    make_application("Exchange of SPOC staff", status="submitted", requested=500_000)
    autumn = make_meeting(title="Autumn meeting", start=datetime(2025, 10, 15, 10), status="held")
    make_budget_line(autumn, "Venue and catering", planned=100_000, kind=None, application=award)
    workshop = make_training("Workshop on Prüm", status="delivered")
    workshop.starts_on, workshop.ends_on = date(2025, 9, 1), date(2025, 9, 2)
    make_budget_line(workshop, "Trainer travel", planned=30, actual=35, kind="national")
    db.session.commit()
    return {"award": award}
