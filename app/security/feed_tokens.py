"""Personal calendar-feed tokens: a secret in the feed's URL instead of a session, stored only as a hash.

Issued and revoked on the account's settings page, read by the meetings module's feed: both reach it here,
below them, so neither imports the other.
"""

import secrets
from datetime import UTC, datetime

from app.core import audit
from app.core.i18n import _l
from app.extensions import db
from app.network.models import User
from app.security.sessions import token_hash

audit.describe(actions={"create_calendar_feed": _l("calendar feed made"),
                        "regenerate_calendar_feed": _l("calendar feed renewed"),
                        "revoke_calendar_feed": _l("calendar feed revoked")})


def issue_feed_token(user: User) -> str:
    """A new secret feed token (replacing any previous one); returned once, stored only as a hash."""
    token = secrets.token_urlsafe(32)
    renewed = user.calendar_token_hash is not None
    user.calendar_token_hash = token_hash(token)
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
    user = db.session.scalar(db.select(User).where(User.calendar_token_hash == token_hash(token)))
    return user if user is not None and user.active else None
