"""Sessions end on the server: a copied cookie stops working after logout, password change, deactivation
or "log out everywhere"; idle and absolute timeouts; a new session at login."""

from datetime import UTC, datetime, timedelta

from app.network.models import User
from app.security.models import UserSession
from app.security.sessions import SESSION_KEY
from tests.factories import PASSWORD, copy_cookie, log_in


def _two_browsers(app, make_user, form_login, **user_kwargs):
    user = make_user(email="giulia@example.org", **user_kwargs)
    browser = app.test_client()
    assert form_login(browser, "giulia@example.org", PASSWORD).status_code == 303
    thief = app.test_client()
    copy_cookie(browser, thief)
    assert thief.get("/").status_code == 200  # the copy works while the session lives
    return user, browser, thief


def test_logout_ends_the_session_on_the_server_so_a_copied_cookie_stops_working(app, make_user, form_login):
    _user, browser, thief = _two_browsers(app, make_user, form_login)
    browser.post("/logout")
    assert thief.get("/").status_code == 302
    assert browser.get("/").status_code == 302


def test_password_change_ends_other_sessions_and_keeps_this_one(app, make_user, form_login, db):
    user, browser, thief = _two_browsers(app, make_user, form_login)
    new = "a brand new passphrase"
    response = browser.post("/settings/password", data={
        "pw-current_password": PASSWORD, "pw-password": new, "pw-confirm": new})
    assert response.status_code == 303
    assert browser.get("/").status_code == 200
    assert thief.get("/").status_code == 302
    browser.post("/logout")
    assert form_login(browser, "giulia@example.org", "a brand new passphrase").status_code == 303


def test_password_change_needs_the_current_password(member_client, db):
    response = member_client.post("/settings/password", data={
        "pw-current_password": "not my password", "pw-password": "a brand new passphrase",
        "pw-confirm": "a brand new passphrase"})
    assert response.status_code == 400
    assert b"This is not your current password." in response.data
    assert db.session.get(User, member_client.user.id).session_version == 1


def test_log_out_everywhere_ends_every_session(app, make_user, form_login):
    _user, browser, thief = _two_browsers(app, make_user, form_login)
    other_device = app.test_client()
    form_login(other_device, "giulia@example.org", PASSWORD)
    response = browser.post("/settings/logout-everywhere")
    assert response.status_code == 303
    for client in (browser, thief, other_device):
        assert client.get("/").status_code == 302


def test_deactivation_ends_a_copied_session_too(app, make_user, form_login, admin_client):
    user, _browser, thief = _two_browsers(app, make_user, form_login)
    admin_client.post(f"/admin/users/{user.id}/deactivate")
    assert thief.get("/").status_code == 302


def test_settings_list_the_open_sessions(app, make_user, form_login):
    _user, browser, _thief = _two_browsers(app, make_user, form_login)
    page = browser.get("/settings")
    assert b"Where you are logged in" in page.data
    assert b"(this browser)" in page.data


def _age_session(db, user, **ages):
    row = db.session.scalar(db.select(UserSession).where(UserSession.user_id == user.id))
    for name, age in ages.items():
        setattr(row, name, datetime.now(UTC) - age)
    db.session.commit()


def test_idle_timeout_ends_an_unused_session(make_app, make_user, db):
    app = make_app(SESSION_IDLE_TIMEOUT=timedelta(minutes=30))
    with app.app_context():
        user = make_user()
        fresh, idle = log_in(app.test_client(), user), None
        _age_session(db, user, last_seen_at=timedelta(minutes=29))
        assert fresh.get("/").status_code == 200
        _age_session(db, user, last_seen_at=timedelta(minutes=31))
        idle = fresh.get("/")
        assert idle.status_code == 302
        assert "/login" in idle.headers["Location"]


def test_absolute_timeout_ends_even_a_busy_session(make_app, make_user, db):
    app = make_app(SESSION_ABSOLUTE_TIMEOUT=timedelta(hours=12))
    with app.app_context():
        user = make_user()
        client = log_in(app.test_client(), user)
        _age_session(db, user, created_at=timedelta(hours=11, minutes=50))
        assert client.get("/").status_code == 200
        _age_session(db, user, created_at=timedelta(hours=12, minutes=1))
        assert client.get("/").status_code == 302


def test_timeouts_are_configurable_in_seconds_from_the_environment(monkeypatch, make_app):
    monkeypatch.setenv("FLASK_SESSION_IDLE_TIMEOUT", "600")
    app = make_app()
    assert app.config["SESSION_IDLE_TIMEOUT"] == timedelta(minutes=10)
    assert app.config["SESSION_ABSOLUTE_TIMEOUT"] == timedelta(hours=12)


def test_login_gives_a_new_session_identifier(client, make_user, form_login):
    make_user(email="a@example.org")
    client.get("/login")
    with client.session_transaction() as session:
        session[SESSION_KEY] = "planted-by-an-attacker"
    form_login(client, "a@example.org", PASSWORD)
    with client.session_transaction() as session:
        first = session[SESSION_KEY]
    assert first != "planted-by-an-attacker"
    client.post("/logout")
    form_login(client, "a@example.org", PASSWORD)
    with client.session_transaction() as session:
        assert session[SESSION_KEY] not in (first, "planted-by-an-attacker")
