"""The form of a budget line: the item, the planned and actual amounts as typed (read by money.parse_euros, so the
typed text stays in the field when it is refused) and who pays: a funding source or an application, not both."""

from typing import Any

from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, ValidationError

from app.core.forms import Form, VersionedForm, choices, not_blank, strip
from app.core.guard import Guarded
from app.core.i18n import _, _l, _lp
from app.funding.budget_services import application_label, payer_applications, payer_sources
from app.funding.models import BudgetLine
from app.funding.money import AmountError, parse_euros, plain_euros
from app.funding.permissions import takes_actuals

PREFIX = "line"  # the add form sits on the meeting's or the training's page, among that page's own fields


_PLANNED_MISSING = _l("Give the planned amount (0 if nothing is planned yet).")


def _id_or_none(value: Any) -> int | None:
    return int(value) if value not in (None, "", "None") else None


class BudgetLineForm(Guarded, Form):
    guarded_fields = ("item",)
    item = StringField(_lp("budget", "Item"), description=_l("What the money is for, e.g. Venue and interpretation."),
                       filters=[strip], validators=[not_blank, Length(max=200)])
    planned = StringField(_l("Planned amount (€)"), description=_l("In euro, e.g. 12 500 or 12 500,50."),
                          filters=[strip], validators=[InputRequired(_PLANNED_MISSING), Length(max=40)])
    actual = StringField(_l("Actual amount (€)"), description=_l("What was spent, once known. Leave empty until then."),
                         filters=[strip], validators=[Length(max=40)])
    source_id = SelectField(_l("Paid by a funding source"), coerce=_id_or_none, validate_choice=True)
    application_id = SelectField(_l("Or paid through an application"), coerce=_id_or_none, validate_choice=True,
                                 description=_l("An application's funder pays the line; choose one of the two."))
    submit = SubmitField(_l("Add the line"))

    # Set by the view: the activity the line belongs to, and the line being edited (None for a new one).
    activity: Any = None
    line: BudgetLine | None = None

    def offer_payers(self) -> None:
        """The sources and applications a line may name (the line's own, even if retired or closed since)."""
        current = self.line
        self.source_id.choices = choices(
            [("", _("— not decided yet —"))]
            + [(s.id, s.label) for s in payer_sources(current.source if current else None)])
        self.application_id.choices = choices(
            [("", _("— none —"))]
            + [(a.id, application_label(a)) for a in payer_applications(current.application if current else None)])

    def fill_from(self, line: BudgetLine) -> None:
        """Show a saved line: amounts as plain decimals ("12345.00"), which parse_euros reads back exactly."""
        self.item.data = line.item
        self.planned.data = plain_euros(line.planned_cents)
        self.actual.data = plain_euros(line.actual_cents)
        self.source_id.data = line.source_id
        self.application_id.data = line.application_id

    def validate_planned(self, field: StringField) -> None:
        try:
            cents = parse_euros(field.data)
        except AmountError as error:
            raise ValidationError(str(error)) from None
        if cents is None:
            raise ValidationError(str(_PLANNED_MISSING))

    def validate_actual(self, field: StringField) -> None:
        try:
            cents = parse_euros(field.data)
        except AmountError as error:
            raise ValidationError(str(error)) from None
        unchanged = self.line is not None and cents == self.line.actual_cents
        if cents is not None and not unchanged and self.activity is not None and not takes_actuals(self.activity):
            raise ValidationError(_("A cancelled activity spends nothing more: no actual amount can be recorded "
                                    "on its lines. Leave the field empty."))

    def validate_application_id(self, field: SelectField) -> None:
        if field.data is not None and self.source_id.data is not None:
            raise ValidationError(_("Choose either a funding source or an application, not both: an application's "
                                    "funder pays its lines."))

    def values(self) -> dict[str, Any]:
        """What the services store, once the form is valid: the amounts in cents."""
        return {"item": self.item.data, "planned_cents": parse_euros(self.planned.data),
                "actual_cents": parse_euros(self.actual.data), "source_id": self.source_id.data,
                "application_id": self.application_id.data}


class EditBudgetLineForm(BudgetLineForm, VersionedForm):
    """The same fields, with the version the line was loaded at (two organisers may edit it at once)."""

    submit = SubmitField(_l("Save the line"))


class RemoveBudgetLineForm(Form):
    """The confirmation of a removal: only its CSRF token."""

    submit = SubmitField(_l("Remove the line"))


def line_form(activity: Any, line: BudgetLine | None = None, *, blank: bool = False) -> BudgetLineForm:
    """The add form (``line`` None) or the edit form of ``line``, with its payers; ``blank`` ignores what was sent."""
    form_class = BudgetLineForm if line is None else EditBudgetLineForm
    form = form_class(prefix=PREFIX, **({"formdata": None} if blank else {}))
    form.activity, form.line = activity, line
    form.offer_payers()
    if line is not None and not form.is_submitted():
        form.fill_from(line)
        form.version.data = str(line.version)
    return form
