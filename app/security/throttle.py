"""Log-in throttling in the database: failed attempts per account and per client address.

Flask-Limiter's memory storage counts per process; with several application servers an attacker
would get the limit once per process. A table of failed attempts, shared by every server, holds
the limit for the whole deployment (and survives restarts). Old rows are pruned as new ones come.
"""

from datetime import UTC, datetime, timedelta

from flask import current_app
from limits import parse

from app.core.audit import client_address
from app.extensions import db
from app.security.models import FailedLogin


def _limit(setting: str) -> tuple[int, timedelta]:
    limit = parse(current_app.config[setting])
    return limit.amount, timedelta(seconds=limit.get_expiry())


def normalise_account(email: str | None) -> str:
    return (email or "").strip().lower()[:254]


def blocked_minutes(account: str) -> int | None:
    """None if ``account`` (and this client address) may try to log in now; else minutes to wait."""
    now = datetime.now(UTC)
    address = client_address() or "unknown"
    for setting, column, value in (
        ("LOGIN_LIMIT_PER_ACCOUNT", FailedLogin.account, normalise_account(account)),
        ("LOGIN_LIMIT_PER_ADDRESS", FailedLogin.address, address),
    ):
        amount, window = _limit(setting)
        attempts = db.session.scalars(
            db.select(FailedLogin.attempted_at)
            .where(column == value, FailedLogin.attempted_at > now - window)
            .order_by(FailedLogin.attempted_at.desc())
            .limit(amount)
        ).all()
        if len(attempts) >= amount:
            # Free again when the oldest of the last ``amount`` failures leaves the window.
            wait = attempts[-1] + window - now
            return max(1, int(wait.total_seconds() + 59) // 60)
    return None


def record_failure(account: str) -> None:
    """Count a failed attempt (the caller commits); rows older than the longest window are pruned."""
    now = datetime.now(UTC)
    db.session.add(FailedLogin(account=normalise_account(account), address=client_address() or "unknown",
                               attempted_at=now))
    longest = max(_limit("LOGIN_LIMIT_PER_ACCOUNT")[1], _limit("LOGIN_LIMIT_PER_ADDRESS")[1])
    db.session.execute(db.delete(FailedLogin).where(FailedLogin.attempted_at < now - longest))


def forget_account(email: str | None) -> None:
    """Forget the failed attempts counted against an account (the caller commits): its owner has just set a new
    password with a single-use link an administrator sent, as the pause message tells them to. Failures counted
    against client addresses stay."""
    db.session.execute(db.delete(FailedLogin).where(FailedLogin.account == normalise_account(email)))
