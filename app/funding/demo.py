"""Invented demo funding: calls open and archived, applications in every state, budget lines on the demo meetings
and trainings (planned and actual, paid by several sources, one line not yet funded)."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from app.core import audit
from app.core.timezones import today
from app.extensions import db
from app.funding.models import BudgetLine, FundingApplication, FundingCall, FundingSource
from app.meetings.models import Meeting
from app.roster.models import TrainingActivity


def _sources() -> dict[str, FundingSource]:
    return {s.kind: s for s in db.session.scalars(db.select(FundingSource).order_by(FundingSource.position))}


def _calls(admin: Any, sources: dict[str, FundingSource]) -> dict[str, FundingCall]:
    day = today()
    rows = [
        ("union", "isf_union", "ISF-2027-PC-NET", "Union actions: networks of police cooperation practitioners",
         day - timedelta(days=40), day + timedelta(days=12), 150_000_000, "90",
         "Meetings of practitioners' networks, exchanges of staff, trainings."),
        ("cepol", "cepol", "CEPOL-GR-2027-03", "CEPOL grant: training of SPOC operators",
         day - timedelta(days=10), day + timedelta(days=60), 8_000_000, "100", "Residential and online trainings."),
        ("national", "isf_national", "IE-ISF-2027-1", "Irish ISF programme: international cooperation measures",
         day - timedelta(days=5), day + timedelta(days=95), 20_000_000, "75", "Hosting network meetings."),
        ("past", "isf_union", "ISF-2025-PC-NET", "Union actions 2025: police cooperation networks",
         day - timedelta(days=520), day - timedelta(days=400), 120_000_000, "90", "Network meetings 2025-2026."),
        ("past_cepol", "cepol", "CEPOL-GR-2026-01", "CEPOL grant 2026: exchange programme",
         day - timedelta(days=300), day - timedelta(days=210), 5_000_000, "100", "Exchanges of SPOC staff."),
    ]
    calls = {}
    for key, kind, reference, title, opens_on, closes_on, cents, rate, eligible in rows:
        call = FundingCall(source=sources[kind], reference=reference, title=title, opens_on=opens_on,
                           closes_on=closes_on, max_amount_cents=cents, cofinancing_rate=Decimal(rate),
                           eligible_activities=eligible, link="https://funding.example.org/" + reference.lower(),
                           created_by_id=admin.id)
        audit.record(admin, call, "create")
        calls[key] = call
    return calls


def _applications(users: dict[str, Any], orgs: dict[str, Any], calls: dict[str, FundingCall],
                  sources: dict[str, FundingSource]) -> dict[str, FundingApplication]:
    day = today()
    head_pl, head_ie, head_de = users["head.pl@example.org"], users["head.ie@example.org"], users["head.de@example.org"]
    rows = [
        ("meetings_2025", "Meetings of the network 2025-2026", "PL", calls["past"], None, ("DK", "CY", "EUROPOL"),
         "awarded", 9_000_000, 8_100_000, head_pl, day - timedelta(days=380)),
        ("exchange", "Exchange of SPOC operators", "DE", calls["past_cepol"], None, ("AT", "CEPOL"),
         "rejected", 4_500_000, None, head_de, day - timedelta(days=190)),
        ("meetings_2027", "Meetings of the network 2027", "IE", calls["union"], None, ("LT", "NL", "EUROPOL"),
         "submitted", 14_000_000, None, head_ie, None),
        ("operators", "Training SPOC operators in SIENA", "IT", calls["cepol"], None, ("RO", "CEPOL"),
         "drafting", 6_250_050, None, users["head.it@example.org"], None),
        ("dublin", "Hosting the Dublin meeting", "IE", None, sources["national"], (),
         "awarded", 3_000_000, 3_000_000, head_ie, day - timedelta(days=60)),
        ("languages", "Language courses for night-desk staff", "ES", None, None, ("PT",),
         "idea", None, None, users["head.es@example.org"], None),
    ]
    applications = {}
    for key, title, lead, call, source, partners, status, requested, awarded, author, decided_on in rows:
        application = FundingApplication(
            title=title, summary=f"{title}: invented demo application.", lead=orgs[lead], call=call, source=source,
            partners=[orgs[code] for code in partners], status="idea", amount_requested_cents=requested,
            created_by_id=author.id)
        audit.record(author, application, "create")
        for action, target in (("start_drafting", "drafting"), ("submit", "submitted"),
                               ({"awarded": "award", "rejected": "reject"}.get(status), status)):
            if application.status == status or action is None:
                break
            before, application.status = application.status, target
            if target == "submitted":
                application.submitted_on = (decided_on or day) - timedelta(days=70)
            if target in ("awarded", "rejected"):
                application.decided_on, application.amount_awarded_cents = decided_on, awarded
            audit.record(author, application, action, from_state=before, to_state=target,
                         note="The evaluators preferred larger consortia." if target == "rejected" else None)
        applications[key] = application
    return applications


def load_demo(users: dict[str, Any], organisations: dict[str, Any]) -> None:
    admin = users["admin@example.org"]
    sources = _sources()
    calls = _calls(admin, sources)
    applications = _applications(users, organisations, calls, sources)
    meetings = list(db.session.scalars(db.select(Meeting).order_by(Meeting.starts_at)))
    trainings = list(db.session.scalars(db.select(TrainingActivity).order_by(TrainingActivity.starts_on)))
    funded_2025 = applications["meetings_2025"]
    funded_2025.meetings = [m for m in meetings if m.starts_at.year == 2025 or m.place.startswith("Nicosia")]
    applications["dublin"].meetings = [m for m in meetings if m.place.startswith("Dublin")]
    applications["operators"].trainings = [t for t in trainings if t.status in ("proposed", "planned")][:1]
    for n, meeting in enumerate(meetings):
        held = meeting.status in ("held", "minutes_published")
        year = meeting.starts_at.year
        grow = 100 + 17 * n  # each meeting a little dearer than the one before (whole cents: integer arithmetic)
        lines = [("Venue and catering", 1_850_000 * grow // 100, 1_792_340 * grow // 100 + 5 * n if held else None,
                  None, funded_2025 if year < 2026 or (year == 2026 and meeting.starts_at.month < 7) else None),
                 ("Interpretation EN/FR", 960_000 + 40_000 * n, 960_000 + 40_000 * n if held else None,
                  sources["national"], None),
                 ("Travel of agency speakers", 240_000, 198_770 + 12_310 * n if held else None, sources["agency"],
                  None)]
        if meeting.place.startswith("Dublin"):
            lines = [("Venue and catering", 2_100_000, None, None, applications["dublin"]),
                     ("Interpretation EN/FR", 980_000, None, sources["national"], None),
                     ("Printed materials", 45_000, None, None, None)]  # not yet funded
        for item, planned, actual, source, application in lines:
            meeting_line = BudgetLine(meeting_id=meeting.id, item=item, planned_cents=planned, actual_cents=actual,
                                      source=source, application=application, created_by_id=admin.id)
            db.session.add(meeting_line)
            audit.record(admin, meeting, "add_budget_line", changes={"item": [None, item]})
    for training in trainings:
        delivered = training.status == "delivered"
        if training.status == "cancelled":
            continue
        for item, planned, actual, kind in (("Trainers' travel and stay", 620_000, 587_415 if delivered else None,
                                             "cepol"),
                                            ("Training room and equipment", 150_000, 150_000 if delivered else None,
                                             "national")):
            db.session.add(BudgetLine(training_id=training.id, item=item, planned_cents=planned, actual_cents=actual,
                                      source=sources[kind], created_by_id=admin.id))
            audit.record(admin, training, "add_budget_line", changes={"item": [None, item]})
    db.session.flush()
