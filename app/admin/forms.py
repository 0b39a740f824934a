from wtforms import BooleanField, DateField, EmailField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Regexp, ValidationError

from app.core.forms import Form, choices, not_blank, strip
from app.core.i18n import _, _l
from app.network.models import ORGANISATION_KINDS, ROLES


class UserForm(Form):
    email = EmailField(
        _l("E-mail address"), filters=[strip],
        validators=[
            DataRequired(), Length(max=254), Email(_l("Enter a valid e-mail address."), check_deliverability=False),
        ],
    )
    name = StringField(_l("Full name"), filters=[strip], validators=[not_blank, Length(max=120)])
    organisation_id = SelectField(_l("Organisation"), coerce=int, validate_choice=True)
    role = SelectField(_l("Role"), choices=choices(ROLES.items()), default="member")
    submit = SubmitField(_l("Save"))


class OrganisationForm(Form):
    code = StringField(
        _l("Code"), description=_l("ISO country code for a Member State (IT), short name for others (EUROPOL)."),
        filters=[strip, lambda v: v.upper() if isinstance(v, str) else v],
        validators=[DataRequired(), Length(max=16),
                    Regexp(r"^[A-Z0-9-]+$", message=_l("Use capital letters, digits and hyphens only."))],
    )
    name = StringField(_l("Name"), filters=[strip], validators=[not_blank, Length(max=120)])
    kind = SelectField(_l("Kind"), choices=choices(ORGANISATION_KINDS.items()))
    submit = SubmitField(_l("Save"))


class OrganisationEditForm(Form):
    name = StringField(_l("Name"), filters=[strip], validators=[not_blank, Length(max=120)])
    submit = SubmitField(_l("Save"))


class PresidencyTermForm(Form):
    organisation_id = SelectField(_l("Member State"), coerce=int, validate_choice=True)
    starts_on = DateField(_l("First day"), validators=[InputRequired(_l("Give the first day of the term."))])
    ends_on = DateField(_l("Last day"), validators=[InputRequired(_l("Give the last day of the term."))])
    submit = SubmitField(_l("Save"))

    def validate_ends_on(self, field: DateField) -> None:
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_("The last day must not be before the first day."))


class LegalInstrumentForm(Form):
    name = StringField(_l("Name"), filters=[strip], validators=[not_blank, Length(max=200)])
    position = IntegerField(
        _l("Position in lists"), default=100, description=_l("Lower numbers come first."),
        validators=[InputRequired(_l("Give a number.")), NumberRange(min=0, max=100_000)],
    )
    active = BooleanField(_l("Offered in forms"), default=True,
                          description=_l("Retired instruments stay on the records that use them."))
    submit = SubmitField(_l("Save"))


class MarkingForm(Form):
    """A handling marking: its labels in both languages, whom it restricts reading to, its place in lists."""

    label_en = StringField(_l("Label in English"), filters=[strip], validators=[not_blank, Length(max=100)],
                           description=_l("As it appears on records, exports and printouts, e.g. “LIMITE”."))
    label_fr = StringField(_l("Label in French"), filters=[strip], validators=[not_blank, Length(max=100)])
    restricted = BooleanField(_l("Core group and administrators only"), description=_l(
        "Records under this marking disappear for everyone else: lists, search, exports, calendars and e-mails."))
    position = IntegerField(
        _l("Position in lists"), default=100,
        description=_l("Lower numbers come first; list them from the least to the most protective."),
        validators=[InputRequired(_l("Give a number.")), NumberRange(min=0, max=100_000)],
    )
    is_default = BooleanField(_l("Default for new records"))
    active = BooleanField(_l("Offered in forms"), default=True,
                          description=_l("Retired markings stay on the records that carry them."))
    submit = SubmitField(_l("Save"))

    def validate_active(self, field: BooleanField) -> None:
        if self.is_default.data and not field.data:
            raise ValidationError(_("The default marking must be offered in forms."))
