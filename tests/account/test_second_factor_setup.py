"""Setting up the second factor on one's own settings page: enrolment with the password and a QR code,
turning it off, new recovery codes. Logging in with it is in tests/security/test_second_factor.py."""

import re

from app.core.models import AuditEvent
from app.security.models import RecoveryCode
from app.security.second_factor import secret_of
from tests.factories import PASSWORD, code_for, enrol_second_factor, reloaded_user


def test_enrolment_needs_the_password_again(member_client, db):
    response = member_client.post("/settings/second-factor/start", data={"start-password": "wrong password"})
    assert response.status_code == 400
    assert b"This is not your current password." in response.data
    assert reloaded_user(db, member_client).totp_secret is None


def test_enrolment_shows_a_qr_code_and_turns_on_with_a_right_code(member_client, db):
    member_client.post("/settings/second-factor/start", data={"start-password": PASSWORD})
    page = member_client.get("/settings/second-factor")
    assert b'src="data:image/svg+xml' in page.data
    user = reloaded_user(db, member_client)
    assert secret_of(user).encode() in page.data  # the key, for typing by hand (stored encrypted)
    assert not user.has_second_factor

    wrong = member_client.post("/settings/second-factor/confirm", data={"enrol-code": "000000" if code_for(user)
                                                                        != "000000" else "111111"})
    assert wrong.status_code == 400
    assert b"This code is not right" in wrong.data
    assert not reloaded_user(db, member_client).has_second_factor

    codes = _enrol_with_secret(member_client, db)
    assert len(codes) == 10
    assert reloaded_user(db, member_client).has_second_factor
    # Stored hashed: no code appears in the database.
    stored = set(db.session.scalars(db.select(RecoveryCode.code_hash)))
    assert not any(c.replace("-", "") in stored or c in stored for c in codes)
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "enable_second_factor")) is not None


def _enrol_with_secret(client, db) -> list[str]:
    user = reloaded_user(db, client)
    response = client.post("/settings/second-factor/confirm", data={"enrol-code": code_for(user)})
    assert response.status_code == 200
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.get_data(as_text=True))


def test_a_member_may_turn_it_off_with_the_password_an_administrator_may_not(member_client, admin_client, db):
    enrol_second_factor(member_client, db)
    refused = member_client.post("/settings/second-factor/disable", data={"disable-password": "wrong"})
    assert refused.status_code == 400
    assert reloaded_user(db, member_client).has_second_factor
    assert member_client.post("/settings/second-factor/disable",
                              data={"disable-password": PASSWORD}).status_code == 303
    assert not reloaded_user(db, member_client).has_second_factor
    response = admin_client.post("/settings/second-factor/disable", data={"disable-password": PASSWORD})
    assert response.status_code == 400
    assert b"must keep a second factor" in response.data
    assert reloaded_user(db, admin_client).has_second_factor


def test_new_recovery_codes_need_the_password_and_replace_the_old(member_client, app, db, form_login):
    old = enrol_second_factor(member_client, db)
    assert member_client.post("/settings/second-factor/recovery-codes",
                              data={"recovery-password": "wrong"}).status_code == 400
    response = member_client.post("/settings/second-factor/recovery-codes", data={"recovery-password": PASSWORD})
    new = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.get_data(as_text=True))
    assert len(new) == 10
    assert not set(new) & set(old)
    browser = app.test_client()
    form_login(browser, reloaded_user(db, member_client).email, PASSWORD, old[0])
    assert browser.get("/").status_code == 302
