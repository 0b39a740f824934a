from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from app.auth.forms import strong_enough
from app.core.forms import Form, TimezoneSelect, choices, strip
from app.core.i18n import LANGUAGES, _l


class TimezoneForm(Form):
    timezone = TimezoneSelect(_l("Your time zone"), description=_l("Meeting times are shown in this zone, with the "
                                                                   "local time of the place beside them."))
    submit = SubmitField(_l("Save the time zone"))


class LanguageForm(Form):
    language = SelectField(
        _l("Language of the intranet"),
        choices=choices([("", _l("The language of my browser")), *LANGUAGES.items()]),
        description=_l("E-mails to you are written in this language too. The switch at the top of every page "
                       "changes it as well."))
    submit = SubmitField(_l("Save the language"))


class SavedCodesForm(Form):
    """The last step of the set-up: the recovery codes are kept somewhere safe (they come back with the form so
    that the page can show them again if the box was not ticked)."""

    codes = HiddenField(validators=[Length(max=400)])
    saved = BooleanField(_l("I have saved my recovery codes somewhere safe, away from my phone"),
                         validators=[DataRequired(_l("Tick this box once the codes are saved: they are not shown "
                                                     "again."))])
    submit = SubmitField(_l("Continue"))


class PasswordCheckForm(Form):
    """Asks for the password again before a change to how the account is protected."""

    password = PasswordField(_l("Your current password"), validators=[DataRequired(_l("Enter your password.")),
                                                                      Length(max=256)])
    submit = SubmitField(_l("Continue"))


class ConfirmCodeForm(Form):
    code = StringField(_l("Code from the app"), filters=[strip],
                       validators=[DataRequired(_l("Enter the 6-digit code the app shows.")), Length(max=16)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
    submit = SubmitField(_l("Turn on"))


class ChangePasswordForm(Form):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your password.")),
                                                                         Length(max=256)])
    password = PasswordField(_l("New password"), validators=[DataRequired(), strong_enough])
    confirm = PasswordField(_l("Repeat the new password"),
                            validators=[DataRequired(), EqualTo("password", _l("The two passwords differ."))])
    submit = SubmitField(_l("Change the password"))


class ChangeEmailForm(Form):
    email = EmailField(_l("New e-mail address"), filters=[strip], validators=[
        DataRequired(), Length(max=254), Email(_l("Enter a valid e-mail address."), check_deliverability=False)])
    password = PasswordField(_l("Your current password"), validators=[DataRequired(_l("Enter your password.")),
                                                                      Length(max=256)])
    submit = SubmitField(_l("Change the e-mail address"))
