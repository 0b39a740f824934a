"""The outgoing mail queue, each user's choices per kind of message, and permanently refused addresses."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core import audit
from app.core.i18n import _l
from app.core.models import utcnow
from app.extensions import db
from app.network.models import User

# How a user wants one kind of message: at once, gathered in a weekly digest, or not at all.
DELIVERIES = {"immediate": _l("Immediately"), "digest": _l("In a weekly digest"), "never": _l("Never")}

# queued: waiting (or waiting to be retried); sending: claimed by one sender; sent: accepted by the SMTP server;
# digested: gathered into a digest message (which is queued itself); refused: the server refused the address
# for good.
NOTIFICATION_STATES = ("queued", "sending", "sent", "digested", "refused")


class Notification(db.Model):
    """One message to one person, rendered when the change happened and queued in the same transaction."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'sending', 'sent', 'digested', 'refused')", name="status"),
        CheckConstraint("delivery IN ('immediate', 'digest')", name="delivery"),
        # The sender's claim: queued messages due now, oldest first.
        Index("ix_notifications_due", "status", "delivery", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(500), default="")
    # An .ics for meeting messages; None for the others.
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    attachment_name: Mapped[str | None] = mapped_column(String(100))
    record_type: Mapped[str | None] = mapped_column(String(50))
    record_id: Mapped[int | None]
    delivery: Mapped[str] = mapped_column(String(10), default="immediate")
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by the sender that claimed the row; only that sender may mark it sent.
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # Periodic messages (reminders, actions due) carry a key, so that a message is produced at most once.
    dedup_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    # The digest message a digested item went out in.
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("notifications.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()


class NotificationPreference(db.Model):
    """A user's choice for one kind of message; without a row the kind's default applies."""

    __tablename__ = "notification_preferences"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", name="uq_notification_preferences_user_kind"),
        CheckConstraint("delivery IN ('immediate', 'digest', 'never')", name="delivery"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    delivery: Mapped[str] = mapped_column(String(10))


class RefusedAddress(db.Model):
    """An address the SMTP server refused for good (5xx): nothing more is sent to it until an administrator
    clears it, e.g. after correcting the user's e-mail."""

    __tablename__ = "refused_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(254), unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    refused_at: Mapped[datetime] = mapped_column(default=utcnow)
    messages: Mapped[int] = mapped_column(default=1)


# How the history and the audit log name what administrators do on the delivery page.
audit.describe(actions={"clear": _l("cleared")}, fields={"address": _l("address")})
