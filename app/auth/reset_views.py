"""The pages of a forgotten password: ask for a link, the same answer for every address, set the new password."""

from flask import Response, current_app, flash, redirect, render_template, session, url_for
from flask_babel import ngettext
from flask_login import current_user, logout_user

from app.auth import bp
from app.auth.forms import ForgotPasswordForm, SetPasswordForm
from app.auth.resets import ResetLinkError, request_reset, reset_password, user_for_reset, wait_minutes
from app.core.i18n import _
from app.core.permissions import public
from app.extensions import db


def _minutes_valid() -> int:
    return int(current_app.config["RESET_LINK_MAX_AGE"].total_seconds() // 60)


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
def forgot_password() -> Response | str:
    """Ask for a link by e-mail; what follows reads the same whether or not the address has an account."""
    if current_user.is_authenticated:
        return redirect(url_for("account.settings"))
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        minutes = wait_minutes(form.email.data)
        if minutes is not None:
            message = ngettext("Too many links were asked for. Try again in %(num)d minute.",
                               "Too many links were asked for. Try again in %(num)d minutes.", minutes)
            return render_template("auth/forgot_password.html", form=form, error=message), 429
        request_reset(form.email.data)
        db.session.commit()
        return redirect(url_for("auth.reset_link_sent"), 303)
    return render_template("auth/forgot_password.html", form=form, error=None)


@bp.get("/password/forgot/sent")
@public
def reset_link_sent() -> str:
    return render_template("auth/reset_link_sent.html", minutes=_minutes_valid())


@bp.route("/password/reset/<token>", methods=["GET", "POST"], endpoint="reset_password")
@public
def reset_password_page(token: str) -> Response | str:
    """Set a new password with the e-mailed link; every session of the account ends."""
    try:
        user = user_for_reset(token)
    except ResetLinkError as error:
        return render_template("auth/reset_link_invalid.html", message=str(error), form=ForgotPasswordForm()), 400
    form = SetPasswordForm()
    if form.validate_on_submit():
        reset_password(user, form.password.data)
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("Your new password is set and you are logged out everywhere. Log in with the new password."),
              "success")
        return redirect(url_for("auth.login"), 303)
    return render_template("auth/reset_password.html", form=form, user=user)
