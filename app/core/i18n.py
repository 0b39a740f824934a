"""The interface in English and French (Flask-Babel).

The language of a request is, in order: the logged-in user's choice (``users.language``, set in the header's
switch or on /settings), the choice an anonymous visitor made with the switch (kept in the session), the
browser's ``Accept-Language``, and English. A code we have no catalogue for always ends as English.

Strings are marked with ``_`` (``gettext``) where a request is running, ``_l`` (``lazy_gettext``) at import
time (labels, form fields, vocabularies), ``pgettext``/``_lp`` with a context where one English word needs
two French ones (a status "Held", a column "Held"), and ``{{ _("...") }}`` or ``{% trans %}`` in templates. The French
catalogue is ``app/translations/fr/LC_MESSAGES/messages.po``; ``make translations`` refreshes it from the code,
and the application compiles it when the ``.mo`` file is missing or older (tests/i18n checks it is complete).
"""

import logging
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from flask import Flask, has_request_context, request, session
from flask_babel import Babel, get_locale, pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _lp
from flask_login import current_user

__all__ = ["LANGUAGES", "_", "_l", "_lp", "babel", "clear_session", "format_date", "format_datetime",
           "format_number", "init_app", "language_of", "normalise", "pgettext"]

# code -> the language's own name (a switch is read by someone who may not know the current language).
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}  # not translated: each in its own language
DEFAULT_LANGUAGE = "en"
SESSION_KEY = "language"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"

babel = Babel()
logger = logging.getLogger(__name__)


def normalise(code: str | None) -> str:
    """A language we have, for any code: "fr", "fr-BE" and "FR_be" are French; anything unknown is English."""
    base = (code or "").replace("_", "-").split("-")[0].strip().lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def language_of(user: object | None) -> str:
    """The language to write to a user in when no request says otherwise (e-mail): their choice, or English."""
    return normalise(getattr(user, "language", None))


def select_locale() -> str:
    if not has_request_context():
        return DEFAULT_LANGUAGE
    if current_user and current_user.is_authenticated and current_user.language in LANGUAGES:
        return current_user.language
    chosen = session.get(SESSION_KEY)
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def clear_session(language: str | None) -> None:
    """Empty the session (log-in, log-out) but keep ``language`` as the visitor's choice, so the next page
    (the dashboard, the log-in page) stays in the language the person was reading."""
    session.clear()
    if language:
        session[SESSION_KEY] = language


def current_language() -> str:
    return normalise(str(get_locale() or DEFAULT_LANGUAGE))


def _locale() -> Locale:
    return get_locale() or Locale.parse(DEFAULT_LANGUAGE)


# Dates, times and numbers in the current language. The patterns are the same in every language (day, month
# name, year; 24-hour clock, as the network writes them); Babel supplies the names and separators.

def format_date(value: date | datetime | None, pattern: str = "d MMMM y") -> str:
    """28 November 2026 / 28 novembre 2026."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return babel_format_date(value, pattern, locale=_locale())


def format_datetime(value: datetime | None, pattern: str = "d MMMM y, HH:mm", zone: tzinfo | None = None) -> str:
    """A moment in ``zone`` (UTC unless given), followed by the zone's abbreviation: 28 November 2026, 14:05 UTC."""
    if value is None:
        return ""
    zone = zone or UTC
    local = value.astimezone(zone) if value.tzinfo else value.replace(tzinfo=UTC).astimezone(zone)
    text = babel_format_datetime(local.replace(tzinfo=None), pattern, locale=_locale())
    return f"{text} {local.tzname()}"


def format_local(value: datetime, pattern: str) -> str:
    """An already local (zone-aware or naive) moment in ``pattern``, without a zone: "Thu 15 November 2029"."""
    return babel_format_datetime(value.replace(tzinfo=None), pattern, locale=_locale())


def format_number(value: int | float | Decimal | None) -> str:
    """1,234 / 1 234."""
    if value is None:
        return ""
    return format_decimal(value, locale=_locale())


def compile_catalogues(directory: Path = TRANSLATIONS) -> None:
    """Compile each ``messages.po`` whose ``.mo`` is missing or older: the catalogue is the source of truth,
    so a fresh clone, the tests and a deployment never run with a stale or missing compiled file."""
    for po_path in directory.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
        except OSError as error:  # a read-only installation: compile at build time (README, Production)
            logger.warning("could not compile %s: %s", po_path, error)


def init_app(app: Flask) -> None:
    compile_catalogues()
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    babel.init_app(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS))
    app.jinja_env.globals.update(languages=LANGUAGES, current_language=current_language)
    app.jinja_env.filters.update(date=format_date, datetime=format_datetime, number=format_number,
                                 local=format_local)
