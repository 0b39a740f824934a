"""The operational-data guard: this intranet is for network business, not for case data.

:func:`scan` finds fragments of a text that look like operational personal data (a date of birth, a passport
or ID number, an IBAN, a phone number, a vehicle plate, a third party's e-mail address) and returns them with
their positions and kind. The detectors are deliberately conservative: ordinary network text (articles of
the Schengen Convention, Council documents "9999/22 LIMITE", meeting dates, percentages, SIENA, Prüm, the
network's own mailboxes) must pass without a warning, so each needs a checksum (IBAN), a valid number plan
(phones) or a word that says what the number is ("passport", "born", "Kennzeichen").

An e-mail address is not a third party's when it is a network user's or a mailbox listed in the directory:
the network module hands those over with :func:`trusted_addresses`, so core imports no module.

A form whose users write free text on a record takes the :class:`Guarded` mixin (its ``guarded_fields`` and the
confirmation checkbox); the view saves only when ``form.validate_on_submit() and guard_form(form)``, then
calls :func:`record_confirmation` in the same transaction. Templates show the warning with
``macros/guard.html`` and the field macro highlights the fragments (``guard_highlight``).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import phonenumbers
from markupsafe import Markup, escape
from stdnum import iban
from wtforms import BooleanField, HiddenField

from app.core import audit
from app.core.i18n import _, _l
from app.core.timezones import today

KINDS = {
    "date_of_birth": _l("looks like a date of birth"),
    "identity_document": _l("looks like a passport or ID card number"),
    "iban": _l("looks like an IBAN"),
    "phone": _l("looks like a phone number"),
    "vehicle_plate": _l("looks like a vehicle plate"),
    "email": _l("looks like the e-mail address of a third party"),
}


@dataclass(frozen=True)
class Finding:
    """One fragment of a text that looks like operational personal data: ``text[start:end]``."""

    start: int
    end: int
    fragment: str
    kind: str

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


_address_providers: list[Callable[[], Iterable[str]]] = []


def trusted_addresses(provider: Callable[[], Iterable[str]]) -> None:
    """Register ``provider()``: e-mail addresses of the network (users, functional mailboxes) never flagged."""
    _address_providers.append(provider)


def _trusted() -> set[str]:
    return {address.lower() for provider in _address_providers for address in provider()}


# Dates ---------------------------------------------------------------------------------------------------
_MONTHS = (r"jan(?:uary|vier|uar)?|feb(?:ruary|ruar)?|f[ée]v(?:rier)?|m[aä]r(?:ch|s|z)?|apr(?:il)?|avr(?:il)?"
           r"|ma[iy]|juin|june?|juni|juil(?:let)?|july?|juli|aug(?:ust)?|ao[uû]t|sep(?:tember|tembre)?"
           r"|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|d[eé][cz](?:ember|embre)?")
_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<d1>\d{1,2})[./-](?P<m1>\d{1,2})[./-](?P<y1>\d{4})"
    r"|(?P<y2>\d{4})-(?P<m2>\d{2})-(?P<d2>\d{2})"
    rf"|(?P<d3>\d{{1,2}})(?:er|st|nd|rd|th)?\.?\s+(?:{_MONTHS})\.?\s+(?P<y3>\d{{4}})"
    r")(?![\w/-])",
    re.IGNORECASE,
)
_BIRTH_WORDS = re.compile(
    r"\b(?:born|b\.|née?|nee|DOB|D\.O\.B\.?|date\s+of\s+birth|birth\s*date|date\s+de\s+naissance|geb\.|geboren"
    r"|Geburtsdatum|Geb\.-?Datum|nato|nata)(?=\W|$)",
    re.IGNORECASE,
)
# "Jan KOWALSKI, 12.03.1985", "Kowalski Jan (12/03/1985)": two capitalised words right before the date.
_NAME_BEFORE = re.compile(r"\b([A-ZÀ-Þ][a-zß-ÿ]+|[A-ZÀ-Þ]{2,})\s+([A-ZÀ-Þ][a-zß-ÿ]+|[A-ZÀ-Þ]{2,})\s*[,(*]\s*\(?$")
# Capitalised words that start titles and names of bodies, never a person's name.
_NOT_NAMES = {
    "council", "conclusions", "decision", "directive", "regulation", "meeting", "article", "presidency",
    "commission", "europol", "interpol", "cepol", "frontex", "network", "heads", "spoc", "working", "party",
    "group", "report", "annex", "agenda", "minutes", "convention", "treaty", "brussels", "luxembourg", "the",
    "le", "la", "les", "der", "die", "das", "réunion", "conseil", "sitzung", "rat", "lisa", "eu", "ue",
    "sirene", "siena", "schengen", "prüm", "pnr", "cisa", "limite", "workshop", "training", "conference",
    "initiative", "framework", "act", "agreement", "protocol", "summit", "programme", "strategy", "plan",
    "european", "union", "member", "state", "states", "day", "session", "seminar", "version", "update",
}


def _plausible_date(match: re.Match[str]) -> int | None:
    """The year of a real calendar date, else None (so "12.34.2020" is not a date)."""
    groups = match.groupdict()
    year = int(groups["y1"] or groups["y2"] or groups["y3"])
    if groups["d3"]:
        return year if 1 <= int(groups["d3"]) <= 31 else None
    day, month = int(groups["d1"] or groups["d2"]), int(groups["m1"] or groups["m2"])
    try:
        date(year, month, day)
    except ValueError:
        return None
    return year


def _dates_of_birth(text: str) -> Iterable[Finding]:
    for match in _DATE.finditer(text):
        year = _plausible_date(match)
        if year is None:
            continue
        before = text[max(0, match.start() - 30):match.start()]
        name = _NAME_BEFORE.search(before)
        is_name = bool(name) and not {name.group(1).lower(), name.group(2).lower()} & _NOT_NAMES
        # A person's name next to a date is a birth date when the year is one people are born in, not a
        # meeting's (no one in a case file is under 14 or over 110).
        if _BIRTH_WORDS.search(before) or (is_name and today().year - 110 <= year <= today().year - 14):
            yield Finding(match.start(), match.end(), match.group(), "date_of_birth")


# Documents and plates ---------------------------------------------------------------------------------------
_DOCUMENT_WORDS = (r"passports?|passeports?|pass(?:port)?-?nr\.?|reisepass|(?:personal)?ausweis(?:es)?"
                   r"|ID[\s-]?(?:card|number|no\.?|karte|nummer)|identity\s+(?:card|document)|carte\s+d['’]identit[ée]"
                   r"|pi[eè]ce\s+d['’]identit[ée]|CNI|titre\s+de\s+s[ée]jour|residence\s+permit|document\s+number")
_DOCUMENT = re.compile(
    rf"(?:\b(?P<word>{_DOCUMENT_WORDS})(?=\W)[^\n.;:]{{0,25}}?[:\s]|(?<!\w)(?P<no>n°|no\.|nr\.)\s*)"
    r"(?P<number>(?<![\w/.-])(?=[A-Z]*\d)[A-Z0-9]{6,12}(?![\w/-]|\.\d))",
    re.IGNORECASE,
)
_PLATE_WORDS = (r"(?:number|licen[cs]e|registration|vehicle)\s+plates?|plates?|plaques?(?:\s+d['’]immatriculation)?"
                r"|immatricul[ée]e?|immatriculation|(?:Kfz-|amtliches\s+)?Kennzeichen|targa|registration(?:\s+number)?"
                r"|registered\s+as|rejestracja|matr[ií]cula")
_PLATE = re.compile(
    rf"\b(?:{_PLATE_WORDS})(?:\s+(?:number|no\.?|n°|nr\.?|numéro|nummer))?\s*:?\s+"
    r"(?P<plate>(?<![\w-])(?-i:[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,5}){0,3})(?![\w-]))",
    re.IGNORECASE,
)


def _documents(text: str) -> Iterable[Finding]:
    for match in _DOCUMENT.finditer(text):
        number = match.group("number")
        digits = sum(c.isdigit() for c in number)
        letters = len(number) - digits
        # After a document word a number of six or more characters with digits; after a bare "n°" only
        # the letters-and-digits shape of a document number (not "n° 123456" of a file or a regulation).
        if digits >= 2 and (letters or match.group("word")) and not (letters and number.isalpha()):
            yield Finding(match.start("number"), match.end("number"), number, "identity_document")


def _plates(text: str) -> Iterable[Finding]:
    for match in _PLATE.finditer(text):
        plate = match.group("plate")
        compact = re.sub(r"[ -]", "", plate)
        if 4 <= len(compact) <= 10 and any(c.isdigit() for c in compact) and any(c.isalpha() for c in compact):
            yield Finding(match.start("plate"), match.end("plate"), plate, "vehicle_plate")


# IBANs, phones, e-mail ------------------------------------------------------------------------------------
_IBAN = re.compile(r"(?<![\w-])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![\w-])", re.IGNORECASE)


def _ibans(text: str) -> Iterable[Finding]:
    for match in _IBAN.finditer(text):
        candidate = match.group()
        # The pattern may have swallowed a following word in capitals: drop groups until the checksum holds.
        while len(candidate.replace(" ", "")) >= 15:
            if iban.is_valid(candidate):
                yield Finding(match.start(), match.start() + len(candidate), candidate, "iban")
                break
            candidate = candidate.rsplit(" ", 1)[0] if " " in candidate else ""


_PHONE_WORDS = re.compile(r"\b(?:tel|tél|phone|telephone|téléphone|telefon|mobile?|portable|handy|gsm|cell|fax)"
                          r"\b\.?(?:\s+(?:number|no\.?|n°|nr\.?|numéro|nummer))?\s*:?\s*$", re.IGNORECASE)


def _phones(text: str) -> Iterable[Finding]:
    # Belgium's numbering plan reads both "+32 ..." and the "00" international prefix every EU state uses; a
    # number in a national format only counts right after a word such as "phone" or "tél.".
    for match in phonenumbers.PhoneNumberMatcher(text, "BE", leniency=phonenumbers.Leniency.VALID):
        raw = match.raw_string
        if raw.startswith(("+", "00")) or _PHONE_WORDS.search(text[max(0, match.start - 30):match.start]):
            yield Finding(match.start, match.end, raw, "phone")
    for match in re.finditer(r"(?<![\w+])0[1-9][\d ./-]{6,16}\d(?![\w/])", text):
        digits = re.sub(r"\D", "", match.group())
        if 9 <= len(digits) <= 12 and _PHONE_WORDS.search(text[max(0, match.start() - 30):match.start()]):
            yield Finding(match.start(), match.end(), match.group(), "phone")


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)", re.IGNORECASE)


def email_addresses(text: str | None) -> list[str]:
    """The e-mail addresses written in ``text`` (a directory entry's contact channel)."""
    return _EMAIL.findall(text or "")


def _emails(text: str) -> Iterable[Finding]:
    matches = list(_EMAIL.finditer(text))
    trusted = _trusted() if matches else set()
    for match in matches:
        if match.group().lower() not in trusted:
            yield Finding(match.start(), match.end(), match.group(), "email")


_DETECTORS = (_emails, _ibans, _phones, _dates_of_birth, _documents, _plates)


def scan(text: str | None) -> list[Finding]:
    """The fragments of ``text`` that look like operational personal data, in order, without overlaps."""
    if not text:
        return []
    found = sorted((f for detect in _DETECTORS for f in detect(text)), key=lambda f: (f.start, -f.end))
    kept: list[Finding] = []
    for finding in found:  # the first detector to claim characters keeps them (an e-mail's digits are no phone)
        if not kept or finding.start >= kept[-1].end:
            kept.append(finding)
    return kept


def highlight(text: str, findings: Iterable[Finding]) -> Markup:
    """``text``, escaped, with each finding in ``<mark>`` (the fragments are escaped too)."""
    parts: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        parts.append(escape(text[position:finding.start]))
        parts.append(Markup('<mark title="%s">%s</mark>') % (finding.label, text[finding.start:finding.end]))
        position = finding.end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


# Forms ------------------------------------------------------------------------------------------------------

class Guarded:
    """A form mixin: the guard reads ``guarded_fields``; the checkbox appears with a warning only."""

    guarded_fields: tuple[str, ...] = ()
    confirm_operational_data = BooleanField(_l("I confirm this is not operational personal data"))
    guard_warned = HiddenField()  # the warning was shown: saving again without the tick gets a message


def guard_form(form: Any, fields: Iterable[str] | None = None, *, previous: Any = None) -> bool:
    """Whether ``form`` may be saved: none of its free text looks like operational personal data, or the user
    ticked the confirmation. Otherwise False, with ``form.guard_findings`` ({field: findings}) and each field's
    ``guard_findings`` for the templates; the caller writes nothing and shows the form again.

    ``previous`` is the record being edited: a fragment its saved text already holds (confirmed then) is not
    flagged again."""
    findings: dict[str, list[Finding]] = {}
    for name in fields if fields is not None else form.guarded_fields:
        field = form[name]
        found = scan(field.data if isinstance(field.data, str) else None)
        saved = getattr(previous, name, None) if previous is not None else None
        if isinstance(saved, str):
            found = [f for f in found if f.fragment not in saved]
        field.guard_findings = found
        if found:
            findings[name] = found
    form.guard_findings = findings
    form.guard_confirmed = {}
    if not findings:
        return True
    if not form.confirm_operational_data.data:
        if form.guard_warned.data:
            form.confirm_operational_data.errors = [
                _("Tick this box to save the text as it is, or remove the marked data.")]
        form.guard_warned.data = "1"
        return False
    # As [old, new] like every audited change: the kinds of data let through, in each field.
    form.guard_confirmed = {name: [None, ", ".join(sorted({f.kind for f in found}))]
                            for name, found in findings.items()}
    return True


def record_confirmation(actor: Any, record: Any, form: Any) -> None:
    """Audit on ``record`` that ``actor`` confirmed flagged text: the fields and kinds, never the fragments."""
    if getattr(form, "guard_confirmed", None):
        audit.record(actor, record, "confirm_guard", changes=form.guard_confirmed)


audit.describe(actions={"confirm_guard": _l("confirmed the text is not operational personal data")})
