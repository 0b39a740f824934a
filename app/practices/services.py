"""Rules of the best-practice register. Services change objects and flush; the views commit."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, exists, or_
from sqlalchemy.orm import joinedload, load_only, raiseload, selectinload

from app.core import audit
from app.core.country_answers import give_answer, withdraw_answer
from app.core.export import BATCH_ROWS
from app.core.i18n import _, _l
from app.core.markings import can_read_marked, visible_markings_filter
from app.core.permissions import is_admin
from app.core.workflow import WrongState
from app.extensions import db
from app.network.models import LegalInstrument, Organisation, User
from app.obstacles.models import Obstacle
from app.practices.forms import parse_numbers, parse_tags
from app.practices.models import (
    BestPractice,
    PracticeAdoption,
    PracticeComment,
    Tag,
    obstacle_practice_links,
    practice_instruments,
    practice_tags,
)
from app.practices.permissions import can_adopt_practice, can_comment_practice
from app.practices.workflow import PRACTICE_WORKFLOW, STATES


def _tags(names: list[str]) -> list[Tag]:
    if not names:
        return []
    existing = {t.name: t for t in db.session.scalars(db.select(Tag).where(Tag.name.in_(names)))}
    return [existing.get(name) or Tag(name=name) for name in names]


def _apply_form(user: User, practice: BestPractice, data: dict[str, Any]) -> None:
    for field in ("title", "summary", "body", "topic"):
        setattr(practice, field, data[field])
    if data.get("marking_id"):
        practice.marking_id = data["marking_id"]
    ids = data.get("instrument_ids") or []
    practice.instruments = list(db.session.scalars(
        db.select(LegalInstrument).where(LegalInstrument.id.in_(ids)))) if ids else []
    practice.tags = _tags(parse_tags(data.get("tags")))
    numbers = parse_numbers(data.get("obstacle_numbers"))
    # Links to obstacles the editor may not read (their marking) were not in the form: they stay.
    unseen = [o for o in practice.obstacles if not can_read_marked(user, o)]
    practice.obstacles = unseen + (list(db.session.scalars(
        db.select(Obstacle).where(Obstacle.id.in_(numbers)))) if numbers else [])


def _snapshot(practice: BestPractice) -> dict[str, str]:
    return {
        "instruments": ", ".join(sorted(i.code for i in practice.instruments)),
        "tags": ", ".join(t.name for t in practice.tags),
        "obstacles": ", ".join(str(o.id) for o in sorted(practice.obstacles, key=lambda o: o.id)),
    }


def unknown_obstacles(user: User, raw: str | None) -> list[int]:
    """The numbers that name no obstacle ``user`` may read (a restricted one is as unknown as a missing one)."""
    numbers = parse_numbers(raw)
    if not numbers:
        return []
    found = set(db.session.scalars(db.select(Obstacle.id).where(
        Obstacle.id.in_(numbers), visible_markings_filter(user, Obstacle.marking_id))))
    return [n for n in numbers if n not in found]


def create_practice(user: User, data: dict[str, Any], country: Organisation) -> BestPractice:
    practice = BestPractice(country=country, created_by_id=user.id, status=PRACTICE_WORKFLOW.initial)
    _apply_form(user, practice, data)
    db.session.add(practice)
    db.session.flush()
    audit.record(user, practice, "create", to_state=practice.status,
                 changes={"title": [None, practice.title], "country": [None, country.code]})
    return practice


def update_practice(user: User, practice: BestPractice, data: dict[str, Any]) -> bool:
    before = _snapshot(practice)
    _apply_form(user, practice, data)
    changes = audit.changed_fields(practice)
    after = _snapshot(practice)
    changes.update({k: [before[k], after[k]] for k in before if before[k] != after[k]})
    if changes:
        audit.record(user, practice, "edit", changes=changes)
    return bool(changes)


def move(user: User, practice: BestPractice, action: str, *, note: str | None = None,
         details: dict[str, Any] | None = None) -> None:
    changes = None
    if action == "endorse" and details is not None:
        PRACTICE_WORKFLOW.check(user, practice, action)
        practice.endorsed_on = details["endorsed_on"]
        practice.endorsed_at_occasion = details["occasion"]
        changes = {"endorsed_on": [None, practice.endorsed_on.isoformat()],
                   "occasion": [None, practice.endorsed_at_occasion]}
    PRACTICE_WORKFLOW.apply(user, practice, action, note=note, changes=changes)
    if action == "submit" and practice.submitted_at is None:
        practice.submitted_at = datetime.now(UTC)
    elif action == "archive":
        practice.archived_reason = note


def adopt(user: User, practice: BestPractice, note: str) -> PracticeAdoption:
    return give_answer(
        user, practice, practice.adoptions, PracticeAdoption, note, counter="adoption_count", action="adopt",
        allowed=can_adopt_practice(user, practice),
        already=WrongState(_("%(country)s has already recorded that it adopted this practice.",
                             country=user.organisation.name)),
        refused=_("Another Member State than the submitting one records an adoption of a shared practice."))


def withdraw_adoption(user: User, practice: BestPractice) -> None:
    withdraw_answer(user, practice, practice.adoptions, counter="adoption_count", action="withdraw_adoption",
                    refused=_("Only Member States record adoptions."),
                    missing=_("%(country)s has not recorded an adoption of this practice.",
                              country=user.organisation.name))


def add_comment(user: User, practice: BestPractice, body: str) -> PracticeComment:
    if not can_comment_practice(user, practice):
        raise WrongState(_("Comments are open while a practice is submitted or endorsed."))
    comment = PracticeComment(practice=practice, author_id=user.id, body=body)
    db.session.add(comment)
    db.session.flush()
    audit.record(user, comment, "comment", changes={"practice": [None, practice.id]})
    return comment


# Lists -------------------------------------------------------------------------------------------------

def readable_by(user: User) -> Any:
    """Shared practices for everyone; drafts and never-shared archived ones only for their country; restricted
    markings for the core group and administrators."""
    if is_admin(user):
        return db.true()
    return db.and_(or_(
        BestPractice.country_id == user.organisation_id,
        (BestPractice.status != PRACTICE_WORKFLOW.initial) & BestPractice.submitted_at.is_not(None),
    ), visible_markings_filter(user, BestPractice.marking_id))


def filtered_practices(user: User, filters: dict[str, Any]) -> Select[Any]:
    query = db.select(BestPractice).where(readable_by(user))
    status = filters.get("status")
    if status:
        query = query.where(BestPractice.status == status)
    else:
        query = query.where(BestPractice.status.in_(PRACTICE_WORKFLOW.in_progress))  # shared with the network
    if filters.get("topic"):
        query = query.where(BestPractice.topic == filters["topic"])
    if filters.get("instrument"):
        query = query.where(exists().where(practice_instruments.c.practice_id == BestPractice.id,
                                           practice_instruments.c.instrument_id == int(filters["instrument"])))
    if filters.get("country"):
        query = query.join(BestPractice.country).where(Organisation.code == filters["country"])
    tag = " ".join((filters.get("tag") or "").split()).lower()
    if tag:
        query = query.where(exists().where(practice_tags.c.practice_id == BestPractice.id,
                                           practice_tags.c.tag_id == Tag.id, Tag.name == tag))
    for word in (filters.get("q") or "").lower().split()[:8]:
        query = query.where(or_(*(db.func.lower(column).contains(word, autoescape=True)
                                  for column in (BestPractice.title, BestPractice.summary, BestPractice.body))))
    if filters.get("sort") == "adopted":
        return query.order_by(BestPractice.adoption_count.desc(), BestPractice.created_at.desc(), BestPractice.id)
    return query.order_by(BestPractice.created_at.desc(), BestPractice.id.desc())


# What a card of the list shows (templates/practices/_list.html), and nothing else: not the body, nor the
# instruments; anything else the card would touch raises.
LIST_ROW = (
    load_only(BestPractice.title, BestPractice.summary, BestPractice.topic, BestPractice.status,
              BestPractice.country_id, BestPractice.adoption_count),
    joinedload(BestPractice.country),
    selectinload(BestPractice.tags),
    raiseload("*"),
)


def list_rows(query: Select[Any]) -> Select[Any]:
    return query.options(*LIST_ROW)


def load_practice(practice_id: int) -> BestPractice | None:
    return db.session.scalar(
        db.select(BestPractice).where(BestPractice.id == practice_id).options(
            selectinload(BestPractice.adoptions), selectinload(BestPractice.comments),
            selectinload(BestPractice.obstacles)))


def linked_practices(user: User, obstacle: Obstacle) -> list[BestPractice]:
    """The practices addressing an obstacle that this user may read (for the obstacle's page)."""
    return list(db.session.scalars(
        db.select(BestPractice)
        .join(obstacle_practice_links, obstacle_practice_links.c.practice_id == BestPractice.id)
        .where(obstacle_practice_links.c.obstacle_id == obstacle.id, readable_by(user))
        .order_by(BestPractice.title)))


# The spreadsheet's column names, in the reader's language (str() each when writing).
EXPORT_HEADER = [_l("ID"), _l("Title"), _l("Summary"), _l("Topic"), _l("Status"), _l("Country"),
                 _l("Instruments and channels"), _l("Tags"), _l("Adopted by (count)"), _l("Adopted by"),
                 _l("Endorsed on"), _l("Endorsed at"), _l("Created"),
                 # With these two, an export imports back (app/practices/imports.py).
                 _l("Full description"), _l("External reference"), _l("Link"), _l("Marking")]


def export_rows(query: Select[Any], url_for_practice: Any) -> Iterator[list[Any]]:
    """The practices ``query`` selects as spreadsheet rows, loaded ``BATCH_ROWS`` at a time (with their eager
    loads per batch) as they are written: the query runs when the response is sent, not here."""
    for p in db.session.scalars(query, execution_options={"yield_per": BATCH_ROWS}):
        yield [p.id, p.title, p.summary, p.topic_label, str(STATES[p.status]), p.country.name,
               ", ".join(i.name for i in p.instruments), ", ".join(t.name for t in p.tags), p.adoption_count,
               ", ".join(a.organisation.name for a in p.adoptions),
               p.endorsed_on.isoformat() if p.endorsed_on else "", p.endorsed_at_occasion or "",
               p.created_at.date().isoformat(), p.body, p.external_ref or "", url_for_practice(p), p.marking.label]
