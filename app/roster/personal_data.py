"""The personal data the roster holds about one person, exported or erased as a whole.

A person is a country's expert known by their e-mail address: their roster entry, if any, and every nomination
of them (whatever became of it: accepted, declined, withdrawn). Erasing a person reaches every place that
held their name or e-mail: the roster entry and its languages, the nominations with their languages and the
review notes, the messages about them in the mail queue (sent or not), the texts of other messages and of the
audit log that name them, and the search index.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from markupsafe import escape
from sqlalchemy import Text, cast

from app.core import audit
from app.core.models import AuditEvent
from app.extensions import db
from app.network.models import User
from app.notifications.models import Notification
from app.roster.models import Expert, Nomination
from app.roster.services import proposals_of
from app.roster.workflow import EXPERT_WORKFLOW


@dataclass
class Person:
    """Everything the roster holds about one person."""

    organisation_id: int
    email: str
    expert: Expert | None
    nominations: list[Nomination] = field(default_factory=list)

    @property
    def placeholder(self) -> str:
        """What replaces their name, stored: the same for every reader, never translated."""
        if self.expert is not None:
            return f"Erased expert #{self.expert.id}"
        return f"Erased nominee #{self.nominations[0].id}"

    @property
    def identifiers(self) -> set[str]:
        """Their names and e-mail addresses as the records hold them (before an erasure)."""
        records: list[Any] = [*self.nominations, *([self.expert] if self.expert else [])]
        return {value for r in records for value in (r.name, r.email) if value and not r.erased_at}


def _nominations_of(organisation_id: int, email: str, expert: Expert | None) -> list[Nomination]:
    conditions = [Nomination.expert_id == expert.id] if expert is not None else []
    if email:
        conditions.append(db.and_(Nomination.organisation_id == organisation_id,
                                  db.func.lower(Nomination.email) == email.lower()))
    if not conditions:
        return []
    return list(db.session.scalars(
        db.select(Nomination).where(db.or_(*conditions)).order_by(Nomination.created_at, Nomination.id)))


def person_of_expert(expert: Expert) -> Person:
    return Person(expert.organisation_id, expert.email, expert,
                  _nominations_of(expert.organisation_id, expert.email, expert))


def person_of_nomination(nomination: Nomination) -> Person:
    """The nominee, with their roster entry (the nomination's, or a live one with the same e-mail address)."""
    expert = nomination.expert if nomination.expert is not None and not nomination.expert.is_erased else None
    if expert is None and nomination.email:
        expert = db.session.scalar(
            db.select(Expert).where(Expert.organisation_id == nomination.organisation_id,
                                    db.func.lower(Expert.email) == nomination.email.lower(),
                                    Expert.erased_at.is_(None)).order_by(Expert.id).limit(1))
    if expert is not None:
        return person_of_expert(expert)
    nominations = _nominations_of(nomination.organisation_id, nomination.email, None) or [nomination]
    return Person(nomination.organisation_id, nomination.email, None, nominations)


# Export -------------------------------------------------------------------------------------------

def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _languages(rows: list[Any]) -> list[dict[str, str]]:
    return [{"language": r.language_label, "level": r.level_label} for r in rows]


def _nomination_data(n: Nomination) -> dict[str, Any]:
    return {
        "id": n.id, "status": n.status, "nominated_on": n.created_at.isoformat(),
        "nominated_by": n.nominated_by.name if n.nominated_by else None, "name": n.name,
        "email": n.email, "position_and_service": n.position, "expertise_areas": n.area_labels,
        "languages": _languages(n.languages), "days_available_per_year": n.days_per_year,
        "periods_not_available": n.unavailable_periods, "motivation": n.motivation,
        "consent": n.consent, "consent_given_on": _iso(n.consent_on),
        "decision_message": n.decision_message, "decided_at": _iso(n.decided_at),
        "withdrawn_at": _iso(n.withdrawn_at), "erased_at": _iso(n.erased_at),
        "reviews": [
            {"reviewer": r.reviewer.name if r.reviewer else None, "created_at": r.created_at.isoformat(),
             "changed_at": _iso(r.updated_at), "expertise": r.score_expertise,
             "training_experience": r.score_training, "languages": r.score_languages,
             "availability": r.score_availability, "notes": r.notes}
            for r in n.reviews
        ],
    }


def export_person(person: Person) -> dict[str, Any]:
    """Everything held about one person, as plain data for a JSON download."""
    expert = person.expert
    return {
        "exported_at": datetime.now(UTC).isoformat(),
        "expert": None if expert is None else {
            "id": expert.id, "name": expert.name, "email": expert.email, "position_and_service": expert.position,
            "country": expert.organisation.name, "expertise_areas": expert.area_labels,
            "languages": _languages(expert.languages), "days_available_per_year": expert.days_per_year,
            "periods_not_available": expert.unavailable_periods,
            "consent_given_on": _iso(expert.consent_on), "accepted_on": _iso(expert.accepted_on),
            "review_by": _iso(expert.review_by), "status": expert.status,
            "erased_at": _iso(expert.erased_at),
        },
        "nominations": [_nomination_data(n) for n in person.nominations],
        "training_proposals": [
            {"training": p.training.title, "starts_on": p.training.starts_on.isoformat(),
             "ends_on": p.training.ends_on.isoformat(), "status": p.status}
            for p in (proposals_of(expert) if expert is not None else [])
        ],
    }


def export_expert(expert: Expert) -> dict[str, Any]:
    return export_person(person_of_expert(expert))


def record_export(user: User, record: Expert | Nomination) -> None:
    audit.record(user, record, "export")


# Erasure ------------------------------------------------------------------------------------------

def _scrub_nomination(nomination: Nomination, placeholder: str) -> None:
    nomination.name, nomination.email, nomination.position = placeholder, "", ""
    nomination.motivation, nomination.unavailable_periods, nomination.days_per_year = "", "", None
    nomination.decision_message = ""
    nomination.languages = []
    nomination.erased_at = datetime.now(UTC)
    for review in nomination.reviews:
        review.notes = ""


def _drop_messages_about(record_type: str, ids: list[int]) -> None:
    """The messages about these records, queued or sent: their subject and text name the person."""
    if ids:
        db.session.execute(db.delete(Notification).where(Notification.record_type == record_type,
                                                         Notification.record_id.in_(ids)))


def _clear_audit_notes(record_type: str, ids: list[int]) -> None:
    """A note on the person's own records (a reason for retiring them, ...) is about them."""
    if ids:
        db.session.execute(db.update(AuditEvent).where(AuditEvent.record_type == record_type,
                                                       AuditEvent.record_id.in_(ids), AuditEvent.note.isnot(None))
                           .values(note=None))


def erase_nomination(actor: User | None, nomination: Nomination, *, note: str | None = None) -> None:
    """Erase one nomination only (the person may still be held elsewhere, e.g. nominated again)."""
    _scrub_nomination(nomination, f"Erased nominee #{nomination.id}")
    _drop_messages_about("nominations", [nomination.id])
    _clear_audit_notes("nominations", [nomination.id])
    audit.record(actor, nomination, "erase", note=note)


def erase_person(actor: User | None, person: Person, *, note: str | None = None) -> None:
    """Remove the personal data of a person everywhere; the audit log keeps that it happened, and who did it."""
    identifiers, placeholder = person.identifiers, person.placeholder
    expert = person.expert
    ids = [n.id for n in person.nominations]
    # First what held them, then the erasure's own events (their note, e.g. "retention period", stays).
    _drop_messages_about("nominations", ids)
    _clear_audit_notes("nominations", ids)
    if expert is not None and not expert.is_erased:
        _drop_messages_about("experts", [expert.id])
        _clear_audit_notes("experts", [expert.id])
        EXPERT_WORKFLOW.apply(actor, expert, "erase", note=note)  # the entry is retired and dated erased
        expert.name, expert.email, expert.position = placeholder, "", ""
        expert.days_per_year, expert.unavailable_periods = None, ""
        expert.languages = []
    for nomination in person.nominations:
        if nomination.erased_at is None:
            _scrub_nomination(nomination, placeholder)
            audit.record(actor, nomination, "erase", note=note)
    db.session.flush()  # the search hook drops the entry's document now
    forget(identifiers, placeholder)
    if expert is not None:
        purge_search_index()


def erase_expert(user: User, expert: Expert) -> None:
    erase_person(user, person_of_expert(expert))


def _forms(term: str) -> set[str]:
    """How a name or address may be written in a stored text: as is, HTML-escaped, JSON-escaped; lower case."""
    return {form.lower() for form in (term, str(escape(term)), json.dumps(term)[1:-1]) if form}


def _replace(value: Any, patterns: list[re.Pattern[str]], placeholder: str) -> Any:
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(placeholder, value)
        return value
    if isinstance(value, list):
        return [_replace(v, patterns, placeholder) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, patterns, placeholder) for k, v in value.items()}
    return value


def forget(identifiers: set[str], placeholder: str) -> None:
    """Replace the person's names and addresses in the texts that quote them: other messages (a weekly
    digest gathers several) and the audit log's values and notes."""
    forms = sorted({form for term in identifiers for form in _forms(term)}, key=len, reverse=True)
    if forms:
        # Whole words only: a short name such as "Li" must not eat into "delivered".
        patterns = [re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE) for form in forms]

        def naming(*columns: Any) -> Any:
            return db.or_(*(db.func.lower(column).contains(form, autoescape=True)
                            for column in columns for form in forms))

        for message in db.session.scalars(db.select(Notification).where(
                naming(Notification.subject, Notification.body_text, Notification.body_html))):
            message.subject = _replace(message.subject, patterns, placeholder)
            message.body_text = _replace(message.body_text, patterns, placeholder)
            message.body_html = _replace(message.body_html, patterns, placeholder)
        for event in db.session.scalars(db.select(AuditEvent).where(
                naming(cast(AuditEvent.changes, Text), AuditEvent.note))):
            event.changes = _replace(event.changes, patterns, placeholder)
            event.note = _replace(event.note, patterns, placeholder)
    db.session.flush()


def purge_search_index() -> None:
    """After a document is deleted: SQLite's FTS5 index keeps its words until the index's segments are merged
    (PostgreSQL's tsvector is a column of the deleted row itself)."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(db.text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))

