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


def user_of_session(token: str | None) -> User | None:
    """The user of a live session, for a cookie token, or None (ended, timed out, unknown).

    One select: the user (with what its relationships load eagerly) and the few session columns the checks
    need, without building the session row as an object; the row is written (timed out, or last seen) by id.
    """
    if not token or not isinstance(token, str) or len(token) > 128:
        return None
    found = db.session.execute(
        db.select(User, UserSession.id, UserSession.created_at, UserSession.last_seen_at, UserSession.ended_at)
        .join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.token_hash == token_hash(token))
    ).first()
    if found is None or found.ended_at is not None:
        return None
    now = datetime.now(UTC)
    config = current_app.config
    if now - found.created_at > config["SESSION_ABSOLUTE_TIMEOUT"] or now - found.last_seen_at > config[
        "SESSION_IDLE_TIMEOUT"
    ]:
        _write_session(found.id, ended_at=now)
        return None
    if now - found.last_seen_at > _TOUCH_EVERY:
        _write_session(found.id, last_seen_at=now)
    return found.User


def _write_session(session_id: int, **values: datetime) -> None:
    db.session.execute(db.update(UserSession).where(UserSession.id == session_id).values(**values))
    db.session.commit()


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
