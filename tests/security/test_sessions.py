"""Sessions end on the server: a copied cookie stops working after logout or deactivation (after a password
change or "log out everywhere": tests/account/test_settings.py); idle and absolute timeouts; a new session at login."""

from datetime import UTC, datetime, timedelta

from app.security.models import UserSession
from app.security.sessions import SESSION_KEY
from tests.factories import PASSWORD, log_in, two_browsers


def test_logout_ends_the_session_on_the_server_so_a_copied_cookie_stops_working(app, make_user, form_login):
    _user, browser, thief = two_browsers(app, make_user, form_login)
    browser.post("/logout")
    assert thief.get("/").status_code == 302
    assert browser.get("/").status_code == 302


def test_deactivation_ends_a_copied_session_too(app, make_user, form_login, admin_client):
    user, _browser, thief = two_browsers(app, make_user, form_login)
    admin_client.post(f"/admin/users/{user.id}/deactivate")
    assert thief.get("/").status_code == 302


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
