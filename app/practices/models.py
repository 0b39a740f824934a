"""Best practices, their tags, instruments, adoptions, comments, and links to the obstacles they address."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import audit
from app.core.i18n import _l
from app.core.markings import Marked
from app.core.models import Comment, CountryAnswer, utcnow
from app.extensions import db
from app.network.models import LegalInstrument, Organisation, User
from app.obstacles.models import Obstacle

TOPICS = {
    "organisation": _l("SPOC organisation"),
    "case_handling": _l("Case handling and workflows"),
    "channels": _l("Information-exchange channels"),
    "operations_24_7": _l("24/7 operations"),
    "data_quality": _l("Data quality and protection"),
    "training": _l("Training"),
    "it_tools": _l("IT tools"),
}

practice_instruments = Table(
    "practice_instruments",
    db.metadata,
    Column("practice_id", ForeignKey("best_practices.id", ondelete="CASCADE"), primary_key=True),
    Column("instrument_id", ForeignKey("legal_instruments.id"), primary_key=True, index=True),
)

practice_tags = Table(
    "practice_tags",
    db.metadata,
    Column("practice_id", ForeignKey("best_practices.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True, index=True),
)

# Which best practices address which obstacles; shown on both pages.
obstacle_practice_links = Table(
    "obstacle_practice_links",
    db.metadata,
    Column("obstacle_id", ForeignKey("obstacles.id", ondelete="CASCADE"), primary_key=True),
    Column("practice_id", ForeignKey("best_practices.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(db.Model):
    """A free tag, stored lower-case so "SIENA" and "siena" are one tag on every database."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class BestPractice(Marked, db.Model):
    """A practice a Member State found to work, submitted for the network to endorse and others to adopt."""

    __tablename__ = "best_practices"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'submitted', 'endorsed', 'archived')", name="status"),
        Index("ix_best_practices_status_created", "status", "created_at"),
        # Covers the list's filter and order, so a page deep down the list is found without reading rows.
        Index("ix_best_practices_listing", "created_at", "id", "status", "submitted_at", "country_id"),
        # The dashboard's "recently shared": newest submissions first, without sorting every practice.
        Index("ix_best_practices_submitted", "submitted_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    topic: Mapped[str] = mapped_column(String(30), index=True)
    country_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    submitted_at: Mapped[datetime | None]
    endorsed_on: Mapped[date | None]
    endorsed_at_occasion: Mapped[str | None] = mapped_column(String(200))
    archived_reason: Mapped[str | None] = mapped_column(Text)
    # Kept equal to len(adoptions), so lists sort by it without counting per row.
    adoption_count: Mapped[int] = mapped_column(default=0, index=True)
    version: Mapped[int] = mapped_column(default=1)
    # The reference a spreadsheet import gave it (app/imports): the next import of that row finds it again.
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True)

    country: Mapped[Organisation] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()
    instruments: Mapped[list[LegalInstrument]] = relationship(
        secondary=practice_instruments, order_by=LegalInstrument.position, lazy="selectin")
    tags: Mapped[list[Tag]] = relationship(secondary=practice_tags, order_by=Tag.name, lazy="selectin")
    obstacles: Mapped[list[Obstacle]] = relationship(secondary=obstacle_practice_links, order_by=Obstacle.title,
                                                     backref="practices")
    adoptions: Mapped[list["PracticeAdoption"]] = relationship(
        back_populates="practice", cascade="all, delete-orphan", order_by="PracticeAdoption.created_at")
    comments: Mapped[list["PracticeComment"]] = relationship(
        back_populates="practice", cascade="all, delete-orphan", order_by="PracticeComment.created_at")

    __mapper_args__ = {"version_id_col": version}

    @property
    def topic_label(self) -> str:
        return str(TOPICS.get(self.topic, self.topic))

    @property
    def was_shared(self) -> bool:
        """Whether the network has seen it (submitted once); a never-submitted practice stays private."""
        return self.submitted_at is not None

    def __str__(self) -> str:
        return self.title


class PracticeAdoption(CountryAnswer, db.Model):
    """A Member State saying "we adopted this", with how it went; once per country."""

    __tablename__ = "practice_adoptions"
    __table_args__ = (UniqueConstraint("practice_id", "organisation_id", name="uq_practice_adoptions_country"),)

    practice_id: Mapped[int] = mapped_column(ForeignKey("best_practices.id", ondelete="CASCADE"))
    practice: Mapped[BestPractice] = relationship(back_populates="adoptions")


class PracticeComment(Comment, db.Model):
    """A comment on a shared practice; agencies comment too."""

    __tablename__ = "practice_comments"

    practice_id: Mapped[int] = mapped_column(ForeignKey("best_practices.id", ondelete="CASCADE"), index=True)
    practice: Mapped[BestPractice] = relationship(back_populates="comments")


# How the history and the audit log name what the register records (app/practices/services.py, the workflow's
# actions, the documents); the fields are the form's columns and the lists update_practice compares.
audit.describe(
    actions={
        "submit": _l("submitted"),
        "endorse": _l("endorsed"),
        "archive": _l("archived"),
        "adopt": _l("adoption recorded"),
        "withdraw_adoption": _l("adoption withdrawn"),
        "comment": _l("comment posted"),
    },
    fields={
        "summary": _l("summary"),
        "topic": _l("topic"),
        "country": _l("country"),
        "instruments": _l("instruments and channels"),
        "tags": _l("tags"),
        "obstacles": _l("obstacles addressed"),
        "endorsed_on": _l("endorsement date"),
        "occasion": _l("occasion"),
        "endorsed_at_occasion": _l("occasion"),
        "archived_reason": _l("reason for archiving"),
        "practice": _l("best practice"),
        "attachment": _l("document"),
    },
)
