"""The second factor: TOTP (RFC 6238) codes from an authenticator app, and single-use recovery codes.

A code is accepted only for the current 30-second time step, and only once: the step of the last
accepted code is stored, so a code seen over someone's shoulder cannot be replayed in the same step.
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

from app.core import audit
from app.core.i18n import _l
from app.extensions import db
from app.network.models import User
from app.security.models import RecoveryCode, SiteSetting

ISSUER = "SPOC Network"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread
REQUIRE_FOR_ALL = "second_factor_required_for_all"

# How the history of an account and the audit log name what this module records.
audit.describe(
    actions={"enable_second_factor": _l("second factor turned on"),
             "disable_second_factor": _l("second factor removed"),
             "use_recovery_code": _l("recovery code used"),
             "regenerate_recovery_codes": _l("new recovery codes made"),
             "require_second_factor": _l("second factor required of every user"),
             "relax_second_factor": _l("second factor no longer required of every user")},
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
    """A fresh secret, kept on the user but not in force until a code from it is confirmed."""
    if user.has_second_factor:
        raise ValueError("The second factor is already set up.")
    user.totp_secret = pyotp.random_base32()
    return user.totp_secret


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_code_data_uri(uri: str) -> str:
    """The QR code of ``uri`` as an SVG data URI (the CSP allows data: images; no script needed)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")


def confirm_enrolment(user: User, code: str) -> list[str] | None:
    """Put the second factor in force if ``code`` is right; returns the new recovery codes, else None."""
    if user.totp_secret is None or user.has_second_factor or not _accept_totp(user, code):
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


# Checking codes --------------------------------------------------------------------------------------

def _digits(code: str | None) -> str:
    return "".join(ch for ch in (code or "") if not ch.isspace())[:16]


def _accept_totp(user: User, code: str | None) -> bool:
    code = _digits(code)
    if not (user.totp_secret and len(code) == 6 and code.isdigit()):
        return False
    totp = pyotp.TOTP(user.totp_secret)
    step = int(time.time()) // totp.interval
    if user.totp_last_step is not None and step <= user.totp_last_step:
        return False  # this step's code was used already
    if not hmac.compare_digest(totp.generate_otp(step), code):
        return False
    user.totp_last_step = step
    return True


def verify(user: User, code: str | None) -> str | None:
    """At log-in: "totp" or "recovery" when ``code`` is accepted (and spent), else None."""
    if not user.has_second_factor:
        return None
    if _accept_totp(user, code):
        return "totp"
    if _use_recovery_code(user, code):
        audit.record(user, user, "use_recovery_code")
        return "recovery"
    return None


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


def _use_recovery_code(user: User, code: str | None) -> bool:
    normalised = _normalise_recovery(code)
    if len(normalised) != 10:
        return False
    row = db.session.scalar(db.select(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.code_hash == _hash(normalised),
        RecoveryCode.used_at.is_(None)))
    if row is None:
        return False
    row.used_at = datetime.now(UTC)
    return True


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(db.select(db.func.count(RecoveryCode.id)).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0
