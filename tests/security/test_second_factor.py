"""The second factor at login: codes that work once and only in their time step, recovery codes, required for
administrators and the core group (or everyone). Setting it up: tests/account/test_second_factor_setup.py."""

import time

from app.core.models import AuditEvent
from tests.factories import PASSWORD, code_for, enrol_second_factor, reloaded_user


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


def test_a_code_of_another_time_step_is_refused(app, make_user, form_login):
    user = make_user(email="a@example.org", second_factor=True)
    for offset in (-1, 1):
        for _attempt in range(3):  # again if the 30-second step turned during the attempt (the code is then another)
            step = int(time.time() // 30)
            code, current = code_for(user, offset), code_for(user)
            client = app.test_client()
            response = form_login(client, "a@example.org", PASSWORD, code)
            if int(time.time() // 30) == step:
                break
        if code != current:  # a one-in-a-million coincidence would be the same code
            assert b"This code is not right" in response.data
            assert client.get("/").status_code == 302


def test_a_recovery_code_logs_in_once(member_client, app, db, form_login):
    codes = enrol_second_factor(member_client, db)
    email = reloaded_user(db, member_client).email
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
    assert response.headers["Location"].endswith("/settings/second-factor")
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


def test_an_administrator_can_remove_the_factor_of_someone_who_lost_the_phone(admin_client, login_as, db):
    core = login_as("core-group", "FR")
    response = admin_client.post(f"/admin/users/{core.user.id}/reset-second-factor")
    assert response.status_code == 303
    assert not reloaded_user(db, core).has_second_factor
    assert core.get("/experts/").status_code == 302  # must set up a new one
