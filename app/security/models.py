"""Records of security: sessions, failed log-ins, recovery codes."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

# SiteSetting (the site-wide settings, second factor included) lives in app.core.models: other modules keep
# settings there too. Imported here for the code that knew it from this module.
from app.core.models import SiteSetting, utcnow  # noqa: F401
from app.extensions import db


class UserSession(db.Model):
    """One logged-in browser. The cookie holds a random token; only its SHA-256 hash is stored, and
    the session ends on the server (logout, timeout, "log out everywhere"), not only in the cookie."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    address: Mapped[str | None] = mapped_column(String(45))

    user = relationship("User", lazy="joined")


class FailedLogin(db.Model):
    """A failed log-in attempt (wrong password, unknown account or wrong code): what throttling counts.

    Kept in the database so the limits hold when several application servers share it."""

    __tablename__ = "failed_logins"
    __table_args__ = (
        Index("ix_failed_logins_account_attempted_at", "account", "attempted_at"),
        Index("ix_failed_logins_address_attempted_at", "address", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(254))  # the e-mail address typed, lower-case
    address: Mapped[str] = mapped_column(String(45))
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)


class RecoveryCode(db.Model):
    """A single-use recovery code for the second factor; stored as a SHA-256 hash (the codes are random)."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]
