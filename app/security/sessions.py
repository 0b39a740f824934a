"""Server-side sessions: each login is a row; the signed cookie only carries a random token.

Flask's session cookie alone cannot be revoked: a copy keeps working until it expires. Here the
cookie's token must match a session row that has not ended, has been used within the idle timeout
and is younger than the absolute timeout, and the user's ``session_version`` must still match
(password change, deactivation and "log out everywhere" bump it). The row lives in the database,
so this holds across several application servers.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from flask import current_app, session

from app.core.audit import client_address
from app.extensions import db
from app.network.models import User
from app.security.models import UserSession

SESSION_KEY = "_sid"
# last_seen_at is written at most this often, not on every request.
_TOUCH_EVERY = timedelta(seconds=60)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> str:
    """A new server-side session for ``user``; returns the token to keep in the cookie."""
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, token_hash=token_hash(token), address=client_address()))
    return token


def session_for(token: str | None) -> UserSession | None:
    """The live session row for a cookie token, with its user, or None (ended, timed out, unknown)."""
    if not token or not isinstance(token, str) or len(token) > 128:
        return None
    row = db.session.scalar(db.select(UserSession).where(UserSession.token_hash == token_hash(token)))
    if row is None or row.ended_at is not None:
        return None
    now = datetime.now(UTC)
    config = current_app.config
    if now - row.created_at > config["SESSION_ABSOLUTE_TIMEOUT"] or now - row.last_seen_at > config[
        "SESSION_IDLE_TIMEOUT"
    ]:
        row.ended_at = now
        db.session.commit()
        return None
    if now - row.last_seen_at > _TOUCH_EVERY:
        row.last_seen_at = now
        db.session.commit()
    return row


def end_current_session() -> None:
    """Logout: the current session row ends, so a copy of the cookie stops working."""
    token = session.get(SESSION_KEY)
    if token:
        db.session.execute(
            db.update(UserSession)
            .where(UserSession.token_hash == token_hash(token), UserSession.ended_at.is_(None))
            .values(ended_at=datetime.now(UTC))
        )


def end_all_sessions(user: User) -> int:
    """End every session of ``user`` (log out everywhere, password change, deactivation)."""
    user.session_version += 1
    result = db.session.execute(
        db.update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC))
    )
    return result.rowcount or 0


def live_sessions(user: User) -> list[UserSession]:
    return list(db.session.scalars(
        db.select(UserSession)
        .where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
        .order_by(UserSession.created_at.desc())
    ))
