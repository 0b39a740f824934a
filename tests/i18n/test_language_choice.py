"""Which language a page is in: the user's setting, the header's switch, the browser, English."""

from datetime import UTC, date, datetime

from flask_babel import force_locale

from app.core.i18n import format_date, format_datetime, format_number, normalise
from app.network.models import User
from tests.factories import log_in
from tests.i18n.checks import page_language, read_page


def test_the_browser_language_is_the_first_default(client, member_client):
    assert page_language(client.get("/login")) == "en"
    assert page_language(client.get("/login", headers={"Accept-Language": "fr-FR,fr;q=0.9"})) == "fr"
    assert page_language(member_client.get("/", headers={"Accept-Language": "fr-BE"})) == "fr"


def test_an_unknown_language_falls_back_to_english(client, member_client, db):
    assert page_language(client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9"})) == "en"
    assert normalise("xx") == "en"
    assert normalise("FR_be") == "fr"
    assert normalise(None) == "en"
    member_client.user.language = "de"  # a code left by an older version, or typed into the database
    db.session.commit()
    assert page_language(member_client.get("/")) == "en"
    response = member_client.post("/language", data={"language": "klingon", "next": "/obstacles/"})
    assert response.status_code == 303
    page = member_client.get(response.headers["Location"]).data.decode()
    assert "That language is not available; the intranet is shown in English." in page
    assert read_page(page).lang == "en"


def test_the_header_switch_is_remembered_in_the_users_settings(member_client, db):
    page = member_client.get("/obstacles/").data.decode()
    assert 'name="language" value="fr" lang="fr"' in page
    response = member_client.post("/language", data={"language": "fr", "next": "/obstacles/?kind=legal"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/obstacles/?kind=legal"
    db.session.expire_all()
    assert db.session.get(User, member_client.user.id).language == "fr"
    assert page_language(member_client.get("/obstacles/", headers={"Accept-Language": "en"})) == "fr"
    # The setting follows the user to a new session and a new browser.
    other_browser = log_in(member_client.application.test_client(), member_client.user)
    assert page_language(other_browser.get("/")) == "fr"


def test_the_switch_only_goes_back_to_this_site(member_client):
    response = member_client.post("/language", data={"language": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_a_visitor_chooses_before_logging_in_and_keeps_the_choice(client, make_user):
    assert client.post("/language", data={"language": "fr", "next": "/login"}).status_code == 303
    assert page_language(client.get("/login")) == "fr"
    user = make_user("member", "IT")
    log_in(client, user)
    assert page_language(client.get("/")) == "fr"


def test_dates_and_numbers_follow_the_language(app):
    moment = datetime(2026, 11, 28, 14, 5, tzinfo=UTC)
    with app.test_request_context(), force_locale("en"):
        assert format_date(date(2026, 11, 28)) == "28 November 2026"
        assert format_datetime(moment) == "28 November 2026, 14:05 UTC"
        assert format_number(12345) == "12,345"
    with app.test_request_context(), force_locale("fr"):
        assert format_date(date(2026, 11, 28)) == "28 novembre 2026"
        assert format_datetime(moment) == "28 novembre 2026, 14:05 UTC"
        assert format_number(12345) == "12\u202f345"
