"""The user's own settings page (app/account): time zone, language, calendar feed address, e-mail address,
password, the open sessions and logging out everywhere."""

from datetime import datetime

from app.core.models import AuditEvent
from app.network.models import User
from tests.factories import PASSWORD, log_in, new_feed_url, reloaded_user, two_browsers
from tests.i18n.checks import page_language


def test_settings_change_the_time_zone_and_explain_an_unknown_one(member_client, make_meeting, db):
    page = member_client.get("/settings").data.decode()
    assert '<option selected value="Europe/Brussels">' in page
    bad = member_client.post("/settings/timezone", data={"timezone": "Europe/Atlantis"})
    assert bad.status_code == 400
    assert "“Europe/Atlantis” is not a time zone we know" in bad.data.decode()
    assert member_client.post("/settings/timezone", data={"timezone": "Asia/Tokyo"}).status_code == 303
    assert db.session.get(User, member_client.user.id).timezone == "Asia/Tokyo"
    meeting = make_meeting(status="convened", start=datetime(2029, 11, 15, 10))
    assert "Thu 15 November 2029, 18:00 JST" in member_client.get(f"/meetings/{meeting.id}").data.decode()


def test_the_feed_url_is_shown_once_and_can_be_regenerated_and_revoked(member_client, client):
    first = new_feed_url(member_client)
    settings = member_client.get("/settings").data.decode()
    assert first not in settings  # never shown again
    assert "Make a new address" in settings
    second = new_feed_url(member_client)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    member_client.post("/settings/calendar-feed/revoke")
    assert client.get(second).status_code == 404


def test_making_a_feed_address_needs_the_csrf_token(make_app, make_user, db):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        user = make_user()
        client = log_in(app.test_client(), user)
        response = client.post("/settings/calendar-feed")
        assert response.status_code == 400
        db.session.expire_all()
        assert db.session.get(User, user.id).calendar_token_hash is None


def test_the_settings_page_sets_the_language_or_the_browser(member_client, db):
    response = member_client.post("/settings/language", data={"language": "fr"}, follow_redirects=True)
    assert "L’intranet est désormais affiché en Français." in response.data.decode()
    assert page_language(response) == "fr"
    response = member_client.post("/settings/language", data={"language": ""}, follow_redirects=True,
                                  headers={"Accept-Language": "en"})
    assert page_language(response) == "en"
    db.session.expire_all()
    assert db.session.get(User, member_client.user.id).language is None
    bad = member_client.post("/settings/language", data={"language": "de"})
    assert bad.status_code == 400
    assert "Not a valid choice" in bad.data.decode()


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
    assert reloaded_user(db, member_client).email == "new@example.org"
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "change_email"))
    assert event.changes["email"][1] == "new@example.org"


def test_password_change_ends_other_sessions_and_keeps_this_one(app, make_user, form_login, db):
    user, browser, thief = two_browsers(app, make_user, form_login)
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
    _user, browser, thief = two_browsers(app, make_user, form_login)
    other_device = app.test_client()
    form_login(other_device, "giulia@example.org", PASSWORD)
    response = browser.post("/settings/logout-everywhere")
    assert response.status_code == 303
    for client in (browser, thief, other_device):
        assert client.get("/").status_code == 302


def test_settings_list_the_open_sessions(app, make_user, form_login):
    _user, browser, _thief = two_browsers(app, make_user, form_login)
    page = browser.get("/settings")
    assert b"Where you are logged in" in page.data
    assert b"(this browser)" in page.data
