"""Personal settings: time zone, calendar-feed token (only its hash is stored), password, e-mail, sessions."""


from flask_babel import ngettext

from app.admin.services import email_taken
from app.auth.passwords import hash_password, verify_password
from app.core import audit
from app.core.i18n import _, _l
from app.network.models import User
from app.security import throttle
from app.security.sessions import end_all_sessions

# How the history of an account and the audit log name what this module records.
audit.describe(
    actions={"edit_settings": _l("settings changed"),
             "failed_reauthentication": _l("wrong password given again"), "change_password": _l("password changed"),
             "change_email": _l("e-mail address changed"), "log_out_everywhere": _l("logged out everywhere")},
    fields={"timezone": _l("time zone"), "language": _l("language")},
)


def set_timezone(user: User, name: str) -> bool:
    user.timezone = name
    return audit.record_edit(user, user, "edit_settings")


def set_language(user: User, code: str | None) -> bool:
    """The interface and e-mail language; None follows the browser's Accept-Language."""
    user.language = code or None
    return audit.record_edit(user, user, "edit_settings")


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
