from flask import flash, session, url_for
from flask_login import current_user, login_user, logout_user

from app.account import bp
from app.account.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    LanguageForm,
    TimezoneForm,
)
from app.account.services import (
    ReauthenticationError,
    change_email,
    change_password,
    check_password_again,
    log_out_everywhere,
    set_language,
    set_timezone,
)
from app.core.forms import Form, timezone_choices
from app.core.htmx import redirect_after_post, render
from app.core.i18n import LANGUAGES, _, clear_session
from app.core.i18n import SESSION_KEY as LANGUAGE_KEY
from app.extensions import db
from app.security import second_factor as factor
from app.security.feed_tokens import issue_feed_token, revoke_feed_token
from app.security.sessions import SESSION_KEY, live_sessions, start_session, token_hash

_NEW_FEED = "new_calendar_feed_url"


def _page(status: int = 200, **forms):
    form = forms.pop("timezone_form", None) or TimezoneForm(formdata=None, obj=current_user)
    form.timezone.choices = timezone_choices()
    # The URL with the secret token is shown once, right after it is made, never again.
    new_feed_url = session.pop(_NEW_FEED, None)
    language_form = forms.pop("language_form", None) or LanguageForm(
        formdata=None, data={"language": current_user.language or ""})
    context = {
        "language_form": language_form,
        "timezone_form": form,
        "feed_form": Form(formdata=None),
        "new_feed_url": new_feed_url,
        "password_form": ChangePasswordForm(formdata=None, prefix="pw"),
        "email_form": ChangeEmailForm(formdata=None, prefix="email"),
        "second_factor_required": factor.required_for(current_user),
        "enrolling": current_user.totp_secret is not None and not current_user.has_second_factor,
        "recovery_codes_left": factor.recovery_codes_left(current_user) if current_user.has_second_factor else 0,
        "sessions": live_sessions(current_user),
        "current_session": token_hash(session.get(SESSION_KEY) or ""),
    }
    context.update(forms)
    return render("account/settings.html", status=status, **context)


@bp.route("/settings")
def settings():
    """The user's settings: time zone, calendar feed, second factor, password, e-mail and sessions."""
    return _page()


@bp.route("/settings/timezone", methods=["POST"])
def timezone():
    """Change the time zone meeting times are shown in."""
    form = TimezoneForm()
    form.timezone.choices = timezone_choices()
    if not form.validate():
        return _page(status=400, timezone_form=form)
    changed = set_timezone(current_user, form.timezone.data)
    db.session.commit()
    flash(_("Times are now shown in %(zone)s.", zone=current_user.timezone) if changed else _("Nothing changed."),
          "success")
    return redirect_after_post(url_for("account.settings"))


@bp.route("/settings/language", methods=["POST"])
def language():
    """Choose the language of the intranet and of e-mails, or follow the browser."""
    form = LanguageForm()
    if not form.validate():
        return _page(status=400, language_form=form)
    changed = set_language(current_user, form.language.data)
    db.session.commit()
    session.pop(LANGUAGE_KEY, None)  # the setting decides from now on
    if not changed:
        flash(_("Nothing changed."), "success")
    elif current_user.language in LANGUAGES:
        flash(_("The intranet is now shown in %(language)s.", language=LANGUAGES[current_user.language]), "success")
    else:
        flash(_("The intranet now follows the language of your browser."), "success")
    return redirect_after_post(url_for("account.settings"))


@bp.route("/settings/calendar-feed", methods=["POST"])
def new_feed():
    """Make a new personal feed URL; any previous one stops working."""
    token = issue_feed_token(current_user)
    db.session.commit()
    session[_NEW_FEED] = url_for("meetings.feed", token=token, _external=True)
    return redirect_after_post(url_for("account.settings") + "#calendar-feed")


@bp.route("/settings/calendar-feed/revoke", methods=["POST"])
def revoke_feed():
    """Stop the personal feed URL from working."""
    revoked = revoke_feed_token(current_user)
    db.session.commit()
    flash(_("Your calendar feed URL no longer works.") if revoked else _("You have no calendar feed URL."), "success")
    return redirect_after_post(url_for("account.settings") + "#calendar-feed")


def password_ok(form, field) -> bool:
    """Validate ``form`` and the password given again in ``field``; errors go next to the fields."""
    if not form.validate():
        return False
    try:
        check_password_again(current_user, field.data)
    except ReauthenticationError as error:
        db.session.commit()  # the failed attempt counts
        field.errors.append(str(error))
        return False
    return True


# Password, e-mail, sessions --------------------------------------------------------------------------

@bp.route("/settings/password", methods=["POST"])
def password():
    """Change the password; every other session of the account ends."""
    form = ChangePasswordForm(prefix="pw")
    if not password_ok(form, form.current_password):
        return _page(status=400, password_form=form)
    change_password(current_user, form.password.data)
    # This browser stays logged in, on a new session; every other one (and any copied cookie) is out.
    user = current_user._get_current_object()
    session.clear()
    session[SESSION_KEY] = start_session(user)
    login_user(user)
    db.session.commit()
    flash(_("Your password is changed. Every other session of your account has ended."), "success")
    return redirect_after_post(url_for("account.settings") + "#password")


@bp.route("/settings/email", methods=["POST"])
def email():
    """Change the log-in e-mail address (password needed again)."""
    form = ChangeEmailForm(prefix="email")
    if not password_ok(form, form.password):
        return _page(status=400, email_form=form)
    try:
        change_email(current_user, form.email.data)
    except ValueError as error:
        form.email.errors.append(str(error))
        return _page(status=400, email_form=form)
    db.session.commit()
    flash(_("You now log in with %(email)s.", email=current_user.email), "success")
    return redirect_after_post(url_for("account.settings") + "#email")


@bp.route("/settings/logout-everywhere", methods=["POST"])
def logout_everywhere():
    """End every session of the account, on every device, this one included (the log-in page that follows
    stays in the user's language)."""
    language = current_user.language
    log_out_everywhere(current_user)
    db.session.commit()
    logout_user()
    clear_session(language)
    flash(_("You are logged out on every device."), "info")
    return redirect_after_post(url_for("auth.login"))
