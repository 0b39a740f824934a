"""The second factor: enrolment with the password and a QR code, codes that work once and only in their
time step, recovery codes, required for administrators and the core group (or everyone)."""

import re

from app.core.models import AuditEvent
from app.network.models import User
from app.security.models import RecoveryCode
from tests.factories import PASSWORD, code_for


def _user(db, client) -> User:
    return db.session.get(User, client.user.id)


def _enrol(client, db) -> list[str]:
    assert client.post("/settings/second-factor/start", data={"start-password": PASSWORD}).status_code == 303
    user = _user(db, client)
    response = client.post("/settings/second-factor/confirm", data={"enrol-code": code_for(user)})
    assert response.status_code == 200, response.data
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.get_data(as_text=True))


def test_enrolment_needs_the_password_again(member_client, db):
    response = member_client.post("/settings/second-factor/start", data={"start-password": "wrong password"})
    assert response.status_code == 400
    assert b"This is not your current password." in response.data
    assert _user(db, member_client).totp_secret is None


def test_enrolment_shows_a_qr_code_and_turns_on_with_a_right_code(member_client, db):
    member_client.post("/settings/second-factor/start", data={"start-password": PASSWORD})
    page = member_client.get("/settings")
    assert b'src="data:image/svg+xml' in page.data
    user = _user(db, member_client)
    assert user.totp_secret.encode() in page.data  # the key, for typing by hand
    assert not user.has_second_factor

    wrong = member_client.post("/settings/second-factor/confirm", data={"enrol-code": "000000" if code_for(user)
                                                                        != "000000" else "111111"})
    assert wrong.status_code == 400
    assert b"This code is not right" in wrong.data
    assert not _user(db, member_client).has_second_factor

    codes = _enrol_with_secret(member_client, db)
    assert len(codes) == 10
    assert _user(db, member_client).has_second_factor
    # Stored hashed: no code appears in the database.
    stored = set(db.session.scalars(db.select(RecoveryCode.code_hash)))
    assert not any(c.replace("-", "") in stored or c in stored for c in codes)
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "enable_second_factor")) is not None


def _enrol_with_secret(client, db) -> list[str]:
    user = _user(db, client)
    response = client.post("/settings/second-factor/confirm", data={"enrol-code": code_for(user)})
    assert response.status_code == 200
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.get_data(as_text=True))


def test_login_asks_for_the_code_after_the_password(client, make_user, form_login):
    user = make_user(email="a@example.org", second_factor=True)
    response = client.post("/login?next=/network/", data={"email": "a@example.org", "password": PASSWORD})
    assert response.headers["Location"].endswith("/login/second-factor")
    assert client.get("/").status_code == 302  # the password alone opens nothing
    wrong = client.post("/login/second-factor", data={"code": "12345"})
    assert b"This code is not right" in wrong.data
    response = client.post("/login/second-factor", data={"code": code_for(user)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/network/")
    assert client.get("/").status_code == 200


def test_a_code_works_only_once(app, make_user, form_login):
    user = make_user(email="a@example.org", second_factor=True)
    code = code_for(user)
    first = app.test_client()
    assert form_login(first, "a@example.org", PASSWORD, code).status_code == 303
    replay = app.test_client()
    response = form_login(replay, "a@example.org", PASSWORD, code)
    assert response.status_code == 200
    assert b"was used already" in response.data
    assert replay.get("/").status_code == 302


def test_a_code_of_another_time_step_is_refused(client, make_user, form_login):
    user = make_user(email="a@example.org", second_factor=True)
    for offset in (-1, 1):
        response = form_login(client, "a@example.org", PASSWORD, code_for(user, offset))
        if code_for(user, offset) != code_for(user):  # a one-in-a-million coincidence would be the same code
            assert b"This code is not right" in response.data
            assert client.get("/").status_code == 302


def test_a_recovery_code_logs_in_once(member_client, app, db, form_login):
    codes = _enrol(member_client, db)
    email = _user(db, member_client).email
    browser = app.test_client()
    response = form_login(browser, email, PASSWORD, codes[0].upper().replace("-", " "))
    assert response.status_code == 303
    assert browser.get("/").status_code == 200
    again = app.test_client()
    assert form_login(again, email, PASSWORD, codes[0]).status_code == 200
    assert again.get("/").status_code == 302


def test_the_second_step_must_follow_the_password_step(client, make_user):
    user = make_user(email="a@example.org", second_factor=True)
    response = client.post("/login/second-factor", data={"code": code_for(user)})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/login")
    assert client.get("/").status_code == 302


def test_administrators_without_a_second_factor_must_set_one_up(login_as):
    admin = login_as("admin", "GSC", second_factor=False)
    response = admin.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/settings#second-factor")
    assert admin.get("/settings").status_code == 200
    core = login_as("core-group", "DE", second_factor=False)
    assert core.get("/experts/").status_code == 302
    member = login_as("member", "IT")
    assert member.get("/").status_code == 200


def test_an_administrator_can_require_it_of_everyone(admin_client, member_client, db):
    response = admin_client.post("/admin/security", data={"required_for_all": "y"})
    assert response.status_code == 303
    assert member_client.get("/").status_code == 302
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "require_second_factor"))
    admin_client.post("/admin/security", data={})
    assert member_client.get("/").status_code == 200


def test_only_administrators_change_the_security_settings(member_client, core_client):
    for client in (member_client, core_client):
        assert client.get("/admin/security").status_code == 403
        assert client.post("/admin/security", data={"required_for_all": "y"}).status_code == 403


def test_a_member_may_turn_it_off_with_the_password_an_administrator_may_not(member_client, admin_client, db):
    _enrol(member_client, db)
    refused = member_client.post("/settings/second-factor/disable", data={"disable-password": "wrong"})
    assert refused.status_code == 400
    assert _user(db, member_client).has_second_factor
    assert member_client.post("/settings/second-factor/disable",
                              data={"disable-password": PASSWORD}).status_code == 303
    assert not _user(db, member_client).has_second_factor
    response = admin_client.post("/settings/second-factor/disable", data={"disable-password": PASSWORD})
    assert response.status_code == 400
    assert b"must keep a second factor" in response.data
    assert _user(db, admin_client).has_second_factor


def test_an_administrator_can_remove_the_factor_of_someone_who_lost_the_phone(admin_client, login_as, db):
    core = login_as("core-group", "FR")
    response = admin_client.post(f"/admin/users/{core.user.id}/reset-second-factor")
    assert response.status_code == 303
    assert not _user(db, core).has_second_factor
    assert core.get("/experts/").status_code == 302  # must set up a new one


def test_new_recovery_codes_need_the_password_and_replace_the_old(member_client, app, db, form_login):
    old = _enrol(member_client, db)
    assert member_client.post("/settings/second-factor/recovery-codes",
                              data={"recovery-password": "wrong"}).status_code == 400
    response = member_client.post("/settings/second-factor/recovery-codes", data={"recovery-password": PASSWORD})
    new = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.get_data(as_text=True))
    assert len(new) == 10
    assert not set(new) & set(old)
    browser = app.test_client()
    form_login(browser, _user(db, member_client).email, PASSWORD, old[0])
    assert browser.get("/").status_code == 302


def test_email_change_needs_the_password_again(member_client, make_user, db):
    make_user(email="taken@example.org")
    wrong = member_client.post("/settings/email", data={"email-email": "new@example.org", "email-password": "nope"})
    assert wrong.status_code == 400
    assert b"This is not your current password." in wrong.data
    assert b"new@example.org" in wrong.data  # the typed address is kept
    taken = member_client.post("/settings/email", data={"email-email": "TAKEN@example.org",
                                                        "email-password": PASSWORD})
    assert b"Another account uses this e-mail address." in taken.data
    ok = member_client.post("/settings/email", data={"email-email": "New@Example.org", "email-password": PASSWORD})
    assert ok.status_code == 303
    assert _user(db, member_client).email == "new@example.org"
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "change_email"))
    assert event.changes["email"][1] == "new@example.org"
