"""Meetings of the network: agenda, invitations and answers, minutes, actions agreed."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.i18n import _l, _lp
from app.core.limits import in_zone
from app.core.markings import Marked, Marking, parent_marking_id
from app.core.models import utcnow
from app.extensions import db
from app.network.models import Organisation, PresidencyTerm, User
from app.obstacles.models import Obstacle
from app.practices.models import BestPractice

MEETING_STATES = {
    "planned": _l("Planned"),
    "convened": _l("Convened"),
    "held": _lp("meeting status", "Held"),
    "minutes_published": _l("Minutes published"),
    "cancelled": _l("Cancelled"),
}
ANSWERS = {"attending": _l("Attending"), "tentative": _l("Tentative"), "not_attending": _l("Not attending")}
ACTION_STATES = {"open": _l("Open"), "done": _l("Done")}


def _new_uid() -> str:
    return f"{uuid.uuid4()}@spoc-network"


class Meeting(Marked, db.Model):
    """A meeting of the network, convened by the Presidency of the half-year it starts in."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="times"),
        CheckConstraint(
            "status IN ('planned', 'convened', 'held', 'minutes_published', 'cancelled')", name="status"
        ),
        Index("ix_meetings_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stable across edits: calendar clients recognise the event by it (RFC 5545 UID).
    uid: Mapped[str] = mapped_column(String(80), unique=True, default=_new_uid)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64))  # IANA name of the place's zone
    place: Mapped[str] = mapped_column(String(200), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    presidency_term_id: Mapped[int] = mapped_column(ForeignKey("presidency_terms.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    minutes: Mapped[str] = mapped_column(Text, default="")
    minutes_published_at: Mapped[datetime | None]
    # The minutes carry their own marking, the meeting's unless chosen otherwise.
    minutes_marking_id: Mapped[int] = mapped_column(ForeignKey("markings.id"), index=True, default=parent_marking_id)
    # Rises with every change a calendar client should pick up (RFC 5545 SEQUENCE).
    sequence: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # The reference a past meeting imported from a spreadsheet keeps (app/meetings/imports.py).
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True)

    presidency_term: Mapped[PresidencyTerm] = relationship(lazy="joined")
    created_by: Mapped[User | None] = relationship()
    minutes_marking: Mapped[Marking] = relationship(foreign_keys=[minutes_marking_id], lazy="joined")
    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    invitations: Mapped[list["MeetingInvitation"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )
    actions: Mapped[list["MeetingAction"]] = relationship(
        back_populates="meeting", order_by="MeetingAction.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    # In UTC instead when the place's clock would be past the year 9999 (a meeting stored outside the forms).
    @property
    def local_start(self) -> datetime:
        return in_zone(self.starts_at, self.zone)

    @property
    def local_end(self) -> datetime:
        return in_zone(self.ends_at, self.zone)

    @property
    def status_label(self) -> str:
        return str(MEETING_STATES[self.status])

    @property
    def convening_organisation(self) -> Organisation:
        return self.presidency_term.organisation

    @property
    def agenda_minutes(self) -> int:
        return sum(item.duration_minutes or 0 for item in self.agenda_items)

    def __str__(self) -> str:
        return self.title


class AgendaItem(db.Model):
    """One point of a meeting's agenda, in order."""

    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration"),
        # Most items discuss no record: the indexes hold only those that do (see migration 0017_page_indexes).
        *(Index(f"ix_agenda_items_{column}", column, sqlite_where=text(f"{column} IS NOT NULL"),
                postgresql_where=text(f"{column} IS NOT NULL")) for column in ("obstacle_id", "practice_id")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    duration_minutes: Mapped[int | None]
    # The record the item discusses, if any: shown on that record's page too.
    obstacle_id: Mapped[int | None] = mapped_column(ForeignKey("obstacles.id", ondelete="SET NULL"))
    practice_id: Mapped[int | None] = mapped_column(ForeignKey("best_practices.id", ondelete="SET NULL"))

    meeting: Mapped[Meeting] = relationship(back_populates="agenda_items")
    presenter: Mapped[Organisation | None] = relationship(lazy="joined")
    obstacle: Mapped["Obstacle | None"] = relationship(lazy="joined")
    practice: Mapped["BestPractice | None"] = relationship(lazy="joined")


class MeetingInvitation(db.Model):
    """An organisation invited to a meeting: every Member State on convening, agencies by choice."""

    __tablename__ = "meeting_invitations"
    __table_args__ = (UniqueConstraint("meeting_id", "organisation_id", name="uq_meeting_invitations_organisation"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why an agency's expertise is needed
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="invitations")
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    answer: Mapped["MeetingAnswer | None"] = relationship(
        back_populates="invitation", cascade="all, delete-orphan", uselist=False
    )


class MeetingAnswer(db.Model):
    """The one answer (RSVP) of an invited organisation for its delegation."""

    __tablename__ = "meeting_answers"
    __table_args__ = (
        CheckConstraint("answer IN ('attending', 'tentative', 'not_attending')", name="answer"),
        CheckConstraint("delegates >= 0", name="delegates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique: one answer per invitation, i.e. per invited organisation and meeting.
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("meeting_invitations.id", ondelete="CASCADE"), unique=True
    )
    answer: Mapped[str] = mapped_column(String(20))
    delegates: Mapped[int] = mapped_column(default=0)
    delegate_names: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)

    invitation: Mapped[MeetingInvitation] = relationship(back_populates="answer")
    answered_by: Mapped[User | None] = relationship(lazy="joined")

    @property
    def label(self) -> str:
        return str(ANSWERS[self.answer])


class MeetingAction(db.Model):
    """An action agreed at a meeting, owned by a country or agency, until it is done."""

    __tablename__ = "meeting_actions"
    __table_args__ = (CheckConstraint("status IN ('open', 'done')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    due_on: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    meeting: Mapped[Meeting] = relationship(back_populates="actions")
    owner: Mapped[Organisation] = relationship(lazy="joined")

    @property
    def status_label(self) -> str:
        return str(ACTION_STATES[self.status])

    @property
    def marking(self) -> Marking:
        """An action is read as its meeting is (notifications ask a record for its marking)."""
        return self.meeting.marking
