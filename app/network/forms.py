from datetime import date

from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from app.core.forms import VersionedForm, strip


def not_in_future(form: VersionedForm, field: DateField) -> None:
    if field.data and field.data > date.today():
        raise ValidationError("The verification date cannot be in the future.")


class CountryProfileForm(VersionedForm):
    spoc_structure = TextAreaField(
        "SPOC structure",
        description="How the Single Point of Contact is organised: services, desks, channels it handles. "
        "Markdown is allowed.",
        filters=[strip],
        validators=[Length(max=10_000)],
    )
    contact_channel = TextAreaField(
        "24/7 contact channel",
        description="How partners reach the SPOC at any hour (channel, not personal data).",
        filters=[strip],
        validators=[Length(max=2_000)],
    )
    working_languages = StringField(
        "Working languages", description="For example: English, French, German.",
        filters=[strip], validators=[Length(max=200)],
    )
    law_enforcement_agencies = TextAreaField(
        "National law-enforcement agencies",
        description="The agencies the SPOC serves, one per line. Markdown is allowed.",
        filters=[strip],
        validators=[Length(max=10_000)],
    )
    profile_verified_on = DateField(
        "Last verified on",
        description="The day someone of your SPOC checked that this profile is correct.",
        validators=[InputRequired("Give the date on which the profile was checked."), not_in_future],
    )
    submit = SubmitField("Save profile")
