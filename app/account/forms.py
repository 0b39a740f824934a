from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from app.auth.forms import strong_enough
from app.core.forms import Form, choices, strip
from app.core.i18n import LANGUAGES, _l
from app.meetings.forms import TimezoneSelect


class TimezoneForm(Form):
    timezone = TimezoneSelect("Your time zone", description="Meeting times are shown in this zone, with the "
                              "local time of the place beside them.")
    submit = SubmitField("Save the time zone")


class LanguageForm(Form):
    language = SelectField(
        _l("Language of the intranet"),
        choices=choices([("", _l("The language of my browser")), *LANGUAGES.items()]),
        description=_l("E-mails to you are written in this language too. The switch at the top of every page "
                       "changes it as well."))
    submit = SubmitField(_l("Save the language"))


class PasswordCheckForm(Form):
    """Asks for the password again before a change to how the account is protected."""

    password = PasswordField("Your current password", validators=[DataRequired("Enter your password."),
                                                                  Length(max=256)])
    submit = SubmitField("Continue")


class ConfirmCodeForm(Form):
    code = StringField("Code from the app", filters=[strip],
                       validators=[DataRequired("Enter the 6-digit code the app shows."), Length(max=16)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
    submit = SubmitField("Turn on")


class ChangePasswordForm(Form):
    current_password = PasswordField("Current password", validators=[DataRequired("Enter your password."),
                                                                     Length(max=256)])
    password = PasswordField("New password", validators=[DataRequired(), strong_enough])
    confirm = PasswordField("Repeat the new password",
                            validators=[DataRequired(), EqualTo("password", "The two passwords differ.")])
    submit = SubmitField("Change the password")


class ChangeEmailForm(Form):
    email = EmailField("New e-mail address", filters=[strip], validators=[
        DataRequired(), Length(max=254), Email("Enter a valid e-mail address.", check_deliverability=False)])
    password = PasswordField("Your current password", validators=[DataRequired("Enter your password."),
                                                                  Length(max=256)])
    submit = SubmitField("Change the e-mail address")
