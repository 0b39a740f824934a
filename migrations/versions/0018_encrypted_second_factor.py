"""users.totp_secret encrypted at rest with a key derived from SECRET_KEY (the column widened for it)

Revision ID: 0018
Revises: 0017

Run with the application's SECRET_KEY (Flask-Migrate runs migrations in its app context): the secrets are encrypted
with it, and the downgrade decrypts them with it. The format is a frozen copy of version 1 of
app/security/encryption.py, so this migration keeps meaning what it meant when the module moves on.
"""

import base64
import secrets

import sqlalchemy as sa
from alembic import op
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_PREFIX = "v1:"
_INFO = b"spoc-network second-factor secrets v1"
_users = sa.table("users", sa.column("id", sa.Integer()), sa.column("totp_secret", sa.String()))


def _cipher() -> AESGCM:
    secret_key = current_app.config["SECRET_KEY"]
    material = secret_key.encode() if isinstance(secret_key, str) else secret_key
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(material))


def _context(user_id: int) -> bytes:
    return f"users.totp_secret:{user_id}".encode()


def _secrets() -> list[tuple[int, str]]:
    query = sa.select(_users.c.id, _users.c.totp_secret).where(_users.c.totp_secret.is_not(None))
    return [(user_id, secret) for user_id, secret in op.get_bind().execute(query)]


def _write(values: dict[int, str]) -> None:
    for user_id, secret in values.items():
        op.get_bind().execute(_users.update().where(_users.c.id == user_id).values(totp_secret=secret))


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.alter_column("totp_secret", existing_type=sa.String(length=64), type_=sa.String(length=255),
                           existing_nullable=True)
    cipher = _cipher()
    encrypted = {}
    for user_id, secret in _secrets():
        if not secret.startswith(_PREFIX):
            nonce = secrets.token_bytes(12)
            sealed = cipher.encrypt(nonce, secret.encode(), _context(user_id))
            encrypted[user_id] = _PREFIX + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    _write(encrypted)


def downgrade() -> None:
    cipher = _cipher()
    plain = {}
    for user_id, secret in _secrets():
        if secret.startswith(_PREFIX):
            raw = base64.urlsafe_b64decode(secret[len(_PREFIX):])
            try:
                plain[user_id] = cipher.decrypt(raw[:12], raw[12:], _context(user_id)).decode()
            except InvalidTag:  # all or nothing: no secret is written before every one decrypts
                raise RuntimeError(f"The second-factor secret of user {user_id} does not decrypt with this "
                                   "SECRET_KEY: run the downgrade with the key it was encrypted with.") from None
    _write(plain)
    with op.batch_alter_table("users") as batch:
        batch.alter_column("totp_secret", existing_type=sa.String(length=255), type_=sa.String(length=64),
                           existing_nullable=True)
