"""The second-factor secrets are encrypted at rest with a key derived from SECRET_KEY (#24): the database holds no
plain secret, `flask rotate-secrets` moves them to a new key (all or nothing), and a secret the current key cannot
read makes the log-in fail with a message, not an error page. The migration that encrypts the secrets stored before
is tested in tests/test_migrations.py."""

import contextvars
import logging
import re

import pyotp
import pytest
from sqlalchemy import text

from app.core.models import AuditEvent
from app.security import encryption, second_factor
from tests.factories import PASSWORD, reloaded_user

NEW_KEY = "the-next-secret-key-of-the-intranet-0123456789"


def _stored(db, user_id: int) -> str | None:
    """The column as the database holds it, read with plain SQL."""
    return db.session.execute(text("SELECT totp_secret FROM users WHERE id = :id"), {"id": user_id}).scalar()


def _invoke(app, *args: str, env: dict[str, str] | None = None):
    """Run a ``flask`` command of ``app`` (another SECRET_KEY than the test's own application) as a shell would."""
    def run():
        with app.app_context():
            return app.test_cli_runner().invoke(args=list(args), env=env)

    return contextvars.Context().run(run)


def test_enrolment_stores_the_secret_encrypted_and_its_key_still_works(member_client, db):
    assert member_client.post("/settings/second-factor/start", data={"start-password": PASSWORD}).status_code == 303
    page = member_client.get("/settings/second-factor").get_data(as_text=True)
    key = re.search(r'<code class="totp-secret">([A-Z2-7]+)</code>', page).group(1)  # the key to type by hand
    stored = _stored(db, member_client.user.id)
    assert stored.startswith("v1:")
    assert key not in stored
    # The app set up with that key gives a code the intranet accepts.
    response = member_client.post("/settings/second-factor/confirm", data={"enrol-code": pyotp.TOTP(key).now()})
    assert response.status_code == 200
    assert reloaded_user(db, member_client).has_second_factor
    assert key not in _stored(db, member_client.user.id)


def test_log_in_with_a_code_reads_the_encrypted_secret(client, make_user, form_login, db):
    user = make_user(email="a@example.org", second_factor=True)
    secret = second_factor.secret_of(user)
    assert secret not in _stored(db, user.id)
    response = form_login(client, "a@example.org", PASSWORD, pyotp.TOTP(secret).now())
    assert response.status_code == 303
    assert client.get("/").status_code == 200


def test_a_secret_copied_into_another_account_does_not_decrypt(make_user, db):
    mine, theirs = make_user(second_factor=True), make_user(second_factor=True)
    db.session.execute(text("UPDATE users SET totp_secret = :value WHERE id = :id"),
                       {"value": _stored(db, mine.id), "id": theirs.id})
    db.session.commit()
    db.session.expire_all()
    with pytest.raises(encryption.UnreadableSecret):
        second_factor.secret_of(theirs)


def test_rotation_moves_every_secret_to_the_new_key(app, make_app, make_user, form_login, db, tmp_path):
    user = make_user(email="a@example.org", second_factor=True)
    secret = second_factor.secret_of(user)
    before = _stored(db, user.id)
    old_key_file = tmp_path / "old_secret_key"
    old_key_file.write_text(app.config["SECRET_KEY"] + "\n")
    renewed = make_app(SECRET_KEY=NEW_KEY)

    result = _invoke(renewed, "rotate-secrets", "--old-secret-key-file", str(old_key_file))
    assert result.exit_code == 0, result.output
    assert "1 second-factor secrets re-encrypted" in result.output
    after = _stored(db, user.id)
    assert after.startswith("v1:")
    assert after != before
    assert secret not in after
    browser = renewed.test_client()
    assert form_login(browser, "a@example.org", PASSWORD, pyotp.TOTP(secret).now()).status_code == 303
    assert browser.get("/").status_code == 200
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "rotate_secrets"))
    assert event is not None
    assert event.actor_id is None  # the command line, not a user


def test_rotation_with_the_old_key_in_the_environment(app, make_app, make_user, db):
    user = make_user(second_factor=True)
    before = _stored(db, user.id)
    result = _invoke(make_app(SECRET_KEY=NEW_KEY), "rotate-secrets", env={"OLD_SECRET_KEY": app.config["SECRET_KEY"]})
    assert result.exit_code == 0, result.output
    assert _stored(db, user.id) != before


def test_rotation_with_a_wrong_old_key_writes_nothing_and_names_the_accounts(make_app, make_user, db):
    readable = make_user(email="readable@example.org", second_factor=True)
    lost = make_user(email="lost@example.org", second_factor=True)
    # A secret encrypted with a key nobody has any more.
    db.session.execute(text("UPDATE users SET totp_secret = :value WHERE id = :id"), {
        "id": lost.id, "value": encryption.encrypt("JBSWY3DPEHPK3PXP", f"users.totp_secret:{lost.id}",
                                                   encryption.derive_key("a-key-long-gone"))})
    db.session.commit()
    before = {user.id: _stored(db, user.id) for user in (readable, lost)}

    result = _invoke(make_app(SECRET_KEY=NEW_KEY), "rotate-secrets", env={"OLD_SECRET_KEY": "not-the-old-key"})
    assert result.exit_code == 1
    assert "2 of 2 second-factor secrets do not decrypt" in result.output
    assert "readable@example.org" in result.output
    assert "lost@example.org" in result.output
    assert {user.id: _stored(db, user.id) for user in (readable, lost)} == before

    # With the right old key, the one lost secret still stops the whole rotation.
    result = _invoke(make_app(SECRET_KEY=NEW_KEY), "rotate-secrets", env={"OLD_SECRET_KEY": "test-secret-key"})
    assert result.exit_code == 1
    assert "1 of 2" in result.output
    assert "lost@example.org" in result.output
    assert "readable@example.org" not in result.output
    assert {user.id: _stored(db, user.id) for user in (readable, lost)} == before
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "rotate_secrets")) is None


def test_rotation_needs_the_old_key(make_app):
    result = _invoke(make_app(SECRET_KEY=NEW_KEY), "rotate-secrets", env={"OLD_SECRET_KEY": ""})
    assert result.exit_code == 2
    assert "OLD_SECRET_KEY" in result.output


def test_a_secret_key_changed_without_rotation_fails_the_log_in_with_a_message(make_app, make_user, form_login,
                                                                               db, caplog):
    user = make_user(email="a@example.org", second_factor=True)
    secret = second_factor.secret_of(user)
    recovery = second_factor.regenerate_recovery_codes(user)
    db.session.commit()
    changed = make_app(SECRET_KEY=NEW_KEY)

    browser = changed.test_client()
    with caplog.at_level(logging.ERROR, logger="spoc.security"):
        response = form_login(browser, "a@example.org", PASSWORD, pyotp.TOTP(secret).now())
    assert response.status_code == 200
    assert "cannot be checked" in response.get_data(as_text=True)
    assert browser.get("/").status_code == 302
    assert any(f"user id={user.id}" in record.getMessage() and "rotate-secrets" in record.getMessage()
               for record in caplog.records if record.name == "spoc.security")
    # Recovery codes are hashes, not encrypted: they still open the account.
    other = changed.test_client()
    assert form_login(other, "a@example.org", PASSWORD, recovery[0]).status_code == 303
    assert other.get("/").status_code == 200
