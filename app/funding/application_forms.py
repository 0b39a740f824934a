"""The forms of funding applications: the application itself, the award and the rejection, the list's filter.

Amounts are typed in euro and read by :func:`app.funding.money.parse_euros`; the form keeps the cents it read
(``requested_cents``, ``awarded_cents``) and the typed text stays in the field when it is refused."""

from typing import Any

from wtforms import DateField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.core.forms import CachedSelect, Form, VersionedForm, choices, not_blank, not_in_future, strip
from app.core.i18n import _, _l
from app.funding.models import APPLICATION_STATES
from app.funding.money import AmountError, euros, parse_euros


def _cents(field: Any) -> int | None:
    """The field's amount in cents (None when empty), or the reason it is refused as a ValidationError."""
    try:
        return parse_euros(field.data)
    except AmountError as error:
        raise ValidationError(str(error)) from None


class ApplicationForm(VersionedForm):
    title = StringField(_l("Title"), filters=[strip], validators=[not_blank, Length(min=3, max=200)],
                        description=_l("What the money would pay for, e.g. “Two network meetings in 2027”."))
    summary = TextAreaField(_l("Summary"), filters=[strip], validators=[Length(max=20_000)],
                            description=_l("The aim, the activities and the partners' roles. Markdown is allowed."))
    lead_id = SelectField(_l("Lead country"), coerce=int, validators=[Optional()],
                          description=_l("The Member State that leads the application."))
    call_id = SelectField(_l("Call for proposals"), coerce=int, validators=[Optional()],
                          description=_l("The call it answers, if it answers one (open and recent calls)."))
    source_id = SelectField(_l("Funding source"), coerce=int, validators=[Optional()],
                            description=_l("When it answers no call: the source it asks."))
    partner_ids = SelectMultipleField(_l("Partners"), coerce=int, validators=[Optional()],
                                      description=_l("The countries and agencies that take part, not the lead."))
    amount_requested = StringField(_l("Amount requested (euro)"), filters=[strip], validators=[Length(max=40)],
                                   description=_l("For example 120 000 or 120 000,50."))
    meeting_ids = SelectMultipleField(_l("Meetings it would fund"), coerce=int, validators=[Optional()],
                                      description=_l("Meetings not cancelled, upcoming or of the past year."))
    training_ids = SelectMultipleField(_l("Training activities it would fund"), coerce=int, validators=[Optional()],
                                       description=_l("Trainings not cancelled, upcoming or of the past year."))
    submitted_on = DateField(_l("Submitted on"), validators=[
        Optional(), not_in_future(_l("The submission date cannot be in the future."))])
    submit = SubmitField(_l("Save"))

    # The lead when it is not asked (a member's own country, the lead of an application being edited).
    own_lead_id: int | None = None
    requested_cents: int | None = None

    def lead(self) -> int | None:
        return self.lead_id.data if "lead_id" in self else self.own_lead_id

    def validate_lead_id(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError(_("Choose the Member State that leads the application."))

    def validate_call_id(self, field: SelectField) -> None:
        if not field.data and not self.source_id.data:
            raise ValidationError(_("Choose the call the application answers, or else the funding source it asks."))

    def validate_source_id(self, field: SelectField) -> None:
        if field.data and self.call_id.data:
            raise ValidationError(_("Leave the source empty when the application answers a call: the call's source "
                                    "is the funder."))

    def validate_partner_ids(self, field: SelectMultipleField) -> None:
        lead = self.lead()
        if lead and lead in (field.data or []):
            raise ValidationError(_("The lead country is not one of its own partners; leave it out."))

    def validate_amount_requested(self, field: StringField) -> None:
        self.requested_cents = _cents(field)

    def data_for_services(self) -> dict[str, Any]:
        return {**self.data, "amount_requested_cents": self.requested_cents}


class AwardForm(Form):
    """The award: how much, and when the funder decided (today by default, never in the future)."""

    amount_awarded = StringField(_l("Amount awarded (euro)"), filters=[strip],
                                 validators=[not_blank, Length(max=40)])
    # Ids of their own: the award's and the rejection's forms are on the same page.
    decided_on = DateField(_l("Decided on"), id="award-decided_on", validators=[
        InputRequired(_l("Give the date of the decision.")),
        not_in_future(_l("The decision date cannot be in the future."))])
    submit = SubmitField(_l("Record the award"))

    requested_cents: int | None = None  # the application's request, which the award may not exceed
    awarded_cents: int | None = None

    def validate_amount_awarded(self, field: StringField) -> None:
        cents = _cents(field)
        if self.requested_cents is not None and cents is not None and cents > self.requested_cents:
            raise ValidationError(_("The award cannot be larger than the amount requested (%(amount)s).",
                                    amount=euros(self.requested_cents)))
        self.awarded_cents = cents


class RejectForm(Form):
    """The rejection: what the funder said, and when it decided."""

    note = TextAreaField(_l("What the funder said"), id="reject-note", filters=[strip],
                         validators=[not_blank, Length(max=5_000)])
    decided_on = DateField(_l("Decided on"), id="reject-decided_on", validators=[
        InputRequired(_l("Give the date of the decision.")),
        not_in_future(_l("The decision date cannot be in the future."))])
    submit = SubmitField(_l("Record the rejection"))


class ApplicationFilterForm(Form):
    """The list's filter, read from the query string (no CSRF: a GET that changes nothing)."""

    class Meta:
        csrf = False

    status = SelectField(_l("State"), choices=choices([("", _l("Any state")), *APPLICATION_STATES.items()]),
                         default="", widget=CachedSelect(static=True))
