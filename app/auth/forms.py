from flask import current_app
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from app.core.forms import Form, strip
from app.core.i18n import _, _l


class LoginForm(Form):
    email = EmailField(_l("E-mail address"), filters=[strip], validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])
    submit = SubmitField(_l("Log in"))


def strong_enough(form: Form, field: PasswordField) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(field.data or "") < minimum:
        raise ValidationError(_("Use at least %(minimum)s characters. A few unrelated words make a good one.",
                                minimum=minimum))
    if len(field.data) > 256:
        raise ValidationError(_("Use at most 256 characters."))


class ForgotPasswordForm(Form):
    email = EmailField(_l("E-mail address"), filters=[strip],
                       description=_l("The address you log in with. We send a link to set a new password to it."),
                       validators=[DataRequired(_l("Enter your e-mail address.")), Length(max=254),
                                   Email(_l("Enter a valid e-mail address."), check_deliverability=False)],
                       render_kw={"autocomplete": "email", "autofocus": True})
    submit = SubmitField(_l("Send the link"))


class SetPasswordForm(Form):
    password = PasswordField(_l("New password"), validators=[DataRequired(), strong_enough])
    confirm = PasswordField(
        _l("Repeat the password"), validators=[DataRequired(), EqualTo("password", _l("The two passwords differ."))]
    )
    submit = SubmitField(_l("Set password"))


class SecondFactorForm(Form):
    code = StringField(_l("Code"), filters=[strip],
                       description=_l("The 6-digit code your authenticator app shows now, or one of your recovery "
                                      "codes."),
                       validators=[DataRequired(_l("Enter the code.")), Length(max=32)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True})
    submit = SubmitField(_l("Continue"))
