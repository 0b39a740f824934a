"""Obstacles, the countries on the other side, "affects us too" answers and comments."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import audit
from app.core.i18n import _l
from app.core.markings import Marked
from app.core.models import Comment, CountryAnswer, utcnow
from app.core.workflow import workflow_for
from app.extensions import db
from app.network.models import LegalInstrument, Organisation, User

KINDS = {
    "legal": _l("Legal"),
    "operational": _l("Operational"),
    "technical": _l("Technical"),
    "linguistic": _l("Linguistic"),
    "organisational": _l("Organisational"),
}
IMPACTS = {"low": _l("Low"), "medium": _l("Medium"), "high": _l("High")}

obstacle_counterparts = Table(
    "obstacle_counterparts",
    db.metadata,
    Column("obstacle_id", ForeignKey("obstacles.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id"), primary_key=True, index=True),
)


class Obstacle(Marked, db.Model):
    """A legal or pragmatic obstacle to cross-border law-enforcement cooperation, reported by a Member State."""

    __tablename__ = "obstacles"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('legal', 'operational', 'technical', 'linguistic', 'organisational')", name="kind"),
        CheckConstraint("impact IN ('low', 'medium', 'high')", name="impact"),
        CheckConstraint(
            "status IN ('reported', 'under_discussion', 'action_agreed', 'resolved', 'closed')", name="status"),
        Index("ix_obstacles_status_activity", "status", "last_activity_at"),
        # A country's agreed actions on the dashboard (status = 'action_agreed'), and any lookup by owner.
        Index("ix_obstacles_action_owner_status", "action_owner_id", "status"),
        # Covers the newest-first list filtered by status and kind (see app/core/pagination.py).
        Index("ix_obstacles_listing", "created_at", "id", "status", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    impact: Mapped[str] = mapped_column(String(10), default="medium")
    instrument_id: Mapped[int] = mapped_column(ForeignKey("legal_instruments.id"), index=True)
    reporting_org_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    reported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20), default="reported", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Moves with edits, transitions, comments and "affects us too": the "recently active" sort.
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Kept equal to len(affected): lists sort and filter by it without counting rows per page.
    affected_count: Mapped[int] = mapped_column(default=0, index=True)
    agreed_action: Mapped[str | None] = mapped_column(Text)
    action_owner_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    action_due_on: Mapped[date | None] = mapped_column(index=True)
    resolution: Mapped[str | None] = mapped_column(Text)
    closed_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    # The reference a spreadsheet import gave it (app/imports): the next import of that row finds it again.
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True)

    instrument: Mapped[LegalInstrument] = relationship(lazy="joined")
    reporting_org: Mapped[Organisation] = relationship(foreign_keys=[reporting_org_id], lazy="joined")
    reported_by: Mapped[User | None] = relationship(foreign_keys=[reported_by_id])
    action_owner: Mapped[Organisation | None] = relationship(foreign_keys=[action_owner_id], lazy="joined")
    counterparts: Mapped[list[Organisation]] = relationship(
        secondary=obstacle_counterparts, order_by=Organisation.name, lazy="selectin")
    affected: Mapped[list["ObstacleAffected"]] = relationship(
        back_populates="obstacle", cascade="all, delete-orphan", order_by="ObstacleAffected.created_at")
    comments: Mapped[list["ObstacleComment"]] = relationship(
        back_populates="obstacle", cascade="all, delete-orphan", order_by="ObstacleComment.created_at")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_open(self) -> bool:
        return self.status in workflow_for(self).open_states  # OBSTACLE_WORKFLOW (its module imports this one)

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def impact_label(self) -> str:
        return str(IMPACTS[self.impact])

    def __str__(self) -> str:
        return self.title


class ObstacleAffected(CountryAnswer, db.Model):
    """One Member State saying "this affects us too" (one answer per country, not per user)."""

    __tablename__ = "obstacle_affected"
    __table_args__ = (UniqueConstraint("obstacle_id", "organisation_id", name="uq_obstacle_affected_country"),)

    obstacle_id: Mapped[int] = mapped_column(ForeignKey("obstacles.id", ondelete="CASCADE"))
    obstacle: Mapped[Obstacle] = relationship(back_populates="affected")


class ObstacleComment(Comment, db.Model):
    """A comment in an obstacle's discussion; its author may correct it for a while (``edited_at``)."""

    __tablename__ = "obstacle_comments"

    obstacle_id: Mapped[int] = mapped_column(ForeignKey("obstacles.id", ondelete="CASCADE"), index=True)
    edited_at: Mapped[datetime | None]
    obstacle: Mapped[Obstacle] = relationship(back_populates="comments")


# How the history and the audit log name what the obstacles tracker records (app/obstacles/services.py and
# the workflow's actions); the edit form's fields are the columns record_edit may report.
audit.describe(
    actions={
        "report": _l("reported"),
        "discuss": _l("put under discussion"),
        "agree_action": _l("agreed action recorded"),
        "resolve": _l("marked resolved"),
        "close": _l("closed"),
        "affects_us_too": _l("“affects us too” answered"),
        "withdraw_affects_us_too": _l("“affects us too” withdrawn"),
        "comment": _l("comment posted"),
    },
    fields={
        "reporting_country": _l("reporting country"),
        "kind": _l("kind"),
        "impact": _l("impact"),
        "instrument_id": _l("instrument or channel"),
        "countries_on_the_other_side": _l("countries on the other side"),
        "agreed_action": _l("agreed action"),
        "action_owner_id": _l("action owner"),
        "owner": _l("action owner"),
        "action_due_on": _l("due date"),
        "due_on": _l("due date"),
        "resolution": _l("resolution"),
        "closed_reason": _l("reason for closing"),
        "country": _l("country"),
        "obstacle": _l("obstacle"),
        "marking_id": _l("handling marking"),
    },
)
