"""Experts on the roster, their nominations and reviews, and training activities with their trainers."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import audit
from app.core.i18n import _, _l
from app.core.models import utcnow
from app.extensions import db
from app.network.models import Organisation, User
from app.roster.vocabulary import EXPERTISE_AREAS, LANGUAGES, LEVELS, SCORE_CRITERIA, split_codes


class LanguageMixin:
    language: Mapped[str] = mapped_column(String(8))
    level: Mapped[str] = mapped_column(String(8))

    @property
    def language_label(self) -> str:
        return str(LANGUAGES.get(self.language, self.language))

    @property
    def level_label(self) -> str:
        return str(LEVELS.get(self.level, self.level))

    def __str__(self) -> str:
        return f"{self.language_label} ({self.level_label})"


class ExpertiseMixin:
    expertise_areas: Mapped[str] = mapped_column(String(300), default="")

    @property
    def areas(self) -> list[str]:
        return split_codes(self.expertise_areas)

    @property
    def area_labels(self) -> list[str]:
        return [str(EXPERTISE_AREAS.get(a, a)) for a in self.areas]


# An entry's states, as its history shows them ("erased" is only ever an audit event's state).
EXPERT_STATES = {"active": _l("On the roster"), "retired": _l("Retired"), "erased": _l("Erased")}


class Expert(ExpertiseMixin, db.Model):
    """A person on the roster: accepted through a nomination by their country."""

    __tablename__ = "experts"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'retired')", name="status"),
        # Covers the roster's order (name) and its default filter (active, not erased).
        Index("ix_experts_listing", "status", "name", "id", "erased_at", "organisation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    days_per_year: Mapped[int | None]
    unavailable_periods: Mapped[str] = mapped_column(String(300), default="")
    consent_on: Mapped[date | None]
    accepted_on: Mapped[date]
    review_by: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    erased_at: Mapped[datetime | None]
    # The reference a spreadsheet import gave it (app/imports): the next import of that row finds it again.
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True)

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    languages: Mapped[list["ExpertLanguage"]] = relationship(
        back_populates="expert", cascade="all, delete-orphan", order_by="ExpertLanguage.id"
    )
    proposals: Mapped[list["TrainerProposal"]] = relationship(back_populates="expert")

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def is_active(self) -> bool:
        return self.status == "active" and not self.is_erased

    def review_overdue(self, day: date) -> bool:
        return self.is_active and self.review_by < day

    def review_long_overdue(self, day: date, grace_days: int) -> bool:
        """Past the review-by date by more than the grace period: flagged to administrators."""
        return self.is_active and (day - self.review_by).days > grace_days

    def __str__(self) -> str:
        return self.name


class ExpertLanguage(LanguageMixin, db.Model):
    __tablename__ = "expert_languages"
    __table_args__ = (UniqueConstraint("expert_id", "language", name="uq_expert_languages_expert_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("experts.id", ondelete="CASCADE"), index=True)
    expert: Mapped[Expert] = relationship(back_populates="languages")


NOMINATION_STATES = {
    "submitted": _l("Submitted"),
    "under_review": _l("Under review"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
}


class Nomination(ExpertiseMixin, db.Model):
    """A country's proposal of one of its experts for the roster, reviewed by the core group."""

    __tablename__ = "nominations"
    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted', 'under_review', 'accepted', 'declined', 'withdrawn')", name="status"
        ),
        # Covers the newest-first list, filtered by status or by the nominating country.
        Index("ix_nominations_listing", "created_at", "id", "status", "organisation_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    expert_id: Mapped[int | None] = mapped_column(ForeignKey("experts.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), default="")
    position: Mapped[str] = mapped_column(String(200), default="")
    days_per_year: Mapped[int | None]
    unavailable_periods: Mapped[str] = mapped_column(String(300), default="")
    motivation: Mapped[str] = mapped_column(Text, default="")
    consent: Mapped[bool] = mapped_column(default=False)
    consent_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    # Shown to the nominating country; the reviews' notes and scores are not.
    decision_message: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None]
    # When the nominating country withdrew it: with decided_at, where the retention period of a closed
    # nomination starts (app.roster.retention).
    withdrawn_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    erased_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    organisation: Mapped[Organisation] = relationship(lazy="joined")
    nominated_by: Mapped[User | None] = relationship()
    expert: Mapped[Expert | None] = relationship()
    languages: Mapped[list["NominationLanguage"]] = relationship(
        back_populates="nomination", cascade="all, delete-orphan", order_by="NominationLanguage.id"
    )
    reviews: Mapped[list["NominationReview"]] = relationship(
        back_populates="nomination", cascade="all, delete-orphan", order_by="NominationReview.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def status_label(self) -> str:
        return str(NOMINATION_STATES[self.status])

    def __str__(self) -> str:
        return self.name


class NominationLanguage(LanguageMixin, db.Model):
    __tablename__ = "nomination_languages"
    __table_args__ = (
        UniqueConstraint("nomination_id", "language", name="uq_nomination_languages_nomination_language"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), index=True)
    nomination: Mapped[Nomination] = relationship(back_populates="languages")


class NominationReview(db.Model):
    """One core-group reviewer's notes and scores (1..5 on each criterion); internal to the core group.
    A reviewer has one review per nomination, which they may change while the nomination is under review."""

    __tablename__ = "nomination_reviews"
    __table_args__ = (
        *(CheckConstraint(f"{column} BETWEEN 1 AND 5", name=column) for column in SCORE_CRITERIA),
        UniqueConstraint("nomination_id", "reviewer_id", name="uq_nomination_reviews_nomination_reviewer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    score_expertise: Mapped[int]
    score_training: Mapped[int]
    score_languages: Mapped[int]
    score_availability: Mapped[int]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime | None]

    nomination: Mapped[Nomination] = relationship(back_populates="reviews")
    reviewer: Mapped[User | None] = relationship(lazy="joined")

    @property
    def total(self) -> int:
        return sum(getattr(self, column) for column in SCORE_CRITERIA)


TRAINING_STATES = {"proposed": _l("Proposed"), "planned": _l("Planned"), "delivered": _l("Delivered"),
                   "cancelled": _l("Cancelled")}


class TrainingActivity(ExpertiseMixin, db.Model):
    """A training for SPOC staff, planned by the core group and given by trainers from the roster."""

    __tablename__ = "training_activities"
    __table_args__ = (
        CheckConstraint("ends_on >= starts_on", name="dates"),
        CheckConstraint("status IN ('proposed', 'planned', 'delivered', 'cancelled')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    aim: Mapped[str] = mapped_column(Text, default="")
    target_audience: Mapped[str] = mapped_column(String(300), default="")
    starts_on: Mapped[date] = mapped_column(index=True)
    ends_on: Mapped[date]
    online: Mapped[bool] = mapped_column(default=False)
    place: Mapped[str] = mapped_column(String(200), default="")
    # None: the core group itself organises; otherwise a Member State or CEPOL.
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    languages: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="proposed", index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    organiser: Mapped[Organisation | None] = relationship(lazy="joined")
    trainers: Mapped[list["TrainerProposal"]] = relationship(
        back_populates="training", cascade="all, delete-orphan", order_by="TrainerProposal.id"
    )
    participants: Mapped[list["TrainingParticipants"]] = relationship(
        back_populates="training", cascade="all, delete-orphan", order_by="TrainingParticipants.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def status_label(self) -> str:
        return str(TRAINING_STATES[self.status])

    @property
    def organiser_label(self) -> str:
        return self.organiser.name if self.organiser else _("The core group")

    @property
    def language_codes(self) -> list[str]:
        return split_codes(self.languages)

    @property
    def language_labels(self) -> list[str]:
        return [str(LANGUAGES.get(code, code)) for code in self.language_codes]

    @property
    def participant_total(self) -> int:
        return sum(p.participants for p in self.participants)

    def __str__(self) -> str:
        return self.title


PROPOSAL_STATES = {"proposed": _l("Proposed"), "confirmed": _l("Confirmed"), "declined": _l("Declined")}


class TrainerProposal(db.Model):
    """An expert proposed as a trainer for one activity, then confirmed or declined by the core group."""

    __tablename__ = "training_trainers"
    __table_args__ = (
        UniqueConstraint("training_id", "expert_id", name="uq_training_trainers_training_expert"),
        CheckConstraint("status IN ('proposed', 'confirmed', 'declined')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    training_id: Mapped[int] = mapped_column(ForeignKey("training_activities.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("experts.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    training: Mapped[TrainingActivity] = relationship(back_populates="trainers")
    expert: Mapped[Expert] = relationship(back_populates="proposals", lazy="joined")

    @property
    def status_label(self) -> str:
        return str(PROPOSAL_STATES[self.status])


class TrainingParticipants(db.Model):
    """How many people of one country took part in a delivered training."""

    __tablename__ = "training_participants"
    __table_args__ = (
        UniqueConstraint("training_id", "organisation_id", name="uq_training_participants_training_organisation"),
        CheckConstraint("participants > 0", name="participants"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    training_id: Mapped[int] = mapped_column(ForeignKey("training_activities.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    participants: Mapped[int]

    training: Mapped[TrainingActivity] = relationship(back_populates="participants")
    organisation: Mapped[Organisation] = relationship(lazy="joined")


# How the history names the roster's actions and the fields they change ("participants XX", one country's
# count, reads the same in French and English).
audit.describe(
    actions={
        "submit": _l("submitted"), "start_review": _l("review started"), "review": _l("review recorded"),
        "change_review": _l("review changed"),
        "accept": _l("accepted"), "decline": _l("declined"), "withdraw": _l("withdrawn"),
        "add_to_roster": _l("added to the roster"), "renew_from_nomination": _l("renewed by a new nomination"),
        "retire": _l("retired from the roster"), "reconfirm": _l("re-confirmed on the roster"),
        "erase": _l("personal data erased"), "export": _l("personal data exported"),
        "plan": _l("planned"), "deliver": _l("delivered"), "cancel": _l("cancelled"), "confirm": _l("confirmed"),
        "propose_trainer": _l("trainer proposed"), "participants": _l("participants recorded"),
    },
    fields={
        "aim": _l("aim"), "target_audience": _l("target audience"), "starts_on": _l("first day"),
        "ends_on": _l("last day"), "online": _l("online"), "place": _l("place"), "organiser_id": _l("organiser"),
        "expertise_areas": _l("areas of expertise"), "languages": _l("languages"), "review": _l("review"),
        "nomination": _l("nomination"), "review_by": _l("review-by date"), "trainer": _l("trainer"),
        "notes": _l("review notes"), **SCORE_CRITERIA,
    },
)
