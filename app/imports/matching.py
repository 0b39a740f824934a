"""Matching a cell's text to a value, forgivingly (case, accents, spaces, English or French) but never by guess:
a value that matches nothing is a problem of its row (:class:`Problem`), with what was accepted."""

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from babel import Locale

from app.core.i18n import _
from app.core.limits import EARLIEST_YEAR, LATEST_YEAR, LINE_BREAKS


class Problem(ValueError):
    """What is wrong with one cell, for the person importing."""


def normal(text: Any) -> str:
    """Case, accents, punctuation around words and repeated spaces do not count."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").casefold()
    return " ".join(re.sub(r"[^\w/&()+-]+", " ", folded).split())


class Vocabulary:
    """Names (any number per value) -> value, compared by :func:`normal`. ``what`` names the kind of value in a
    problem ("country", "kind")."""

    def __init__(self, what: str, names: Iterable[tuple[Any, Iterable[Any]]]) -> None:
        self.what = what
        self.by_name: dict[str, Any] = {}
        self.shown: list[str] = []
        for value, aliases in names:
            first = True
            for alias in aliases:
                if alias is None or alias == "":
                    continue
                key = normal(alias)
                self.by_name.setdefault(key, value)
                if first:
                    self.shown.append(str(alias))
                    first = False

    def match(self, text: Any) -> Any:
        text = str(text).strip()
        found = self.by_name.get(normal(text))
        if found is None:
            examples = ", ".join(self.shown[:8]) + (", …" if len(self.shown) > 8 else "")
            raise Problem(_("“%(value)s” is not a known %(what)s (for example: %(examples)s).",
                            value=str(text)[:80], what=self.what, examples=examples))
        return found

    def match_list(self, text: Any) -> list[Any]:
        """Values separated by commas, semicolons or line breaks; each must match."""
        return [self.match(part.strip()) for part in re.split(r"[,;\n]+", str(text)) if part.strip()]


def labelled(what: str, labels: dict[str, Any]) -> Vocabulary:
    """Codes and their labels (lazy strings) in English and in French."""
    from flask_babel import force_locale  # noqa: PLC0415 - needs an application, unlike the rest of this module

    names: dict[str, list[str]] = {code: [code] for code in labels}
    for language in ("en", "fr"):
        with force_locale(language):
            for code, label in labels.items():
                names[code].append(str(label))
    return Vocabulary(what, names.items())


def to_id(value: Any) -> int:
    """A record's ID, as an export writes it."""
    text = to_text(value, limit=12)
    if not text.isdigit() or not 1 <= int(text) <= 2**31 - 1:
        raise Problem(_("“%(value)s” is not an ID.", value=text))
    return int(text)


# Greece is EL in the EU's own list and GR in ISO 3166.
_ISO_ALIASES = {"EL": "GR"}


def territory_names(code: str) -> list[str]:
    iso = _ISO_ALIASES.get(code, code)
    names = [iso]
    for language in ("en", "fr"):
        name = Locale(language).territories.get(iso)
        if name:
            names.append(name)
    return names


def country_vocabulary(organisations: Iterable[Any], what: str) -> Vocabulary:
    """Organisations by code, by their stored name, and for countries by ISO code and English and French names
    (Babel's territory names)."""
    entries = []
    for organisation in organisations:
        extra = territory_names(organisation.code) if organisation.kind == "member_state" else []
        entries.append((organisation.id, [organisation.name, organisation.code, *extra]))
    return Vocabulary(what, entries)


_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00)?)?$")


def to_date(value: Any) -> date:
    """A workbook's date, or text in ISO (2026-03-31) or day/month/year (31/03/2026, 31.03.2026) form."""
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    else:
        text = str(value).strip()
        iso, day_first = _ISO.match(text), _DAY_FIRST.match(text)
        try:
            if iso:
                found = date(int(iso[1]), int(iso[2]), int(iso[3]))
            elif day_first:
                found = date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
            else:
                raise ValueError(text)
        except ValueError:
            raise Problem(_("“%(value)s” is not a date: write it as 2026-03-31 or 31/03/2026.",
                            value=text[:40])) from None
    if not EARLIEST_YEAR <= found.year <= LATEST_YEAR:
        raise Problem(_("%(date)s is not a plausible date.", date=found.isoformat()))
    return found


CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def to_cefr(value: Any) -> str:
    text = str(value).strip().upper().replace(" ", "")
    if text not in CEFR_LEVELS:
        raise Problem(_("“%(value)s” is not a language level: use A1, A2, B1, B2, C1 or C2.", value=str(value)[:20]))
    return text


def to_text(value: Any, *, limit: int, one_line: bool = True) -> str:
    """Text of at most ``limit`` characters; a number or date from a workbook is written as text."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = str(value).strip()
    if one_line and any(ch in LINE_BREAKS for ch in text):
        raise Problem(_("This value must fit on one line."))
    if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
        raise Problem(_("This value contains control characters."))
    if len(text) > limit:
        raise Problem(_("At most %(limit)s characters (this one has %(length)s).", limit=limit, length=len(text)))
    return text
