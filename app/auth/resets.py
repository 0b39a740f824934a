"""Forgotten passwords: a single-use link by e-mail, expiring, rate-limited, answering alike for every address.

A link names its request and a fingerprint of the password hash it was made for: it stops working once the
password changes (so it works once), when a newer link is asked for, and after ``RESET_LINK_MAX_AGE``.
The limits count requests per address typed and per client address in the database, as the log-in throttle
does, whether or not an account exists: what a visitor sees never tells whether an address has an account.
"""

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from flask import current_app, url_for
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from limits import parse

from app.auth.models import PasswordResetRequest
from app.auth.passwords import hash_password
from app.core import audit
from app.core.audit import client_address
from app.core.i18n import _, _l
from app.extensions import db
from app.network.models import User
from app.notifications.services import notify
from app.security import throttle
from app.security.sessions import end_all_sessions

audit.describe(actions={"request_password_reset": _l("password reset link sent"),
                        "reset_password": _l("password reset")})


class ResetLinkError(Exception):
    """A reset link that cannot be used; the message says why, for the person holding it."""


def _limit(setting: str) -> tuple[int, timedelta]:
    limit = parse(current_app.config[setting])
    return limit.amount, timedelta(seconds=limit.get_expiry())


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _fingerprint(user: User) -> str:
    """A short keyed digest of the password hash: a new password (or a first one) makes older links useless."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, (user.password_hash or "").encode(), hashlib.sha256).hexdigest()[:20]


def wait_minutes(account: str) -> int | None:
    """None if a link may be asked for ``account`` from this client address now; else the minutes to wait."""
    now = datetime.now(UTC)
    for setting, column, value in (
        ("RESET_LINK_LIMIT_PER_ACCOUNT", PasswordResetRequest.account, throttle.normalise_account(account)),
        ("RESET_LINK_LIMIT_PER_ADDRESS", PasswordResetRequest.address, client_address() or "unknown"),
    ):
        amount, window = _limit(setting)
        times = db.session.scalars(
            db.select(PasswordResetRequest.requested_at)
            .where(column == value, PasswordResetRequest.requested_at > now - window)
            .order_by(PasswordResetRequest.requested_at.desc()).limit(amount)).all()
        if len(times) >= amount:
            oldest = times[-1] if times[-1].tzinfo else times[-1].replace(tzinfo=UTC)
            return max(1, int((oldest + window - now).total_seconds() + 59) // 60)
    return None


def request_reset(account: str) -> None:
    """Count the request and, if ``account`` is an active user's address, queue the e-mail with a fresh link.

    The caller commits; the sender delivers the message as it delivers invitations ("immediate")."""
    now = datetime.now(UTC)
    typed = throttle.normalise_account(account)
    user = db.session.scalar(db.select(User).where(User.email == typed))
    if user is not None and not user.active:
        user = None
    row = PasswordResetRequest(account=typed, address=client_address() or "unknown", requested_at=now,
                               user_id=user.id if user else None)
    db.session.add(row)
    keep = max(_limit("RESET_LINK_LIMIT_PER_ACCOUNT")[1], _limit("RESET_LINK_LIMIT_PER_ADDRESS")[1],
               current_app.config["RESET_LINK_MAX_AGE"])
    db.session.execute(db.delete(PasswordResetRequest).where(PasswordResetRequest.requested_at < now - keep))
    db.session.flush()
    if user is None:
        return
    token = _serializer().dumps({"u": user.id, "r": row.id, "p": _fingerprint(user)})
    link = url_for("auth.reset_password", token=token, _external=True)
    audit.record(user, user, "request_password_reset")
    notify("password_reset", [user], user, {"link": link})


def user_for_reset(token: str) -> User:
    """The user a reset link is for; raises :class:`ResetLinkError` with a clear reason."""
    max_age = int(current_app.config["RESET_LINK_MAX_AGE"].total_seconds())
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise ResetLinkError(_("This link has expired. Ask for a new one below.")) from None
    except BadSignature:
        raise ResetLinkError(_("This link is not valid. Check that you copied all of it, or ask for a new one "
                               "below.")) from None
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    newest = db.session.scalar(db.select(db.func.max(PasswordResetRequest.id))
                               .where(PasswordResetRequest.user_id == user.id)) if user else None
    if (user is None or newest is None or newest != data.get("r")
            or not hmac.compare_digest(_fingerprint(user), str(data.get("p")))):
        raise ResetLinkError(_("This link has already been used or was replaced by a newer one. If you have set "
                               "your new password, log in with it; otherwise ask for a new link below."))
    if not user.active:
        raise ResetLinkError(_("This account is deactivated. Contact an administrator."))
    return user


def reset_password(user: User, password: str) -> None:
    """Set the new password, end every session of the user, and forget the failed log-ins counted against them."""
    user.password_hash = hash_password(password)
    user.invitation_nonce = None  # a pending invitation would set a password too: it is spent as well
    end_all_sessions(user)
    throttle.forget_account(user.email)
    audit.record(user, user, "reset_password")
