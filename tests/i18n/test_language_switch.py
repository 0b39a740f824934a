"""Translations and formatted values are remembered (per language, per request), never carried over: readers
of different languages, one after the other in the same process, each get their own language's labels, dates
and times, and an e-mail written in its recipient's language during a request leaves the page's language alone."""

import os
import shutil
from datetime import UTC, date, datetime

from flask import g
from flask_babel import force_locale

from app.core.i18n import TRANSLATIONS, _, _l, babel, format_date, format_number
from app.extensions import db
from tests.factories import in_french, log_in

ENGLISH = ("Last activity", "Any status", "Technical", "28 November 2026")
FRENCH = ("Dernière activité", "Tous les statuts", "Technique", "28 novembre 2026")


def _obstacles_page(client) -> str:
    return client.get("/obstacles/").data.decode()


def test_each_reader_gets_their_own_language_one_request_after_the_other(login_as, make_obstacle):
    obstacle = make_obstacle(kind="technical")
    obstacle.last_activity_at = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    db.session.commit()
    english, french = login_as("member", "IT"), in_french(login_as("member", "FR"))
    for _round in range(2):
        for client, shown, hidden in ((english, ENGLISH, FRENCH), (french, FRENCH, ENGLISH)):
            page = _obstacles_page(client)
            assert all(text in page for text in shown), client.user.language
            assert not any(text in page for text in hidden), client.user.language


def test_the_header_switch_changes_the_labels_at_the_next_page(member_client, make_obstacle):
    make_obstacle(kind="technical")
    assert "Any status" in _obstacles_page(member_client)
    member_client.post("/language", data={"language": "fr", "next": "/obstacles/"})
    page = _obstacles_page(member_client)
    assert all(text in page for text in ("Tous les statuts", "Technique"))
    assert "Any status" not in page
    member_client.post("/language", data={"language": "en", "next": "/obstacles/"})
    page = _obstacles_page(member_client)
    assert all(text in page for text in ("Any status", "Technical"))
    assert "Tous les statuts" not in page


def test_meeting_times_follow_each_readers_time_zone(login_as, make_meeting, db):
    meeting = make_meeting(status="convened", start=datetime(2030, 3, 14, 10, 0), timezone="Europe/Brussels")
    brussels, lisbon = login_as("member", "IT"), login_as("member", "PT")
    lisbon.user.timezone = "Europe/Lisbon"
    db.session.commit()
    for _round in range(2):
        assert "Thu 14 March 2030, 10:00–16:00 CET" in brussels.get(f"/meetings/{meeting.id}").data.decode()
        assert "Thu 14 March 2030, 09:00–15:00 WET" in lisbon.get(f"/meetings/{meeting.id}").data.decode()


def test_an_email_in_the_recipients_language_leaves_the_page_in_the_readers(app):
    label = _l("Kind")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert (str(label), _("Kind"), format_date(date(2026, 11, 28))) == ("Kind", "Kind", "28 November 2026")
        with force_locale("fr"):
            assert (str(label), format_date(date(2026, 11, 28))) == ("Type", "28 novembre 2026")
            assert format_number(12345) == "12\u202f345"
        assert (str(label), format_date(date(2026, 11, 28))) == ("Kind", "28 November 2026")
        assert format_number(12345) == "12,345"


def test_formatted_values_are_not_kept_for_the_next_request(app):
    moment = datetime(2026, 11, 28, 14, 5, tzinfo=UTC)
    # Both requests share the test's application context (and so ``g``), as a CLI task or a test's would.
    with app.test_request_context(), force_locale("fr"):
        assert format_date(moment) == "28 novembre 2026"
    with app.test_request_context(), force_locale("en"):
        assert format_date(moment) == "28 November 2026"
        assert _("Kind") == "Kind"
    assert "_i18n" not in g  # nothing of a request's formatting outlives it (a long CLI task stays small)


def test_a_recompiled_catalogue_is_shown_not_the_remembered_translation(app, make_app, make_user, tmp_path):
    directory = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, directory)
    catalogue = directory / "fr" / "LC_MESSAGES" / "messages.po"
    reader = make_user("member", "IT")
    reader.language = "fr"
    db.session.commit()

    def french_list(application) -> str:
        return log_in(application.test_client(), reader).get("/obstacles/").data.decode()

    try:
        assert "Tous les statuts" in french_list(make_app(BABEL_TRANSLATION_DIRECTORIES=str(directory)))
        catalogue.write_text(catalogue.read_text().replace('msgstr "Tous les statuts"', 'msgstr "Statut : tous"'))
        compiled = catalogue.with_suffix(".mo").stat().st_mtime
        os.utime(catalogue, (compiled + 10, compiled + 10))  # edited after the last compilation
        page = french_list(make_app(BABEL_TRANSLATION_DIRECTORIES=str(directory)))
        assert "Statut : tous" in page
        assert "Tous les statuts" not in page
    finally:  # the next tests read the real catalogue again
        babel.domain_instance.cache.clear()
