"""Secrets the application must read back, encrypted at rest: the second-factor (TOTP) keys.

A copy of the database (a backup, a dump, a replica) must not give away everyone's codes. The key is derived from
SECRET_KEY with HKDF-SHA256 and a fixed label (so it is no other use of that key: sessions and invitation links
sign with SECRET_KEY itself), the cipher is AES-256-GCM with a random nonce per value, and each value is bound to
the row it belongs to (associated data): a value copied into another user's row does not decrypt. A stored value
is ``v1:`` and the URL-safe base64 of nonce, ciphertext and tag; the plain secret is never stored.

Changing SECRET_KEY makes the stored values unreadable: ``flask rotate-secrets`` re-encrypts them from the old key.
migrations/versions/0018_encrypted_second_factor.py holds a frozen copy of format v1.
"""

import base64
import binascii
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

PREFIX = "v1:"
_INFO = b"spoc-network second-factor secrets v1"
_NONCE_BYTES = 12


class UnreadableSecret(Exception):
    """A stored value that does not decrypt with the key given: another SECRET_KEY, or a damaged value."""


def derive_key(secret_key: str | bytes | None = None) -> bytes:
    """The 256-bit encryption key of ``secret_key`` (by default the application's SECRET_KEY)."""
    if secret_key is None:
        secret_key = current_app.config["SECRET_KEY"]
    material = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(material)


def encrypt(plain: str, context: str, key: bytes | None = None) -> str:
    """``plain`` encrypted for the row named by ``context`` (e.g. ``users.totp_secret:7``)."""
    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(key or derive_key()).encrypt(nonce, plain.encode(), context.encode())
    return PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def decrypt(stored: str, context: str, key: bytes | None = None) -> str:
    """The plain value of ``stored``; raises UnreadableSecret if it is no value of this key and row."""
    if not stored.startswith(PREFIX):
        raise UnreadableSecret("not an encrypted value")  # not translated: for the log, never shown
    try:
        raw = base64.urlsafe_b64decode(stored[len(PREFIX):])
        plain = AESGCM(key or derive_key()).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode())
        return plain.decode()
    except (InvalidTag, binascii.Error, ValueError):  # another key or row, or a damaged value
        raise UnreadableSecret("does not decrypt with this key") from None  # not translated: never shown
