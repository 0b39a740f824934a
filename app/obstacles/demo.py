"""Invented obstacles across several countries and states, so the tracker opens populated."""

from datetime import UTC, date, datetime, timedelta

from app.core import audit
from app.core.markings import marking_named
from app.extensions import db
from app.network.models import LegalInstrument, Organisation, User
from app.obstacles.models import Obstacle, ObstacleAffected, ObstacleComment

# (reporter e-mail, title, kind, instrument code, impact, status, counterparts, affected, description)
OBSTACLES: list[tuple[str, str, str, str, str, str, tuple[str, ...], tuple[str, ...], str]] = [
    ("head.it@example.org", "Vehicle registration data not reachable outside office hours", "technical",
     "PRUM", "high", "under_discussion", ("DE", "AT"), ("FR", "ES", "PL"),
     "Follow-up requests after a **Prüm** vehicle hit wait until the next working day in several Member States, "
     "because the national register is only queried by day staff.\n\n- Affects urgent cross-border cases\n"
     "- Workaround today: phone calls between duty officers"),
    ("head.ie@example.org", "Requests arrive in languages the SPOC cannot read at night", "linguistic",
     "DIR-2023-977", "medium", "reported", ("PT", "RO"), ("DE",),
     "The Directive allows requests in the requested State's accepted languages, but night shifts have no "
     "translator on call. Messages wait for the morning."),
    ("head.de@example.org", "Different retention periods block answers to older cases", "legal",
     "LED", "medium", "action_agreed", ("NL", "BE"), ("FR", "IT"),
     "National retention rules delete data the requesting State still needs. A common overview of retention "
     "periods per data category would let requesters ask in time."),
    ("head.pl@example.org", "SIRENE forms and SIENA messages duplicated for the same case", "operational",
     "SIS-SIRENE", "low", "resolved", ("LT", "LV"), ("EE",),
     "Officers sent the same information through two channels, and the receiving SPOC handled it twice."),
    ("head.es@example.org", "No single entry point for requests from regional police", "organisational",
     "NATIONAL", "high", "reported", (), ("IT", "PT"),
     "Regional forces contact foreign SPOCs directly, so answers do not reach the national SPOC's case file."),
    ("head.fr@example.org", "INTERPOL diffusion and SIS alert for the same person disagree", "operational",
     "INTERPOL", "medium", "closed", ("BE",), (),
     "Reported twice; the discussion continues under the SIRENE duplication obstacle."),
]

# The workflow steps that lead from "reported" to each demo status.
PATHS: dict[str, list[tuple[str, str]]] = {
    "reported": [],
    "under_discussion": [("discuss", "under_discussion")],
    "action_agreed": [("discuss", "under_discussion"), ("agree_action", "action_agreed")],
    "resolved": [("discuss", "under_discussion"), ("resolve", "resolved")],
    "closed": [("close", "closed")],
}

COMMENTS = {
    0: [("liaison.europol@example.org", "Europol can share how other SPOCs set up night access to registers."),
        ("head.fr@example.org", "Same in France for vessels; we would join a working group.")],
    2: [("head.it@example.org", "We can contribute the Italian retention table.")],
}


# Two demo obstacles under a stricter marking than the default one (the others are "SPOC Network - internal").
MARKED = {
    "Different retention periods block answers to older cases": "limite",
    "INTERPOL diffusion and SIS alert for the same person disagree": "core_group",
}


def load_demo(users: dict[str, User], organisations: dict[str, Organisation]) -> None:
    instruments = {i.code: i for i in db.session.scalars(db.select(LegalInstrument))}
    start = datetime.now(UTC) - timedelta(days=120)
    for n, (email, title, kind, code, impact, status, counterparts, affected, text) in enumerate(OBSTACLES):
        reporter = users[email]
        created = start + timedelta(days=n * 17)
        obstacle = Obstacle(
            title=title, description=text, kind=kind, impact=impact, instrument=instruments[code],
            reporting_org=reporter.organisation, reported_by_id=reporter.id, status=status,
            created_at=created, last_activity_at=created + timedelta(days=3),
            counterparts=[organisations[c] for c in counterparts],
        )
        for c in affected:
            obstacle.affected.append(ObstacleAffected(organisation=organisations[c], note="",
                                                      created_at=created + timedelta(days=1)))
        obstacle.affected_count = len(affected)
        if status == "action_agreed":
            obstacle.agreed_action = "The Presidency collects each Member State's retention periods in one table."
            obstacle.action_owner = organisations["IE"]
            obstacle.action_due_on = date.today() + timedelta(days=45)
        if status == "resolved":
            obstacle.resolution = "SPOCs agreed to send case information through SIENA only, copying SIRENE."
        if status == "closed":
            obstacle.closed_reason = "Duplicate: followed up under the SIRENE duplication obstacle."
        db.session.add(obstacle)
        db.session.flush()
        audit.record(reporter, obstacle, "report", to_state="reported").created_at = created
        state = "reported"
        for step, (action, target) in enumerate(PATHS[status], start=1):
            event = audit.record(reporter, obstacle, action, from_state=state, to_state=target,
                                 note=obstacle.resolution if target == "resolved" else obstacle.closed_reason
                                 if target == "closed" else None)
            event.created_at = created + timedelta(days=4 * step)
            state = target
        for author, body in COMMENTS.get(n, []):
            db.session.add(ObstacleComment(obstacle=obstacle, author_id=users[author].id, body=body,
                                           created_at=created + timedelta(days=2)))
        obstacle.marking = marking_named(MARKED.get(title, "internal"))
