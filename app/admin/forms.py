from wtforms import BooleanField, DateField, EmailField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Regexp, ValidationError

from app.core.forms import Form, choices, not_blank, strip
from app.network.models import ORGANISATION_KINDS, ROLES


class UserForm(Form):
    email = EmailField(
        "E-mail address", filters=[strip],
        validators=[
            DataRequired(), Length(max=254), Email("Enter a valid e-mail address.", check_deliverability=False),
        ],
    )
    name = StringField("Full name", filters=[strip], validators=[not_blank, Length(max=120)])
    organisation_id = SelectField("Organisation", coerce=int, validate_choice=True)
    role = SelectField("Role", choices=choices(ROLES.items()), default="member")
    submit = SubmitField("Save")


class OrganisationForm(Form):
    code = StringField(
        "Code", description="ISO country code for a Member State (IT), short name for others (EUROPOL).",
        filters=[strip, lambda v: v.upper() if isinstance(v, str) else v],
        validators=[DataRequired(), Length(max=16),
                    Regexp(r"^[A-Z0-9-]+$", message="Use capital letters, digits and hyphens only.")],
    )
    name = StringField("Name", filters=[strip], validators=[not_blank, Length(max=120)])
    kind = SelectField("Kind", choices=choices(ORGANISATION_KINDS.items()))
    submit = SubmitField("Save")


class OrganisationEditForm(Form):
    name = StringField("Name", filters=[strip], validators=[not_blank, Length(max=120)])
    submit = SubmitField("Save")


class PresidencyTermForm(Form):
    organisation_id = SelectField("Member State", coerce=int, validate_choice=True)
    starts_on = DateField("First day", validators=[InputRequired("Give the first day of the term.")])
    ends_on = DateField("Last day", validators=[InputRequired("Give the last day of the term.")])
    submit = SubmitField("Save")

    def validate_ends_on(self, field: DateField) -> None:
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError("The last day must not be before the first day.")


class LegalInstrumentForm(Form):
    name = StringField("Name", filters=[strip], validators=[not_blank, Length(max=200)])
    position = IntegerField(
        "Position in lists", default=100, description="Lower numbers come first.",
        validators=[InputRequired("Give a number."), NumberRange(min=0, max=100_000)],
    )
    active = BooleanField("Offered in forms", default=True,
                          description="Retired instruments stay on the records that use them.")
    submit = SubmitField("Save")
