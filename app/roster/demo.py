"""Invented demo roster: experts from many countries, nominations in every state, a few trainings."""

from datetime import UTC, datetime, timedelta
from typing import Any

from app.core import audit
from app.core.timezones import today
from app.extensions import db
from app.roster.models import Nomination, NominationLanguage, NominationReview, TrainerProposal, TrainingParticipants
from app.roster.services import put_on_roster
from app.roster.trainings import create_training
from app.roster.vocabulary import join_codes

# (country, name, position, expertise areas, languages, days a year, accepted how many days ago)
EXPERTS: list[tuple[str, str, str, tuple[str, ...], tuple[tuple[str, str], ...], int, int]] = [
    ("IT", "Marco Testa", "Head of the SIRENE desk, State Police", ("channels", "spoc_operations"),
     (("it", "native"), ("en", "C1"), ("fr", "B2")), 20, 200),
    ("IE", "Niamh Example", "SPOC training officer, national police", ("training_design", "case_management"),
     (("en", "native"), ("ga", "C1"), ("fr", "B1")), 15, 400),
    ("DE", "Katrin Muster", "Legal adviser, federal criminal police office", ("legal_framework", "data_protection"),
     (("de", "native"), ("en", "C2")), 10, 90),
    ("FR", "Julien Exemple", "Europol National Unit liaison", ("channels", "case_management"),
     (("fr", "native"), ("en", "C1"), ("es", "B2")), 25, 800),  # past its review-by date
    ("PL", "Tomasz Przyklad", "INTERPOL NCB duty officer", ("channels", "languages"),
     (("pl", "native"), ("en", "C1"), ("ru", "C1"), ("uk", "B2")), 30, 120),
    ("ES", "Elena Ejemplo", "Head of the SPOC operations room", ("spoc_operations", "training_design"),
     (("es", "native"), ("en", "B2"), ("pt", "B1")), 12, 60),
    ("NL", "Sanne Voorbeeld", "Data protection officer, national police", ("data_protection", "legal_framework"),
     (("nl", "native"), ("en", "C2"), ("de", "B2")), 8, 300),
    ("PT", "Rui Exemplo", "Case manager, SPOC", ("case_management", "spoc_operations"),
     (("pt", "native"), ("es", "C1"), ("en", "B2")), 18, 30),
    ("SE", "Linnea Exempel", "Trainer in international cooperation", ("training_design", "languages"),
     (("sv", "native"), ("en", "C2"), ("fi", "B1")), 22, 500),
    ("RO", "Andrei Exemplu", "SIENA administrator", ("channels",), (("ro", "native"), ("en", "C1"), ("fr", "B2")),
     14, 150),
    ("GR", "Eleni Paradeigma", "Legal officer, SPOC", ("legal_framework",), (("el", "native"), ("en", "C1")), 6, 760),
    ("HR", "Ivana Primjer", "Liaison officer for the Western Balkans", ("channels", "languages"),
     (("hr", "native"), ("sr", "C2"), ("sq", "A2"), ("en", "C1")), 16, 45),
]

# (country, name, status): nominations still in the core group's hands, or closed without acceptance.
OPEN_NOMINATIONS: list[tuple[str, str, str]] = [
    ("IT", "Sara Prova", "submitted"),
    ("IE", "Ciara Sampla", "under_review"),
    ("ES", "Pablo Muestra", "declined"),
    ("PL", "Ewa Wzor", "withdrawn"),
    ("DE", "Lukas Beispiel", "submitted"),
]

NOMINATORS = {"IT": "head.it@example.org", "IE": "officer.ie@example.org", "DE": "head.de@example.org",
              "FR": "head.fr@example.org", "PL": "head.pl@example.org", "ES": "head.es@example.org"}


def _nomination(users: dict[str, Any], organisations: dict[str, Any], code: str, name: str, areas: tuple[str, ...],
                languages: tuple[tuple[str, str], ...], days: int, when: datetime) -> Nomination:
    nominator = users.get(NOMINATORS.get(code, ""))
    nomination = Nomination(
        organisation=organisations[code], nominated_by_id=nominator.id if nominator else None, name=name,
        email=name.lower().replace(" ", ".") + "@example.org", position="Officer, SPOC",
        expertise_areas=join_codes(list(areas)),
        days_per_year=days, unavailable_periods="August", consent=True, consent_on=when.date() - timedelta(days=3),
        motivation="Has trained colleagues of the SPOC and of partner countries for several years.",
        status="submitted", created_at=when,
        languages=[NominationLanguage(language=lang, level=level) for lang, level in languages],
    )
    db.session.add(nomination)
    db.session.flush()
    audit.record(nominator, nomination, "submit", to_state="submitted")
    return nomination


def _reviewer(users: dict[str, Any], code: str) -> Any:
    """A core-group member of another country than the nominee's."""
    return users["head.fr@example.org"] if code == "DE" else users["head.de@example.org"]


def _review(reviewer: Any, nomination: Nomination, scores: tuple[int, int, int, int], notes: str) -> None:
    nomination.status = "under_review"
    audit.record(reviewer, nomination, "start_review", from_state="submitted", to_state="under_review")
    db.session.add(NominationReview(nomination=nomination, reviewer_id=reviewer.id, score_expertise=scores[0],
                                    score_training=scores[1], score_languages=scores[2],
                                    score_availability=scores[3], notes=notes,
                                    created_at=nomination.created_at + timedelta(days=5)))


def load_demo(users: dict[str, Any], organisations: dict[str, Any]) -> None:
    now = datetime.now(UTC)
    experts = {}
    for code, name, position, areas, languages, days, ago in EXPERTS:
        nomination = _nomination(users, organisations, code, name, areas, languages, days,
                                 now - timedelta(days=ago + 20))
        nomination.position = position
        reviewer = _reviewer(users, code)
        _review(reviewer, nomination, (5, 4, 4, 3), "Experienced trainer; check availability before proposing.")
        nomination.status = "accepted"
        nomination.decision_message = "Welcome to the roster of training experts."
        nomination.decided_at = now - timedelta(days=ago)
        audit.record(reviewer, nomination, "accept", from_state="under_review", to_state="accepted")
        experts[name] = put_on_roster(reviewer, nomination, day=today() - timedelta(days=ago))
    for code, name, status in OPEN_NOMINATIONS:
        nomination = _nomination(users, organisations, code, name, ("spoc_operations",), (("en", "B2"),), 10,
                                 now - timedelta(days=12))
        reviewer = _reviewer(users, code)
        if status == "withdrawn":
            nomination.status = "withdrawn"
            audit.record(nomination.nominated_by, nomination, "withdraw", from_state="submitted", to_state="withdrawn")
        elif status in ("under_review", "declined"):
            _review(reviewer, nomination, (3, 2, 4, 3), "Little training experience so far.")
        if status == "declined":
            nomination.status = "declined"
            nomination.decision_message = "Thank you. We are looking for experts who have already given trainings."
            nomination.decided_at = now - timedelta(days=2)
            audit.record(reviewer, nomination, "decline", from_state="under_review", to_state="declined")

    planner = users["head.de@example.org"]
    start = today()
    trainings = [
        ("SIENA and SIRENE for new SPOC operators", "Operators handle requests on both channels.", "New SPOC operators",
         start - timedelta(days=120), False, "Budapest", "CEPOL", ("channels",), ("en",), "delivered",
         ["Marco Testa", "Andrei Exemplu"]),
        ("Data protection in international information exchange", "Apply the data-protection rules to SPOC cases.",
         "SPOC case handlers", start + timedelta(days=45), True, "", None, ("data_protection", "legal_framework"),
         ("en", "de"), "planned", ["Katrin Muster", "Sanne Voorbeeld"]),
        ("Designing SPOC training modules", "Build a national training module from the network's practices.",
         "SPOC training officers", start + timedelta(days=150), False, "Madrid", "ES", ("training_design",),
         ("en", "es"), "proposed", []),
        ("Cooperation with the Western Balkans", "Channels and languages for requests to partner countries.",
         "Liaison officers", start - timedelta(days=30), False, "Zagreb", "HR", ("channels", "languages"),
         ("en",), "cancelled", []),
    ]
    for title, aim, audience, first_day, online, place, organiser, areas, languages, status, trainers in trainings:
        training = create_training(planner, {
            "title": title, "aim": aim, "target_audience": audience, "starts_on": first_day,
            "ends_on": first_day + timedelta(days=2), "online": online, "place": place,
            "organiser": str(organisations[organiser].id) if organiser else "core", "expertise_areas": list(areas),
            "languages": list(languages),
        })
        for name in trainers:
            training.trainers.append(TrainerProposal(expert=experts[name], proposed_by_id=planner.id,
                                                     status="confirmed" if status == "delivered" else "proposed"))
        if status != "proposed":
            training.status = status
            action = {"planned": "plan", "delivered": "deliver", "cancelled": "cancel"}[status]
            audit.record(planner, training, action, to_state=status,
                         note="No venue available." if status == "cancelled" else None)
        if status == "delivered":
            for code, count in (("IT", 6), ("FR", 4), ("PL", 5), ("IE", 3), ("RO", 2)):
                training.participants.append(TrainingParticipants(organisation=organisations[code], participants=count))
    db.session.flush()


