from datetime import date

from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from app.core.forms import Form, VersionedForm, choices, not_blank, strip
from app.obstacles.models import IMPACTS, KINDS
from app.obstacles.workflow import STATES

SORTS = {"newest": "Newest first", "affected": "Most affected countries", "active": "Recently active"}


class ObstacleForm(VersionedForm):
    title = StringField(
        "Title", description="One line that names the obstacle, e.g. “No 24/7 access to vehicle registers”.",
        filters=[strip], validators=[not_blank, Length(min=5, max=200)],
    )
    description = TextAreaField(
        "Description",
        description="What happens, in which cases, and what it costs the cooperation. Markdown is allowed.",
        filters=[strip], validators=[not_blank, Length(max=20_000)],
    )
    kind = RadioField("Kind of obstacle", choices=choices(KINDS.items()),
                      validators=[InputRequired("Choose the kind of obstacle.")])
    instrument_id = SelectField("Legal instrument or channel concerned", coerce=int,
                                validators=[InputRequired("Choose the instrument or channel.")])
    counterpart_ids = SelectMultipleField(
        "Countries on the other side",
        description="The Member States whose cooperation with yours runs into this obstacle (any number).",
        coerce=int, validators=[Optional()],
    )
    impact = RadioField("Impact", choices=choices(IMPACTS.items()), default="medium",
                        validators=[InputRequired("Choose the impact.")])
    reporting_org_id = SelectField("Reporting country", coerce=int, validators=[Optional()],
                                   description="Administrators report in the name of a Member State.")
    submit = SubmitField("Save")

    own_country_id: int | None = None

    def validate_reporting_org_id(self, field: SelectField) -> None:
        if not field.data:
            raise ValidationError("Choose the Member State that reports the obstacle.")

    def validate_counterpart_ids(self, field: SelectMultipleField) -> None:
        own = self.reporting_org_id.data if "reporting_org_id" in self else self.own_country_id
        if own and own in (field.data or []):
            raise ValidationError("The reporting country cannot also be on the other side; leave it out.")


class AffectedForm(Form):
    note = TextAreaField(
        "How it shows in your country (optional)",
        description="National context others should know: which cases, which channel, since when.",
        filters=[strip], validators=[Length(max=2_000)],
    )
    submit = SubmitField("This affects us too")


def not_in_past(form: Form, field: DateField) -> None:
    if field.data and field.data < date.today():
        raise ValidationError("The due date cannot be in the past.")


class AgreeActionForm(Form):
    agreed_action = TextAreaField("Agreed action", description="What will be done, by whom, as agreed in the network.",
                                  filters=[strip], validators=[not_blank, Length(max=5_000)])
    action_owner_id = SelectField("Owner", coerce=int, description="The country or agency that carries it out.",
                                  validators=[InputRequired("Choose who owns the action.")])
    action_due_on = DateField("Due date", validators=[InputRequired("Give the due date."), not_in_past])
    submit = SubmitField("Record the agreed action")


class ObstacleFilterForm(Form):
    """The list's filters, read from the query string (no CSRF: a GET that changes nothing)."""

    class Meta:
        csrf = False

    q = StringField("Search title and description", filters=[strip], validators=[Length(max=200)])
    status = SelectField("Status", choices=choices([("", "Any status"), ("open", "Any open"),
                                                    *STATES.items()]), default="")
    kind = SelectField("Kind", choices=choices([("", "Any kind"), *KINDS.items()]), default="")
    instrument = SelectField("Instrument or channel", coerce=str, default="")
    country = SelectField("Country involved", coerce=str, default="")
    mine = BooleanField("Only those that involve my country")
    sort = SelectField("Sort by", choices=choices(SORTS.items()), default="newest")
