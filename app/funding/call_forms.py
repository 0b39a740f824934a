"""The forms of the register of calls and of the list of funding sources.

Amounts and rates are typed as text and read exactly (:func:`app.funding.money.parse_euros`, :func:`parse_rate`):
a number field would hand over a float, and would refuse "12 345,50" before anyone could say why.
"""

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from app.core.forms import Form, VersionedForm, choices, not_blank, strip
from app.core.i18n import _, _l, current_language
from app.funding.models import SOURCE_KINDS
from app.funding.money import AmountError, parse_euros

MAX_RATE = Decimal(100)
# A percentage: digits, at most one decimal mark and its decimals (their number is checked apart, to say so).
_RATE = re.compile(r"(?P<whole>\d{1,3})(?:[.,](?P<decimals>\d+))?")


class RateError(ValueError):
    """What is wrong with a typed co-financing rate, in the reader's language."""


def parse_rate(text: str | None) -> Decimal | None:
    """A co-financing rate in percent ("90", "62,5", "75.25 %") as an exact Decimal; None for an empty field.
    Raises :class:`RateError`: above 0, at most 100, at most two decimals (NUMERIC(5, 2) would round more)."""
    raw = re.sub(r"[\s\u00a0\u202f%]", "", text or "")
    if not raw:
        return None
    if raw.startswith("-"):
        raise RateError(_("A co-financing rate is above 0 and at most 100 percent."))
    match = _RATE.fullmatch(raw)
    if not match:
        raise RateError(_("Write the rate in percent, for example 75 or 62,5."))
    if match["decimals"] and len(match["decimals"]) > 2:
        raise RateError(_("A co-financing rate has at most two decimals, for example 62,25."))
    try:
        rate = Decimal(f"{match['whole']}.{match['decimals'] or '0'}")
    except InvalidOperation:  # a digit Decimal does not read (the pattern's \d is any Unicode digit)
        raise RateError(_("Write the rate in percent, for example 75 or 62,5.")) from None
    if not 0 < rate <= MAX_RATE:
        raise RateError(_("A co-financing rate is above 0 and at most 100 percent."))
    return rate.quantize(Decimal("0.01"))


def rate_text(rate: Decimal | None) -> str:
    """A stored rate as the form shows it again: "62,5" in French, "62.5" in English, no trailing zeros."""
    if rate is None:
        return ""
    text = f"{rate.normalize():f}"
    return text.replace(".", ",") if current_language() == "fr" else text


def web_address(form: Form, field: StringField) -> None:
    """A link to the call's page: an http or https address with a host, nothing a browser would run."""
    if not field.data:
        return
    try:
        parts = urlsplit(field.data)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in field.data:
        raise ValidationError(_("Give the address of the call's page, starting with https:// or http://."))


class CallForm(VersionedForm):
    """A call of the register. After :meth:`validate`, ``max_amount_cents`` and ``rate`` hold the parsed values."""

    source_id = SelectField(_l("Funding source"), coerce=int,
                            validators=[InputRequired(_l("Choose the funding source."))])
    reference = StringField(_l("Call reference"), filters=[strip], validators=[Length(max=100)],
                            description=_l("As the funder writes it, e.g. ISF-2027-AG-POLCOOP."))
    title = StringField(_l("Title"), filters=[strip], validators=[not_blank, Length(max=200)])
    link = StringField(_l("Link to the call"), filters=[strip], validators=[Length(max=500), web_address],
                       description=_l("The funder's page with the call text and the application forms."))
    opens_on = DateField(_l("Opening date"), validators=[Optional()])
    closes_on = DateField(_l("Closing date"), validators=[InputRequired(_l("Give the closing date."))],
                          description=_l("After this day the call moves to the archive."))
    max_amount = StringField(_l("Maximum amount (euro)"), filters=[strip], validators=[Length(max=40)],
                             description=_l("The most the call grants one project, e.g. 500 000 or 1 250 000,50."))
    cofinancing_rate = StringField(_l("Co-financing rate (%)"), filters=[strip], validators=[Length(max=20)],
                                   description=_l("The share of eligible costs the call pays, e.g. 90."))
    eligible_activities = TextAreaField(_l("Eligible activities"), filters=[strip], validators=[Length(max=5_000)],
                                        description=_l("What the call pays for: meetings, trainings, exchanges..."))
    notes = TextAreaField(_l("Notes"), filters=[strip], validators=[Length(max=5_000)])

    max_amount_cents: int | None = None
    rate: Decimal | None = None

    def validate_closes_on(self, field: DateField) -> None:
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_("The closing date cannot be before the opening date."))

    def validate_max_amount(self, field: StringField) -> None:
        try:
            self.max_amount_cents = parse_euros(field.data)
        except AmountError as error:
            raise ValidationError(str(error)) from None

    def validate_cofinancing_rate(self, field: StringField) -> None:
        try:
            self.rate = parse_rate(field.data)
        except RateError as error:
            raise ValidationError(str(error)) from None


class SourceForm(Form):
    """A funding source: its kind, its name in English and in French, its place in lists."""

    kind = SelectField(_l("Kind"), choices=choices(SOURCE_KINDS.items()), default="other")
    name = StringField(_l("Name in English"), filters=[strip], validators=[not_blank, Length(max=200)])
    name_fr = StringField(_l("Name in French"), filters=[strip], validators=[Length(max=200)],
                          description=_l("Shown to readers of the French pages; leave it empty to show the English."))
    position = IntegerField(
        _l("Position in lists"), default=100, description=_l("Lower numbers come first."),
        validators=[InputRequired(_l("Give a number.")), NumberRange(min=0, max=100_000)],
    )
