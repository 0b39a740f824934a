"""Rules of the roster: nominations and their review, roster entries. Personal data: app.roster.personal_data."""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError

from app.core import audit
from app.core.i18n import _, _l, format_date
from app.core.limits import to_number
from app.core.permissions import same_country
from app.core.timezones import today
from app.core.workflow import NotAllowed
from app.extensions import db
from app.network.models import Organisation, User
from app.notifications.services import members_of, notify
from app.roster.models import Expert, ExpertLanguage, Nomination, NominationLanguage, NominationReview, TrainerProposal
from app.roster.permissions import can_review, manages_roster
from app.roster.vocabulary import EXPERTISE_AREAS, LANGUAGES, LEVELS, join_codes, levels_at_least
from app.roster.workflow import EXPERT_WORKFLOW, NOMINATION_WORKFLOW

REVIEW_PERIOD_YEARS = 2


class RosterError(ValueError):
    """Input that breaks a roster rule; ``field`` names the form field the message belongs next to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# Nominations --------------------------------------------------------------------------------------

def member_states() -> list[Organisation]:
    return list(db.session.scalars(
        db.select(Organisation).where(Organisation.kind == "member_state").order_by(Organisation.name)))


def create_nomination(user: User, data: dict[str, Any], languages: list[tuple[str, str]]) -> Nomination:
    """A country nominates one of its own experts; the nomination starts as submitted."""
    if not same_country(user, data["organisation_id"]):
        raise RosterError("organisation_id", _("You can only nominate experts of your own country (%(country)s).",
                                               country=user.organisation.name))
    if not data["consent"]:
        raise RosterError("consent", _("The expert's consent to be listed is required."))
    refuse_duplicate(data["organisation_id"], data["email"])
    nomination = Nomination(
        organisation_id=data["organisation_id"], nominated_by_id=user.id, name=data["name"],
        email=data["email"].lower(), position=data["position"], expertise_areas=join_codes(data["expertise_areas"]),
        days_per_year=data["days_per_year"], unavailable_periods=data["unavailable_periods"],
        motivation=data["motivation"], consent=True, consent_on=data["consent_on"], status=NOMINATION_WORKFLOW.initial,
        languages=[NominationLanguage(language=lang, level=level) for lang, level in languages],
    )
    db.session.add(nomination)
    db.session.flush()
    audit.record(user, nomination, "submit", to_state=nomination.status)
    return nomination


def refuse_duplicate(organisation_id: int, email: str) -> None:
    """One person (a country's expert, known by their e-mail address) is nominated once, and not while on the
    roster. A retired expert may be nominated again: accepting the nomination renews their entry."""
    address = email.strip().lower()
    open_nomination = db.session.scalar(
        db.select(Nomination).where(Nomination.organisation_id == organisation_id,
                                    db.func.lower(Nomination.email) == address,
                                    Nomination.status.in_(NOMINATION_WORKFLOW.open_states))
        .order_by(Nomination.created_at, Nomination.id).limit(1))
    if open_nomination is not None:
        raise RosterError("email", _("Already nominated: nomination #%(id)s, submitted on %(date)s, %(status)s.",
                                     id=open_nomination.id, date=format_date(open_nomination.created_at),
                                     status=open_nomination.status_label.lower()))
    entry = db.session.scalar(
        db.select(Expert).where(Expert.organisation_id == organisation_id, db.func.lower(Expert.email) == address,
                                Expert.status == "active", Expert.erased_at.is_(None))
        .order_by(Expert.id).limit(1))
    if entry is not None:
        raise RosterError("email", _("Already on the roster: %(name)s (#%(id)s).", name=entry.name, id=entry.id))


def nominations_query(user: User, status: str | None) -> Select[Any]:
    """The nominations ``user`` may see: all for the core group, their country's for a Member State."""
    query = db.select(Nomination).order_by(Nomination.created_at.desc(), Nomination.id.desc())
    if not manages_roster(user):
        query = query.where(Nomination.organisation_id == user.organisation_id)
    if status:
        query = query.where(Nomination.status == status)
    return query


def _refuse_own_country(user: User, nomination: Nomination) -> None:
    if manages_roster(user) and not can_review(user, nomination):
        raise NotAllowed(_("A core-group member does not review a nominee of their own country."))


def start_review(user: User, nomination: Nomination) -> None:
    _refuse_own_country(user, nomination)
    NOMINATION_WORKFLOW.apply(user, nomination, "start_review")


def review_of(user: User, nomination: Nomination) -> NominationReview | None:
    """The reviewer's own review of the nomination, if they wrote one."""
    if getattr(user, "id", None) is None or nomination.id is None:
        return None
    return db.session.scalar(db.select(NominationReview).where(NominationReview.nomination_id == nomination.id,
                                                                NominationReview.reviewer_id == user.id))


def record_review(user: User, nomination: Nomination, scores: dict[str, int], notes: str) -> NominationReview:
    """Record one reviewer's scores and notes, or change the review they gave; a submitted nomination goes under
    review with the first one. Once the nomination is decided or withdrawn, reviews do not change."""
    _refuse_own_country(user, nomination)
    if not can_review(user, nomination):
        raise NotAllowed(_("Only the core group reviews nominations."))
    if nomination.status in NOMINATION_WORKFLOW.transition("start_review").sources:
        NOMINATION_WORKFLOW.apply(user, nomination, "start_review")
    elif nomination.status != "under_review":
        raise RosterError("notes", _("A nomination that is “%(status)s” is not reviewed any more.",
                                     status=nomination.status_label))
    review = review_of(user, nomination)
    if review is None:
        try:
            with db.session.begin_nested():  # the same reviewer's first review, posted twice at once
                review = NominationReview(nomination_id=nomination.id, reviewer_id=user.id, notes=notes, **scores)
                db.session.add(review)
                db.session.flush()
        except IntegrityError:
            raise RosterError("notes", _("Your review of this nomination was just recorded from another page. "
                                         "Reload the page to change it.")) from None
        audit.record(user, nomination, "review", changes={"review": [None, review.id]})
        return review
    # The scores' old and new values, and only that the notes changed: notes may name the nominee, and the
    # audit log keeps no personal data (see app.roster.personal_data).
    changes: dict[str, list[Any]] = {"review": [review.id, review.id]}
    changes.update({name: [getattr(review, name), value] for name, value in scores.items()
                    if getattr(review, name) != value})
    if review.notes != notes:
        changes["notes"] = [None, None]
    for name, value in scores.items():
        setattr(review, name, value)
    review.notes = notes
    review.updated_at = datetime.now(UTC)
    audit.record(user, nomination, "change_review", changes=changes)
    return review


def decide(user: User, nomination: Nomination, action: str, message: str) -> Expert | None:
    """Accept or decline; accepting puts the nominee on the roster. Returns the roster entry if accepted."""
    _refuse_own_country(user, nomination)
    if action == "decline" and not message:
        raise RosterError("message", _("Tell the nominating country why the nomination is declined."))
    NOMINATION_WORKFLOW.apply(user, nomination, action)
    nomination.decision_message = message or ""  # a form posted without the field gives None
    nomination.decided_at = datetime.now(UTC)
    notify("nomination_decided", members_of([nomination.organisation_id]), nomination)
    if action == "accept":
        return put_on_roster(user, nomination)
    return None


def withdraw(user: User, nomination: Nomination) -> None:
    NOMINATION_WORKFLOW.apply(user, nomination, "withdraw")
    nomination.withdrawn_at = datetime.now(UTC)  # the retention period starts here


def put_on_roster(user: User, nomination: Nomination, day: date | None = None) -> Expert:
    """Create the roster entry of an accepted nominee, or refresh the entry of the same person."""
    day = day or today()
    expert = nomination.expert or db.session.scalar(
        db.select(Expert).where(Expert.organisation_id == nomination.organisation_id,
                                db.func.lower(Expert.email) == nomination.email.lower(),
                                Expert.erased_at.is_(None)).limit(1))
    created = expert is None
    old_review_by = None if created else expert.review_by
    if created:
        expert = Expert(organisation_id=nomination.organisation_id, name=nomination.name, accepted_on=day,
                        review_by=years_after(day, REVIEW_PERIOD_YEARS), status=EXPERT_WORKFLOW.initial)
        db.session.add(expert)
    for field in ("name", "email", "position", "expertise_areas", "days_per_year", "unavailable_periods",
                  "consent_on"):
        setattr(expert, field, getattr(nomination, field))
    if not created:
        expert.languages.clear()
        db.session.flush()  # the old rows go first: (expert, language) is unique
    expert.languages.extend(ExpertLanguage(language=lang.language, level=lang.level) for lang in nomination.languages)
    expert.accepted_on = day
    expert.review_by = years_after(day, REVIEW_PERIOD_YEARS)
    db.session.flush()
    nomination.expert_id = expert.id
    # Personal fields stay out of the audit log, so that an erasure leaves none behind.
    changes = {"nomination": [None, nomination.id], "review_by": [_iso(old_review_by), expert.review_by.isoformat()]}
    if created:
        audit.record(user, expert, "add_to_roster", to_state=expert.status, changes=changes)
    else:
        EXPERT_WORKFLOW.apply(user, expert, "renew_from_nomination", changes=changes)
    return expert


# The roster ---------------------------------------------------------------------------------------

ROSTER_STATUSES = {"active": _l("On the roster"), "overdue": _l("Past the review-by date"), "retired": _l("Retired"),
                   "all": _l("All")}


def roster_filters(args: Any, user: User) -> dict[str, Any]:
    """The roster's filters from the query string; unknown values mean "any"."""
    filters = {
        "q": args.get("q", "").strip()[:100],
        "expertise": args.get("expertise", "") if args.get("expertise") in EXPERTISE_AREAS else "",
        "language": args.get("language", "") if args.get("language") in LANGUAGES else "",
        "level": args.get("level", "") if args.get("level") in LEVELS else "",
        "country": args.get("country", "").strip().upper()[:16],
        "status": args.get("status", "active") if args.get("status") in ROSTER_STATUSES else "active",
        "min_days": "",
    }
    raw_days = args.get("min_days", "").strip()
    # Availability is visible to the core group only (and each country for its own experts), so only the
    # core group may filter on it: a filter would otherwise reveal it.
    if manages_roster(user) and to_number(raw_days, 1, 365):
        filters["min_days"] = raw_days
    return filters


def roster_query(filters: dict[str, Any], day: date | None = None) -> Select[Any]:
    """Roster entries matching the filters; languages are loaded with them, in one more query."""
    day = day or today()
    query = (db.select(Expert).join(Expert.organisation).where(Expert.erased_at.is_(None))
             .options(db.selectinload(Expert.languages)).order_by(Expert.name, Expert.id))
    if filters["status"] == "active":
        query = query.where(Expert.status == "active")
    elif filters["status"] == "overdue":
        query = query.where(Expert.status == "active", Expert.review_by < day)
    elif filters["status"] == "retired":
        query = query.where(Expert.status == "retired")
    if filters["q"]:
        query = query.where(db.func.lower(Expert.name).contains(filters["q"].lower(), autoescape=True))
    if filters["expertise"]:
        query = query.where(Expert.expertise_areas.contains(f",{filters['expertise']},"))
    if filters["language"] or filters["level"]:
        spoken = db.select(ExpertLanguage.expert_id).where(ExpertLanguage.level.in_(levels_at_least(filters["level"])))
        if filters["language"]:
            spoken = spoken.where(ExpertLanguage.language == filters["language"])
        query = query.where(Expert.id.in_(spoken))
    if filters["country"]:
        query = query.where(Organisation.code == filters["country"])
    if filters["min_days"]:
        query = query.where(Expert.days_per_year >= int(filters["min_days"]))
    return query


def proposals_of(expert: Expert) -> list[TrainerProposal]:
    return list(db.session.scalars(
        db.select(TrainerProposal).where(TrainerProposal.expert_id == expert.id)
        .options(db.joinedload(TrainerProposal.training)).order_by(TrainerProposal.created_at.desc())))


def nominations_of(expert: Expert) -> list[Nomination]:
    return list(db.session.scalars(
        db.select(Nomination).where(Nomination.expert_id == expert.id).order_by(Nomination.created_at)))


def retire(user: User, expert: Expert, reason: str) -> None:
    if EXPERT_WORKFLOW.state(expert) not in EXPERT_WORKFLOW.transition("retire").sources:
        raise RosterError("reason", _("This expert is already retired."))  # shown next to the reason, 409
    EXPERT_WORKFLOW.apply(user, expert, "retire", note=reason)


def reconfirm(user: User, expert: Expert) -> None:
    """The core group confirms the entry for another period; a retired expert comes back too."""
    old_review_by, review_by = expert.review_by, years_after(today(), REVIEW_PERIOD_YEARS)
    EXPERT_WORKFLOW.apply(user, expert, "reconfirm",
                          changes={"review_by": [old_review_by.isoformat(), review_by.isoformat()]})
    expert.review_by = review_by


def expert_addresses() -> set[str]:
    """The e-mail addresses of the roster's experts and nominees (for the operational-data guard)."""
    return {*db.session.scalars(db.select(Expert.email).where(Expert.email != "")),
            *db.session.scalars(db.select(Nomination.email).where(Nomination.email != ""))}
