"""Personal settings: the time zone, and the calendar-feed token (only its hash is stored)."""

import hashlib
import secrets
from datetime import UTC, datetime

from app.core import audit
from app.extensions import db
from app.network.models import User


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def set_timezone(user: User, name: str) -> bool:
    user.timezone = name
    return audit.record_edit(user, user, "edit_settings")


def issue_feed_token(user: User) -> str:
    """A new secret feed token (replacing any previous one); returned once, stored only as a hash."""
    token = secrets.token_urlsafe(32)
    renewed = user.calendar_token_hash is not None
    user.calendar_token_hash = _hash(token)
    user.calendar_token_created_at = datetime.now(UTC)
    audit.record(user, user, "regenerate_calendar_feed" if renewed else "create_calendar_feed")
    return token


def revoke_feed_token(user: User) -> bool:
    if user.calendar_token_hash is None:
        return False
    user.calendar_token_hash = None
    user.calendar_token_created_at = None
    audit.record(user, user, "revoke_calendar_feed")
    return True


def user_for_feed_token(token: str) -> User | None:
    """The active user whose feed token this is, or None (wrong, revoked, or a deactivated account)."""
    if not token or len(token) > 128:
        return None
    user = db.session.scalar(db.select(User).where(User.calendar_token_hash == _hash(token)))
    return user if user is not None and user.active else None
