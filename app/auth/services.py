"""Rules of authentication: checking credentials and single-use, expiring invitation links."""

import secrets
from datetime import UTC, datetime

from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.core import audit
from app.core.i18n import _, _l
from app.extensions import db
from app.network.models import User
from app.notifications.services import notify
from app.security import throttle
from app.security.sessions import end_all_sessions


class InvitationError(Exception):
    """An invitation link that cannot be used; the message says why, for the person holding it."""


# How the history of an account and the audit log name what this module records.
audit.describe(actions={"invite": _l("invited"), "accept_invitation": _l("invitation accepted"),
                        "failed_login": _l("failed log-in")})


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Rehashes an outdated hash on success."""
    user = find_user_by_email(email)
    if not verify_password(user.password_hash if user else None, password) or user is None:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def record_login(user: User) -> None:
    user.last_login_at = datetime.now(UTC)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="invitation")


def issue_invitation(user: User, actor: User | None) -> str:
    """A fresh invitation link for ``user``; any earlier link stops working."""
    user.invitation_nonce = secrets.token_urlsafe(24)
    db.session.flush()
    token = _serializer().dumps({"u": user.id, "n": user.invitation_nonce})
    audit.record(actor, user, "invite")
    link = url_for("auth.accept_invitation", token=token, _external=True)
    current_app.logger.info("Invitation link for %s: %s", user.email, link)
    notify("invitation", [user], user, {"link": link})
    return link


def user_for_invitation(token: str) -> User:
    """The user an invitation link is for; raises :class:`InvitationError` with a clear reason."""
    max_age = int(current_app.config["INVITATION_MAX_AGE"].total_seconds())
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise InvitationError(
            _("This invitation link has expired. Ask an administrator to send you a new one.")
        ) from None
    except BadSignature:
        raise InvitationError(_("This invitation link is not valid. Check that you copied all of it.")) from None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or not user.invitation_nonce or user.invitation_nonce != data.get("n"):
        raise InvitationError(
            _("This invitation link has already been used or was replaced by a newer one. "
              "If you have set your password, log in; otherwise ask an administrator for a new link.")
        )
    if not user.active:
        raise InvitationError(_("This account is deactivated. Contact an administrator."))
    return user


def accept_invitation(user: User, password: str) -> None:
    """Set the password and spend the invitation."""
    user.password_hash = hash_password(password)
    user.invitation_nonce = None
    end_all_sessions(user)
    throttle.forget_account(user.email)  # the pause message sends a locked-out user here: it ends with the new password
    audit.record(user, user, "accept_invitation")
