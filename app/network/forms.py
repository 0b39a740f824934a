
from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.core.forms import VersionedForm, not_in_future, strip
from app.core.i18n import _l


class CountryProfileForm(VersionedForm):
    spoc_structure = TextAreaField(
        _l("SPOC structure"),
        description=_l("How the Single Point of Contact is organised: services, desks, channels it handles. "
                       "Markdown is allowed."),
        filters=[strip],
        validators=[Length(max=10_000)],
    )
    contact_channel = TextAreaField(
        _l("24/7 contact channel"),
        description=_l("How partners reach the SPOC at any hour (channel, not personal data)."),
        filters=[strip],
        validators=[Length(max=2_000)],
    )
    working_languages = StringField(
        _l("Working languages"), description=_l("For example: English, French, German."),
        filters=[strip], validators=[Length(max=200)],
    )
    law_enforcement_agencies = TextAreaField(
        _l("National law-enforcement agencies"),
        description=_l("The agencies the SPOC serves, one per line. Markdown is allowed."),
        filters=[strip],
        validators=[Length(max=10_000)],
    )
    profile_verified_on = DateField(
        _l("Last verified on"),
        description=_l("The day someone of your SPOC checked that this profile is correct."),
        validators=[InputRequired(_l("Give the date on which the profile was checked.")),
                    not_in_future(_l("The verification date cannot be in the future."))],
    )
    submit = SubmitField(_l("Save profile"))
