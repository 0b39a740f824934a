from flask import current_app
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from app.core.forms import Form, strip


class LoginForm(Form):
    email = EmailField("E-mail address", filters=[strip], validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])
    submit = SubmitField("Log in")


def strong_enough(form: Form, field: PasswordField) -> None:
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(field.data or "") < minimum:
        raise ValidationError(f"Use at least {minimum} characters. A few unrelated words make a good one.")
    if len(field.data) > 256:
        raise ValidationError("Use at most 256 characters.")


class SetPasswordForm(Form):
    password = PasswordField("New password", validators=[DataRequired(), strong_enough])
    confirm = PasswordField(
        "Repeat the password", validators=[DataRequired(), EqualTo("password", "The two passwords differ.")]
    )
    submit = SubmitField("Set password")


class SecondFactorForm(Form):
    code = StringField("Code", filters=[strip],
                       description="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
                       validators=[DataRequired("Enter the code."), Length(max=32)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True})
    submit = SubmitField("Continue")
