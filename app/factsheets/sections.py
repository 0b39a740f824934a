"""The sections of a country fact sheet, declared as data: what the Council note's "law enforcement systems in each
Member State" is made of. Each section is kept and verified on its own; its fields are stored as one JSON object
per section (app/factsheets/models.py), so a field added here needs no migration, and a field taken away leaves
its old value unread."""

from dataclasses import dataclass, field
from typing import Any

from app.core.i18n import _l

KINDS = ("text", "line", "number", "choices", "yesno", "time")


@dataclass(frozen=True)
class Field:
    name: str  # unique over all sections: it names the change in the audit log
    label: Any
    kind: str = "text"  # text (several lines, Markdown) | line | number | choices | yesno | time
    help: Any = ""
    choices: tuple[tuple[str, Any], ...] = ()
    max_length: int = 5_000
    maximum: int = 100_000  # a number's largest value
    # The operational-data guard reads it (text and line fields); not the operations room's own number and mailbox,
    # which are what the field asks for.
    guarded: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"fact sheet field {self.name}: unknown kind {self.kind!r}")
        if self.kind == "choices" and not self.choices:
            raise ValueError(f"fact sheet field {self.name}: choices without choices")


@dataclass(frozen=True)
class Section:
    key: str
    title: Any
    help: Any
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


CHANNELS = (
    ("siena", _l("SIENA (Europol)")),
    ("sirene", _l("SIRENE bureau (Schengen Information System)")),
    ("interpol", _l("INTERPOL National Central Bureau (I-24/7)")),
    ("enu", _l("Europol National Unit")),
    ("prum", _l("Prüm data exchange")),
    ("pnr", _l("Passenger Information Unit (PNR)")),
    ("liaison", _l("Liaison officers (sent and hosted)")),
    ("customs", _l("Customs cooperation (Naples II, CCWP)")),
    ("pccc", _l("Police and customs cooperation centres")),
)

WEEKDAYS = (
    ("mon", _l("Monday")), ("tue", _l("Tuesday")), ("wed", _l("Wednesday")), ("thu", _l("Thursday")),
    ("fri", _l("Friday")), ("sat", _l("Saturday")), ("sun", _l("Sunday")),
)

SECTIONS: tuple[Section, ...] = (
    Section("services", _l("Police and customs services and their competences"),
            _l("The national law-enforcement services the SPOC works for, and what each is competent for."), (
                Field("police_services", _l("Police services"),
                      help=_l("One service a line with its competences, e.g. “State police: general crime, "
                              "public order”. Markdown is allowed.")),
                Field("customs_services", _l("Customs and other services"),
                      help=_l("Customs, border guard, financial police and their law-enforcement competences.")),
            )),
    Section("spoc", _l("The SPOC's place and staffing"),
            _l("Where the Single Point of Contact sits in the national structure and who works in it."), (
                Field("spoc_authority", _l("Authority the SPOC belongs to"), "line", max_length=200,
                      help=_l("For example: the national police headquarters, the ministry of the interior.")),
                Field("spoc_organisation", _l("How the SPOC is organised"),
                      help=_l("Services, desks, channels it handles. Markdown is allowed.")),
                Field("spoc_staff", _l("Staff (full-time equivalents)"), "number", maximum=10_000,
                      help=_l("A whole number of people working in the SPOC.")),
            )),
    Section("channels", _l("Channels operated"),
            _l("The channels of international cooperation the SPOC operates itself."), (
                Field("channels_operated", _l("Channels the SPOC operates"), "choices", choices=CHANNELS),
                Field("channels_other", _l("Other channels, or remarks"),
                      help=_l("Channels not listed above, or which channel is used for what.")),
            )),
    Section("legal_basis", _l("Legal basis for information exchange"),
            _l("The national law and the EU or international instruments the SPOC exchanges information under."), (
                Field("legal_national", _l("National law"),
                      help=_l("The national provisions that allow the exchange, by their public titles.")),
                Field("legal_instruments_used", _l("EU and international instruments"),
                      help=_l("For example: Directive (EU) 2023/977, the Prüm Decisions, bilateral agreements.")),
            )),
    Section("languages_hours", _l("Languages and office hours"),
            _l("The languages requests may be written in, and when the SPOC answers."), (
                Field("working_languages", _l("Working languages"), "line", max_length=200,
                      help=_l("For example: English, French, German.")),
                Field("open_around_the_clock", _l("Open around the clock (24/7)"), "yesno"),
                Field("office_days", _l("Office days"), "choices", choices=WEEKDAYS,
                      help=_l("When the SPOC is not open around the clock.")),
                Field("opens_at", _l("Opens at"), "time", help=_l("Local time, e.g. 08:00.")),
                Field("closes_at", _l("Closes at"), "time", help=_l("Local time, e.g. 18:00.")),
            )),
    Section("contacts", _l("24/7 contacts"),
            _l("How partners reach the operations room at any hour: functional mailboxes and numbers, never a "
               "person's own."), (
                Field("contact_mailbox", _l("Functional mailbox"), "line", max_length=254, guarded=False,
                      help=_l("The operations room's shared address, e.g. spoc@police.example.eu.")),
                Field("contact_phone", _l("Operations room telephone"), "line", max_length=40, guarded=False,
                      help=_l("The number answered around the clock, e.g. +32 2 555 01 00.")),
                Field("contact_notes", _l("How to reach the SPOC"),
                      help=_l("Channel to use at night and at weekends, what to put in the subject line.")),
            )),
    Section("data_protection", _l("Data protection authority"),
            _l("The supervisory authority competent for the SPOC's processing of personal data."), (
                Field("dpa_name", _l("Authority"), "line", max_length=200),
                Field("dpa_website", _l("Website"), "line", max_length=200,
                      help=_l("Its public address, e.g. https://dpa.example.eu.")),
                Field("dpa_notes", _l("Remarks"), help=_l("For example: the SPOC's own data protection officer's "
                                                          "functional mailbox.")),
            )),
)

BY_KEY = {s.key: s for s in SECTIONS}


def _check_unique() -> None:
    names = [f.name for s in SECTIONS for f in s.fields]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"fact sheet fields named twice: {sorted(duplicates)}")


_check_unique()
