"""Personal settings: time zone, calendar-feed token (only its hash is stored), password, e-mail, sessions."""

import hashlib
import secrets
from datetime import UTC, datetime

from flask_babel import ngettext

from app.admin.services import email_taken
from app.auth.passwords import hash_password, verify_password
from app.core import audit
from app.core.i18n import _, _l
from app.extensions import db
from app.network.models import User
from app.security import throttle
from app.security.sessions import end_all_sessions

# How the history of an account and the audit log name what this module records.
audit.describe(
    actions={"edit_settings": _l("settings changed"), "create_calendar_feed": _l("calendar feed made"),
             "regenerate_calendar_feed": _l("calendar feed renewed"),
             "revoke_calendar_feed": _l("calendar feed revoked"),
             "failed_reauthentication": _l("wrong password given again"), "change_password": _l("password changed"),
             "change_email": _l("e-mail address changed"), "log_out_everywhere": _l("logged out everywhere")},
    fields={"timezone": _l("time zone"), "language": _l("language")},
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def set_timezone(user: User, name: str) -> bool:
    user.timezone = name
    return audit.record_edit(user, user, "edit_settings")


def set_language(user: User, code: str | None) -> bool:
    """The interface and e-mail language; None follows the browser's Accept-Language."""
    user.language = code or None
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


class ReauthenticationError(ValueError):
    """The password given again is wrong, or too many wrong ones were given; the message says which."""


def check_password_again(user: User, password: str) -> None:
    """Re-authentication before a sensitive change; wrong passwords count towards log-in throttling."""
    minutes = throttle.blocked_minutes(user.email)
    if minutes is not None:
        raise ReauthenticationError(ngettext("Too many wrong passwords. Try again in %(num)d minute.",
                                             "Too many wrong passwords. Try again in %(num)d minutes.", minutes))
    if not verify_password(user.password_hash, password or ""):
        throttle.record_failure(user.email)
        audit.record_event(user, "login", "failed_reauthentication")
        raise ReauthenticationError(_("This is not your current password."))


def change_password(user: User, new_password: str) -> None:
    """Set a new password; every session of the user ends (the caller starts a new one for this browser)."""
    user.password_hash = hash_password(new_password)
    end_all_sessions(user)
    audit.record(user, user, "change_password")


def change_email(user: User, email: str) -> bool:
    email = email.strip().lower()
    if email_taken(email, exclude_id=user.id):
        raise ValueError(_("Another account uses this e-mail address."))
    user.email = email
    return audit.record_edit(user, user, "change_email", ignore={"session_version"})


def log_out_everywhere(user: User) -> int:
    ended = end_all_sessions(user)
    audit.record(user, user, "log_out_everywhere", note=f"{ended} session(s) ended")
    return ended
