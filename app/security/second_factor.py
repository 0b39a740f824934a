"""The second factor: TOTP (RFC 6238) codes from an authenticator app, and single-use recovery codes.

A code is accepted only for the current 30-second time step, and only once: the step of the last
accepted code is stored, so a code seen over someone's shoulder cannot be replayed in the same step.
Taking a step or spending a recovery code is one conditional UPDATE whose row count decides, so of several
requests sending the same code at the same moment exactly one gets in (never read, then write later).
The TOTP secret is stored encrypted with a key derived from SECRET_KEY (app/security/encryption.py).
"""

import hashlib
import hmac
import secrets
import time
from datetime import UTC, datetime
from typing import Any

import pyotp
import segno
from flask import current_app
from sqlalchemy import or_
from sqlalchemy.orm.attributes import set_committed_value

from app.core import audit
from app.core.i18n import _l
from app.extensions import db
from app.network.models import User
from app.security import encryption
from app.security.encryption import UnreadableSecret
from app.security.log import logger
from app.security.models import RecoveryCode, SiteSetting

ISSUER = "SPOC Network"
RECOVERY_CODE_COUNT = 10
# Session key: where a user sent to set up a required second factor was going (back there once it is set up).
DESTINATION_KEY = "_second_factor_destination"
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
REQUIRE_FOR_ALL = "second_factor_required_for_all"
# What verify() answers: a code accepted (and spent), or a right code spent already.
TOTP, RECOVERY, USED_ALREADY = "totp", "recovery", "used already"
_ACCEPTED, _USED = "accepted", "used"

# How the history of an account and the audit log name what this module records.
audit.describe(
    actions={"enable_second_factor": _l("second factor turned on"),
             "disable_second_factor": _l("second factor removed"),
             "use_recovery_code": _l("recovery code used"),
             "regenerate_recovery_codes": _l("new recovery codes made"),
             "require_second_factor": _l("second factor required of every user"),
             "relax_second_factor": _l("second factor no longer required of every user"),
             "rotate_secrets": _l("second-factor secrets re-encrypted with a new secret key")},
    fields={REQUIRE_FOR_ALL: _l("second factor required of every user")},
)


# Who must have one -----------------------------------------------------------------------------------

def required_for_all() -> bool:
    setting = db.session.get(SiteSetting, REQUIRE_FOR_ALL)
    return setting is not None and setting.value == "yes"


def set_required_for_all(actor: Any, required: bool) -> bool:
    """Require the second factor of every user (or only of the roles in SECOND_FACTOR_ROLES)."""
    if required == required_for_all():
        return False
    setting = db.session.get(SiteSetting, REQUIRE_FOR_ALL) or SiteSetting(name=REQUIRE_FOR_ALL, value="no")
    setting.value = "yes" if required else "no"
    db.session.add(setting)
    audit.record_event(actor, "site_settings", "require_second_factor" if required else "relax_second_factor",
                       changes={REQUIRE_FOR_ALL: [not required, required]})
    return True


def required_for(user: User) -> bool:
    return user.role in current_app.config["SECOND_FACTOR_ROLES"] or required_for_all()


# Enrolment -------------------------------------------------------------------------------------------

def begin_enrolment(user: User) -> str:
    """A fresh secret, kept (encrypted) on the user but not in force until a code from it is confirmed."""
    if user.has_second_factor:
        raise ValueError("The second factor is already set up.")
    secret = pyotp.random_base32()
    store_secret(user, secret)
    return secret


def enrolment_key(user: User) -> str | None:
    """The secret of an enrolment begun and not yet confirmed, to show as a QR code and a key to type.

    None if there is none, or if it no longer decrypts (SECRET_KEY changed): setting up starts again."""
    if user.totp_secret is None or user.has_second_factor:
        return None
    try:
        return secret_of(user)
    except UnreadableSecret:
        return None


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_data_uri(uri: str) -> str:
    """The QR code of ``uri`` as an SVG data URI (the CSP allows data: images; no script needed)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Put the second factor in force if ``code`` is right; returns the new recovery codes, else None."""
    if user.totp_secret is None or user.has_second_factor:
        return None
    try:
        if _accept_totp(user, code) != _ACCEPTED:
            return None
    except UnreadableSecret:
        return None
    user.totp_enabled_at = datetime.now(UTC)
    codes = _new_recovery_codes(user)
    audit.record(user, user, "enable_second_factor")
    return codes


def disable(actor: Any, user: User) -> None:
    """Remove the second factor (by its owner, or by an administrator when the phone is lost)."""
    user.totp_secret = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record(actor, user, "disable_second_factor")


# The secret, encrypted at rest ------------------------------------------------------------------------

def _context(user_id: int) -> str:
    """What binds a stored secret to its row: copied into another user's row, it does not decrypt."""
    return f"users.totp_secret:{user_id}"


def store_secret(user: User, secret: str) -> None:
    """Keep ``secret`` on ``user``, encrypted with the current SECRET_KEY; the plain secret is never stored."""
    if user.id is None:
        db.session.add(user)
        db.session.flush()
    user.totp_secret = encryption.encrypt(secret, _context(user.id))


def secret_of(user: User) -> str:
    """The plain secret of ``user``; raises UnreadableSecret, logged for the administrator, if it does not decrypt."""
    try:
        return encryption.decrypt(user.totp_secret or "", _context(user.id))
    except UnreadableSecret:
        logger.error("second-factor secret of user id=%s does not decrypt with the current SECRET_KEY: was the key "
                     "changed without `flask rotate-secrets`? Codes from the app fail; recovery codes still work, "
                     "or reset the user's second factor", user.id)
        raise


class RotationError(Exception):
    """Some secrets decrypt with neither the old nor the current key: nothing was re-encrypted."""


def rotate_secrets(old_secret_key: str) -> tuple[int, int]:
    """Re-encrypt every stored secret from ``old_secret_key`` to the current SECRET_KEY (the caller commits).

    All or nothing: if any secret decrypts with neither key, RotationError names the accounts and nothing is
    written. Secrets already under the current key (enrolled after the key changed) stay as they are.
    Returns how many were re-encrypted and how many were already current."""
    old, new = encryption.derive_key(old_secret_key), encryption.derive_key()
    rows = db.session.execute(db.select(User.id, User.email, User.totp_secret)
                              .where(User.totp_secret.is_not(None)).order_by(User.id)).all()
    rewritten: dict[int, str] = {}
    current, failed = 0, []
    for user_id, email, stored in rows:
        try:
            plain = encryption.decrypt(stored, _context(user_id), old)
        except UnreadableSecret:
            try:
                encryption.decrypt(stored, _context(user_id), new)
            except UnreadableSecret:
                failed.append(email)
            else:
                current += 1
            continue
        rewritten[user_id] = encryption.encrypt(plain, _context(user_id), new)
    if failed:
        raise RotationError(  # not translated: CLI output
            f"{len(failed)} of {len(rows)} second-factor secrets do not decrypt with the old key (nor the current "
            f"one), nothing was changed: {', '.join(failed)}.")
    for user_id, stored in rewritten.items():
        db.session.execute(db.update(User).where(User.id == user_id).values(totp_secret=stored)
                           .execution_options(synchronize_session=False))
    audit.record_event(None, "users", "rotate_secrets",
                       note=f"{len(rewritten)} re-encrypted, {current} already under the current key")
    return len(rewritten), current


# Checking codes --------------------------------------------------------------------------------------

def _digits(code: str | None) -> str:
    return "".join(ch for ch in (code or "") if not ch.isspace())[:16]


def _accept_totp(user: User, code: str | None) -> str | None:
    """_ACCEPTED if ``code`` is the current step's and the step is taken now, _USED if it was taken already, else
    None. Raises UnreadableSecret for a 6-digit code when the secret does not decrypt."""
    code = _digits(code)
    if not (user.totp_secret and len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret_of(user))
    step = int(time.time()) // totp.interval
    if not hmac.compare_digest(totp.generate_otp(step), code):
        return None
    # Only a later step than the last one taken; the row count says whether this request took it.
    taken = db.session.execute(
        db.update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        return _USED
    set_committed_value(user, "totp_last_step", step)  # what the row holds: the object never writes a stale step
    return _ACCEPTED


def verify(user: User, code: str | None) -> str | None:
    """At log-in: TOTP or RECOVERY when ``code`` is accepted (and spent), USED_ALREADY when it is right but was
    spent already (by this request's twin, say), else None.

    Raises UnreadableSecret for a code from the app when the secret does not decrypt (SECRET_KEY changed without
    rotating the secrets); recovery codes are hashes, not encrypted, and still work then."""
    if not user.has_second_factor:
        return None
    result = _accept_totp(user, code)
    if result is None:
        result = _use_recovery_code(user, code)
        if result == _ACCEPTED:
            audit.record(user, user, "use_recovery_code")
            return RECOVERY
    elif result == _ACCEPTED:
        return TOTP
    return USED_ALREADY if result == _USED else None


# Recovery codes --------------------------------------------------------------------------------------

def _normalise_recovery(code: str | None) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())[:32]


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(db.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        db.session.add(RecoveryCode(user_id=user.id, code_hash=_hash(raw)))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def regenerate_recovery_codes(user: User) -> list[str]:
    codes = _new_recovery_codes(user)
    audit.record(user, user, "regenerate_recovery_codes")
    return codes


def _use_recovery_code(user: User, code: str | None) -> str | None:
    """_ACCEPTED if ``code`` is one of the user's unused recovery codes, spent now; _USED if spent already."""
    normalised = _normalise_recovery(code)
    if len(normalised) != 10:
        return None
    mine = (RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(normalised))
    # Spent by one conditional UPDATE: of two requests with the same code, the row count lets one in.
    spent = db.session.execute(
        db.update(RecoveryCode).where(*mine, RecoveryCode.used_at.is_(None)).values(used_at=datetime.now(UTC))
        .execution_options(synchronize_session=False))
    if spent.rowcount > 0:
        return _ACCEPTED
    return _USED if db.session.scalar(db.select(RecoveryCode.id).where(*mine).limit(1)) is not None else None


def unused_recovery_codes_among(user: User, codes: list[str]) -> list[str]:
    """Those of ``codes`` (as shown: "abcde-fghjk") that are ``user``'s unused recovery codes, in their order."""
    wanted = {_hash(_normalise_recovery(code)): code for code in codes[:RECOVERY_CODE_COUNT]
              if len(_normalise_recovery(code)) == 10}
    if not wanted:
        return []
    mine = set(db.session.scalars(db.select(RecoveryCode.code_hash).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None), RecoveryCode.code_hash.in_(wanted))))
    return [code for digest, code in wanted.items() if digest in mine]


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(db.select(db.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0
