"""Records every module shares: the audit log, the settings administrators choose for the whole intranet."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from app.core.markings import Marked
from app.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class AuditEvent(db.Model):
    """One change to one record: who, what, when, and from which state to which."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_record", "record_type", "record_id"),
        Index("ix_audit_events_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    record_type: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[int | None]  # None for events about no record, e.g. a failed log-in to an unknown account
    action: Mapped[str] = mapped_column(String(50))
    from_state: Mapped[str | None] = mapped_column(String(40))
    to_state: Mapped[str | None] = mapped_column(String(40))
    changes: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(45))  # the client's address, for an investigator

    actor = relationship("User", lazy="joined")


class Attachment(Marked, db.Model):
    """A file attached to a record of any module. Stored under a random name, never the user's."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_record", "record_type", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    record_type: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[int]
    filename: Mapped[str] = mapped_column(String(255))  # shown to users, cleaned
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    uploaded_by = relationship("User")

    @property
    def shown_name(self) -> str:
        """The name it is listed and downloaded under: one extension, its type's (names stored before that rule,
        such as ``invoice.pdf.exe``, read as their download does)."""
        from app.core.uploads import download_name

        return download_name(self.filename, self.content_type)


class CountryAnswer:
    """The shape of one country's answer on a record, once per country: "affects us too" on an obstacle,
    "we adopted it" on a best practice. The subclass adds the key to its record and the unique constraint."""

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @declared_attr
    def organisation(cls) -> Mapped[Any]:
        return relationship("Organisation", lazy="joined")


class Comment:
    """The shape of a comment in a record's discussion (Markdown); the subclass adds the key to its record."""

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @declared_attr
    def author(cls) -> Mapped[Any]:
        return relationship("User", lazy="joined")


class SiteSetting(db.Model):
    """A setting an administrator chooses for the whole intranet (the second factor required of everyone,
    whether associated countries report obstacles and practices), by name."""

    __tablename__ = "site_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
