"""What the translation tests share: the strings the code marks, the French catalogue, and a reader of the
text a person sees on a page."""

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import available_timezones

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from wtforms.i18n import messages_path

from app.core.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOGUE = ROOT / "app" / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "_l": None,
            "lazy_gettext": None, "lazy_ngettext": (1, 2), "_lp": ((1, "c"), 2), "lazy_pgettext": ((1, "c"), 2)}
METHODS = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.do"}, "**.txt": {"extensions": "jinja2.ext.do"}}


@cache
def marked_strings() -> dict[tuple[str | None, str], list[str]]:
    """(context, msgid) -> where it is marked ("templates/base.html:12"), as `make translations` extracts them."""
    found: dict[tuple[str | None, str], list[str]] = {}
    for folder in ("app", "templates"):
        for filename, lineno, message, _comments, context in extract_from_dir(
            ROOT / folder, METHODS, options_map=OPTIONS, keywords=KEYWORDS,
        ):
            msgid = message if isinstance(message, str) else message[0]
            if msgid:
                found.setdefault((context, msgid), []).append(f"{folder}/{filename}:{lineno}")
    return found


@cache
def french() -> Catalog:
    with CATALOGUE.open("rb") as po_file:
        return read_po(po_file, locale="fr")


@cache
def french_words() -> frozenset[str]:
    """Every word of the French catalogue, the language names and the time-zone names: words a French page
    may show that are not user data."""
    words: set[str] = set()
    french_locale = Locale("fr")
    names = [*french_locale.months["format"]["wide"].values(), *french_locale.months["format"]["abbreviated"].values(),
             *french_locale.months["stand-alone"]["wide"].values(),
             *french_locale.days["format"]["wide"].values(), *french_locale.days["format"]["abbreviated"].values()]
    texts = [*LANGUAGES.values(), *names,
             *(zone.replace("/", " ").replace("_", " ") for zone in available_timezones())]
    # WTForms' own messages ("Not a valid choice") come from its French catalogue, through Flask-WTF.
    with (Path(messages_path()) / "fr" / "LC_MESSAGES" / "wtforms.po").open("rb") as po_file:
        wtforms_french = read_po(po_file, locale="fr")
    for message in [*french(), *wtforms_french]:
        if message.id:
            texts.extend([message.string] if isinstance(message.string, str) else list(message.string))
    for text in texts:
        words.update(w.lower() for w in WORD.findall(text or ""))
    return frozenset(words)


WORD = re.compile(r"[^\W\d_]{3,}")
USER_FACING_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}


class VisibleText(HTMLParser):
    """The text nodes a person reads, and the attributes a screen reader or a tooltip reads out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.segments: list[str] = []
        self._skip = 0
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if tag in ("script", "style", "code", "template"):
            self._skip += 1
        for name, value in attrs:
            if value and (name in USER_FACING_ATTRIBUTES or (
                    name == "value" and tag == "input" and values.get("type") in ("submit", "button"))):
                self.segments.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.segments.append(" ".join(data.split()))


def read_page(html: str) -> VisibleText:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser


def page_language(response) -> str | None:
    """The language the page says it is in (its lang attribute)."""
    return read_page(response.data.decode()).lang


class UserData:
    """The text stored in the database (titles, names, notes...): shown as typed, never translated."""

    def __init__(self, values: list[str]) -> None:
        values = sorted({" ".join(v.split()) for v in values if v and v.strip()}, key=len, reverse=True)
        self.joined = "\n".join(values)
        # Whole words only: a stored code such as "fr" must not eat into "français".
        alternatives = "|".join(re.escape(v) for v in values if len(v) >= 2)
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if alternatives else None

    def strip(self, segment: str) -> str:
        """The segment without the user data in it ("" when it is all data, or a long enough part of it: a
        paragraph of a Markdown text)."""
        if len(segment) >= 12 and segment in self.joined:
            return ""
        if re.search(rf"(?<!\w){re.escape(segment)}(?!\w)", self.joined):  # a heading or a word of a text
            return ""
        return self.pattern.sub(" ", segment) if self.pattern else segment


def english_left(html: str, data: UserData) -> list[str]:
    """Segments of a French page holding a word that is neither French (the catalogue's) nor user data."""
    vocabulary = french_words()
    left = []
    for segment in read_page(html).segments:
        rest = data.strip(segment)
        strangers = [w for w in WORD.findall(rest) if not w.isupper() and w.lower() not in vocabulary]
        if strangers:
            left.append(f"{segment!r} ({', '.join(strangers)})")
    return left


def stored_text() -> UserData:
    """Every distinct text value of every table, as it is now."""
    from sqlalchemy import String, Text, select

    from app.extensions import db

    values: list[str] = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, String | Text):
                values.extend(v for v in db.session.scalars(select(column).distinct()) if isinstance(v, str))
    return UserData(values)
