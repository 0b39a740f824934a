"""What a report is made of: sections of figures, tables and notes, and the values in them.

A value is a whole number, a text, or one of the two exact values below: an amount of money (integer cents) or a
share in percent (a Decimal). Each shows itself in the reader's language (``str``: the HTML page and the Word
document) and as a plain exact decimal for the CSV (:func:`csv_value`), so the three forms agree to the cent."""

import base64
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.numbers import format_percent

from app.core.i18n import current_language
from app.core.markings import Marking, default_marking, highest
from app.funding.money import euros, plain_euros


@dataclass(frozen=True)
class Money:
    """An amount in euro: "€12,345.00" / "12 345,00 €" to read, "12345.00" in the CSV."""

    cents: int

    def __str__(self) -> str:
        return euros(self.cents)

    def plain(self) -> str:
        return plain_euros(self.cents)


@dataclass(frozen=True)
class Share:
    """A percentage to one decimal: "33.3%" / "33,3 %" to read, "33.3" in the CSV."""

    percent: Decimal

    def __str__(self) -> str:
        language = current_language()
        pattern = re.sub(r"#,##0(?!\.)", "#,##0.0", Locale.parse(language).percent_formats[None].pattern, count=1)
        return format_percent(self.percent / 100, pattern, locale=language)

    def plain(self) -> str:
        return str(self.percent)


def csv_value(value: Any) -> Any:
    """A value as the CSV writes it: money and shares as plain exact decimals, anything else as it is."""
    return value.plain() if isinstance(value, Money | Share) else value


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[Any]]


@dataclass
class Picture:
    png: bytes
    description: str  # its caption and text alternative

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()


@dataclass
class Section:
    title: str
    figures: list[tuple[str, Any]]  # a count (int) or a Money
    tables: list[Table] = field(default_factory=list)
    markings: list[Marking] = field(default_factory=list)  # of the records it lists
    notes: list[str] = field(default_factory=list)  # how its figures are counted
    picture: Picture | None = None  # a chart shown before the tables (the cooperation matrix)


@dataclass
class Report:
    starts_on: date
    ends_on: date
    label: str
    sections: list[Section]

    @property
    def marking(self) -> Marking | None:
        """The most protective marking of the records the report includes (its header line); the default one
        when it includes none."""
        return highest(m for s in self.sections for m in s.markings) or default_marking()

    def figure(self, section: str, label: str) -> Any:
        return dict(next(s for s in self.sections if s.title == section).figures)[label]
