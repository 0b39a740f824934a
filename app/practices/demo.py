"""Invented best practices in every state, some adopted by several countries and linked to obstacles."""

from datetime import UTC, date, datetime, timedelta

from app.core import audit
from app.core.markings import marking_named
from app.extensions import db
from app.network.models import LegalInstrument, Organisation, User
from app.obstacles.models import Obstacle
from app.practices.models import BestPractice, PracticeAdoption, PracticeComment, Tag

BODY = """## Context

{context}

## What was done

{done}

## Results

{results}

## Resources needed

Two officers for three months to set it up; no new IT system.

## Lessons learned

Start with the partners you exchange with most.

## Contact

The SPOC's functional mailbox (see the country profile).
"""

# (author e-mail, title, summary, topic, status, instruments, tags, adopted by, linked obstacle titles, context,
#  done, results)
PRACTICES = [
    ("head.it@example.org", "Night desk for urgent Prüm follow-ups",
     "A duty officer with access to the national registers answers urgent Prüm follow-up requests at night.",
     "operations_24_7", "endorsed", ("PRUM",), ("night shift", "registers"), ("FR", "ES", "PL"),
     ("Vehicle registration data not reachable outside office hours",),
     "Urgent follow-ups waited until morning.", "A night duty post with register access.",
     "Answer time fell from 14 hours to 40 minutes."),
    ("head.de@example.org", "Shared request templates for SIENA",
     "Common templates for the most frequent requests cut incomplete requests by half.",
     "case_handling", "endorsed", ("EUROPOL-SIENA", "DIR-2023-977"), ("siena", "templates"), ("AT", "NL"),
     (), "Too many requests lacked the data needed to answer.", "Templates agreed with five partners.",
     "Half as many clarification messages."),
    ("head.pl@example.org", "One channel per case",
     "Each case is handled through one channel chosen at intake, and the others are copied.",
     "channels", "submitted", ("SIS-SIRENE", "EUROPOL-SIENA"), ("channels", "duplication"), ("LT",),
     ("SIRENE forms and SIENA messages duplicated for the same case",),
     "The same case travelled through SIRENE and SIENA.", "A channel choice rule at intake.",
     "No duplicated handling in six months."),
    ("head.fr@example.org", "E-learning module on the information-exchange directive",
     "A two-hour CEPOL-style module prepares new SPOC staff for the directive's deadlines.",
     "training", "submitted", ("DIR-2023-977",), ("e-learning", "cepol"), (), (),
     "New staff did not know the deadlines.", "A short e-learning module.", "All new staff trained in a month."),
    ("head.es@example.org", "Regional liaison points reporting to the SPOC",
     "Regional forces name one liaison point each, who routes international requests through the SPOC.",
     "organisation", "draft", ("NATIONAL",), ("regions",), (), (),
     "Regional forces contacted foreign SPOCs directly.", "A liaison point per region.", "Being piloted."),
    ("head.ie@example.org", "Translation on call",
     "A framework contract gives the night shift a translator within one hour.",
     "operations_24_7", "archived", ("DIR-2023-977",), ("languages",), (), (),
     "Night requests in other languages waited.", "A translation framework contract.",
     "Replaced by the network's shared glossary."),
]


def load_demo(users: dict[str, User], organisations: dict[str, Organisation]) -> None:
    instruments = {i.code: i for i in db.session.scalars(db.select(LegalInstrument))}
    obstacles = {o.title: o for o in db.session.scalars(db.select(Obstacle))}
    tags: dict[str, Tag] = {}
    start = datetime.now(UTC) - timedelta(days=200)
    for n, (email, title, summary, topic, status, codes, tag_names, adopted, linked, context, done,
            results) in enumerate(PRACTICES):
        author = users[email]
        created = start + timedelta(days=n * 23)
        practice = BestPractice(
            title=title, summary=summary, body=BODY.format(context=context, done=done, results=results), topic=topic,
            country=author.organisation, created_by_id=author.id, status=status, created_at=created,
            submitted_at=None if status == "draft" else created + timedelta(days=2),
            instruments=[instruments[c] for c in codes],
            tags=[tags.setdefault(t, Tag(name=t)) for t in tag_names],
            obstacles=[obstacles[t] for t in linked if t in obstacles],
        )
        if status == "endorsed":
            practice.endorsed_on = date.today() - timedelta(days=60 - n)
            practice.endorsed_at_occasion = "Heads of SPOC meeting under the Cyprus Presidency, Nicosia"
        if status == "archived":
            practice.archived_reason = "Replaced by the network's shared glossary."
        for code in adopted:
            practice.adoptions.append(PracticeAdoption(
                organisation=organisations[code], note="Adapted to our shift pattern; it works.",
                created_at=created + timedelta(days=30)))
        practice.adoption_count = len(adopted)
        db.session.add(practice)
        db.session.flush()
        audit.record(author, practice, "create", to_state="draft").created_at = created
        if status != "draft":
            audit.record(author, practice, "submit", from_state="draft", to_state="submitted").created_at = (
                created + timedelta(days=2))
        if status in ("endorsed", "archived"):
            final = "endorsed" if status == "endorsed" else "archived"
            audit.record(users["head.ie@example.org"], practice, "endorse" if final == "endorsed" else "archive",
                         from_state="submitted", to_state=final, note=practice.archived_reason
                         ).created_at = created + timedelta(days=20)
    first = db.session.scalar(db.select(BestPractice).where(BestPractice.status == "endorsed"))
    first.marking = marking_named("limite")  # one practice under a stricter marking than the default
    db.session.add(PracticeComment(practice=first, author_id=users["liaison.cepol@example.org"].id,
                                   body="CEPOL could include the night desk in the next SPOC course."))
