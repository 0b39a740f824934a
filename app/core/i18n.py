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
from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from weakref import WeakKeyDictionary

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations
from flask import Flask, g, has_request_context, request, session
from flask_babel import Babel, LazyString, get_locale, get_translations
from flask_login import current_user

from app.core import reference
from app.core.limits import in_zone

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


# Translated text, per language and per message, for the life of the catalogue Flask-Babel loaded: a reloaded
# catalogue is a new translations object, with an empty memo of its own.
_TEXTS: "WeakKeyDictionary[NullTranslations, dict[object, str]]" = WeakKeyDictionary()


class _Catalogue:
    """The current language for one request: its locale, its translations and their memo, and the memo of
    the dates and numbers formatted in it (a list page shows the same date many times)."""

    __slots__ = ("formats", "locale", "texts", "translations")

    def __init__(self, locale: Locale, translations: NullTranslations) -> None:
        self.locale, self.translations = locale, translations
        self.texts = _TEXTS.setdefault(translations, {})
        self.formats: dict[tuple, str] = {}

    def gettext(self, message: str) -> str:
        try:
            return self.texts[message]
        except KeyError:
            text = self.texts[message] = self.translations.ugettext(message)
            return text

    def pgettext(self, context: str, message: str) -> str:
        try:
            return self.texts[context, message]
        except KeyError:
            text = self.texts[context, message] = self.translations.upgettext(context, message)
            return text

    def format(self, babel_format: Callable[..., str], value: object, pattern: str | None) -> str:
        """``babel_format(value, pattern)`` in this locale, once per request for each value and pattern (the
        type is in the key: 1, 1.0 and True are equal keys of a dict, not the same text)."""
        key = (babel_format, type(value), value, pattern)
        try:
            return self.formats[key]
        except KeyError:
            text = self.formats[key] = babel_format(value, pattern, locale=self.locale)
            return text


def _catalogue() -> _Catalogue:
    """Flask-Babel finds the translations through the context, the locale and its name at every string; here
    that happens once per request, and again only when the locale changes (``force_locale``, ``refresh``)."""
    try:
        context = g._get_current_object()
        current = context._i18n
        if current.locale is context._flask_babel.babel_locale:
            return current
    except (AttributeError, RuntimeError):  # first string of the request, or no application context
        pass
    locale = get_locale()
    current = _Catalogue(locale or Locale.parse(DEFAULT_LANGUAGE), get_translations())
    if locale is not None:
        g._i18n = current
    return current


def _forget_catalogue(_error: BaseException | None = None) -> None:
    """End of a request: its formatted values go (a test's request context may share ``g`` with the next)."""
    g.pop("_i18n", None)


def _(string: str, **variables: object) -> str:
    text = _catalogue().gettext(string)
    return text % variables if variables else text


def pgettext(context: str, string: str, **variables: object) -> str:
    text = _catalogue().pgettext(context, string)
    return text % variables if variables else text


def _l(string: str, **variables: object) -> LazyString:
    return LazyString(_, string, **variables)


def _lp(context: str, string: str, **variables: object) -> LazyString:
    return LazyString(pgettext, context, string, **variables)


def _template_ngettext(singular: str, plural: str, num: int) -> str:
    return _catalogue().translations.ungettext(singular, plural, num)


def _template_npgettext(context: str, singular: str, plural: str, num: int) -> str:
    return _catalogue().translations.unpgettext(context, singular, plural, num)


# Dates, times and numbers in the current language. The patterns are the same in every language (day, month
# name, year; 24-hour clock, as the network writes them); Babel supplies the names and separators.

def format_date(value: date | datetime | None, pattern: str = "d MMMM y") -> str:
    """28 November 2026 / 28 novembre 2026."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _catalogue().format(babel_format_date, value, pattern)


def format_datetime(value: datetime | None, pattern: str = "d MMMM y, HH:mm", zone: tzinfo | None = None) -> str:
    """A moment in ``zone`` (UTC unless given), followed by the zone's abbreviation: 28 November 2026, 14:05 UTC."""
    if value is None:
        return ""
    zone = zone or UTC
    local = in_zone(value if value.tzinfo else value.replace(tzinfo=UTC), zone)
    return f"{format_local(local, pattern)} {local.tzname()}"


def format_local(value: datetime, pattern: str) -> str:
    """An already local (zone-aware or naive) moment in ``pattern``, without a zone: "Thu 15 November 2029"."""
    return _catalogue().format(babel_format_datetime, value.replace(tzinfo=None), pattern)


def format_number(value: int | float | Decimal | None) -> str:
    """1,234 / 1 234."""
    if value is None:
        return ""
    return _catalogue().format(format_decimal, value, None)


def compile_catalogues(directory: Path = TRANSLATIONS) -> int:
    """Compile each ``messages.po`` whose ``.mo`` is missing or older: the catalogue is the source of truth,
    so a fresh clone, the tests and a deployment never run with a stale or missing compiled file. Returns how
    many were compiled."""
    compiled = 0
    for po_path in directory.glob("*/LC_MESSAGES/messages.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            compiled += 1
        except OSError as error:  # a read-only installation: compile at build time (README, Production)
            logger.warning("could not compile %s: %s", po_path, error)
    return compiled


def init_app(app: Flask) -> None:
    directories = app.config.get("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS)).split(";")
    compiled = sum(compile_catalogues(Path(app.root_path, directory)) for directory in directories)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    babel.init_app(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS))
    if compiled:  # Flask-Babel keeps what it read for the process: a recompiled catalogue is read again
        with app.app_context():  # (and its texts translated afresh: the memo belongs to the catalogue read)
            babel.domain_instance.cache.clear()
        reference.forget()  # and the choices and selects kept per language (app/core/reference.py)
    app.jinja_env.install_gettext_callables(  # Flask-Babel's, without its look-up of the translations per string
        gettext=lambda string: _catalogue().gettext(string), ngettext=_template_ngettext,
        pgettext=lambda context, string: _catalogue().pgettext(context, string), npgettext=_template_npgettext,
        newstyle=True)
    app.teardown_request(_forget_catalogue)
    app.jinja_env.globals.update(languages=LANGUAGES, current_language=current_language)
    app.jinja_env.filters.update(date=format_date, datetime=format_datetime, number=format_number,
                                 local=format_local)
