import time

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user

from app.auth import bp
from app.auth.forms import LoginForm, SecondFactorForm, SetPasswordForm
from app.auth.services import (
    InvitationError,
    authenticate,
    record_login,
    user_for_invitation,
)
from app.auth.services import (
    accept_invitation as accept,
)
from app.core import audit
from app.core.htmx import redirect_after_post, redirect_whole_window
from app.core.i18n import SESSION_KEY as LANGUAGE_KEY
from app.core.i18n import _, clear_session
from app.core.permissions import public
from app.core.redirects import same_site_path
from app.extensions import db, login_manager
from app.network.models import User
from app.security import log as security_log
from app.security import second_factor as second_factor_service
from app.security import throttle
from app.security.sessions import SESSION_KEY, end_current_session, start_session, user_of_session

_PENDING = "_second_factor_pending"
_PENDING_SECONDS = 300


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Session identity is "<user id>.<session version>" plus a server-side session token.

    A bumped version ends every session of the user; an ended or timed-out session row ends one.
    """
    user_id, _, version = session_id.partition(".")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = user_of_session(session.get(SESSION_KEY))
    if user is None or user.id != int(user_id):
        return None
    if not user.active or user.session_version != int(version):
        return None
    return user


@login_manager.unauthorized_handler
def unauthorized() -> Response:
    """Anonymous request: the login page, or for htmx a redirect of the whole window to it."""
    target = url_for("auth.login", next=request.full_path if request.method == "GET" else None)
    return redirect_whole_window(target, 401)


def _too_many_attempts(minutes: int, form: LoginForm) -> Response:
    message = ngettext(
        "Too many failed log-in attempts. For your security, log-in is paused; "
        "try again in %(num)d minute, or ask an administrator for a new invitation link.",
        "Too many failed log-in attempts. For your security, log-in is paused; "
        "try again in %(num)d minutes, or ask an administrator for a new invitation link.",
        minutes,
    )
    return current_app.make_response((render_template("auth/login.html", form=form, error=message), 429))


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Response | str:
    """Log in with e-mail and password (then the second factor, if the account has one)."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    # Checked before anything is written: a refused target means the dashboard, never an error after the commit.
    next_url = same_site_path(request.args.get("next"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        minutes = throttle.blocked_minutes(form.email.data)
        if minutes is not None:
            return _too_many_attempts(minutes, form)
        user = authenticate(form.email.data, form.password.data)
        if user is not None and user.active:
            if user.has_second_factor:
                session.clear()
                session[_PENDING] = {"id": user.get_id(), "at": int(time.time()), "next": next_url}
                db.session.commit()  # an outdated password hash may have been renewed
                return redirect(url_for("auth.second_factor"), 303)
            return _complete_login(user, next_url)
        if user is not None and not user.active:
            error = _("This account is deactivated. Contact an administrator if you need access.")
        else:
            # One message for an unknown account and a wrong password, so accounts cannot be probed.
            error = _(
                "The e-mail address or the password is wrong. "
                "New here? Set your password first with the invitation link you received."
            )
        _failed(form.email.data, "wrong password or unknown account" if user is None else "deactivated account")
    return render_template("auth/login.html", form=form, error=error)


def _failed(account: str, reason: str, user: User | None = None) -> None:
    """Count a failed attempt for throttling, and log it for an investigator."""
    throttle.record_failure(account)
    audit.record_event(user, "login", "failed_login",
                       note=f"{reason}; account typed: {security_log.clean(throttle.normalise_account(account))}")
    db.session.commit()
    security_log.logger.warning("failed login account=%s address=%s reason=%s",
                                throttle.normalise_account(account), request.remote_addr, reason)


def _complete_login(user: User, next_url: str) -> Response:
    """Start the session and go to ``next_url``, which the caller checked (same_site_path) before any write."""
    # A fresh session (and CSRF token) at login, keeping the language chosen with the header's switch.
    clear_session(session.get(LANGUAGE_KEY))
    token = start_session(user)
    login_user(user)
    session[SESSION_KEY] = token
    record_login(user)
    db.session.commit()
    return redirect(next_url, 303)


def _pending_user() -> User | None:
    """The user who gave the right password and still owes the second factor, within five minutes."""
    pending = session.get(_PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > _PENDING_SECONDS:
        return None
    user_id, _, version = str(pending.get("id", "")).partition(".")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.active or str(user.session_version) != version or not user.has_second_factor:
        return None
    return user


@bp.route("/login/second-factor", methods=["GET", "POST"])
@public
def second_factor() -> Response | str:
    """Second step of the log-in: a code from the authenticator app, or a recovery code."""
    user = _pending_user()
    if user is None:
        session.pop(_PENDING, None)
        flash(_("Log in again: the log-in was not finished within five minutes."), "info")
        return redirect(url_for("auth.login"), 303)
    form = SecondFactorForm()
    error = None
    if form.validate_on_submit():
        minutes = throttle.blocked_minutes(user.email)
        if minutes is not None:
            session.pop(_PENDING, None)
            return _too_many_attempts(minutes, LoginForm(formdata=None))
        # Checked again (it was at the password step), before the code is used up or anything is written.
        next_url = same_site_path(session[_PENDING].get("next"))
        try:
            used = second_factor_service.verify(user, form.code.data)
        except second_factor_service.UnreadableSecret:  # SECRET_KEY changed without rotation; logged for the admin
            error = _("Codes from your authenticator app cannot be checked at the moment: the intranet's encryption "
                      "key has changed. Log in with one of your recovery codes, or ask an administrator to reset "
                      "your second factor.")
            return render_template("auth/second_factor.html", form=form, error=error)
        if used in (second_factor_service.TOTP, second_factor_service.RECOVERY):
            response = _complete_login(user, next_url)
            if used == second_factor_service.RECOVERY:  # after the log-in, whose fresh session drops flashes
                left = second_factor_service.recovery_codes_left(user)
                flash(ngettext("You used a recovery code; %(num)d is left. "
                               "Make new ones in your settings if you are running out.",
                               "You used a recovery code; %(num)d are left. "
                               "Make new ones in your settings if you are running out.", left), "info")
            return response
        if used == second_factor_service.USED_ALREADY:
            error = _("This code was used already. Enter the next code your app shows, or one of your recovery "
                      "codes.")
        else:
            error = _("This code is not right, or was used already. Enter the 6-digit code your app shows now, "
                      "or one of your recovery codes.")
        _failed(user.email, "wrong second-factor code", user)
    return render_template("auth/second_factor.html", form=form, error=error)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """End the session, on the server too: a copy of the cookie stops working.

    The log-in page that follows stays in the language the user chose (kept as a visitor's choice)."""
    language = current_user.language
    end_current_session()
    db.session.commit()
    logout_user()
    clear_session(language)
    flash(_("You are logged out."), "info")
    return redirect_after_post(url_for("auth.login"))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str) -> Response | str:
    """Set a password with an invitation link."""
    try:
        user = user_for_invitation(token)
    except InvitationError as error:
        return render_template("auth/invitation_invalid.html", message=str(error)), 400
    form = SetPasswordForm()
    if form.validate_on_submit():
        accept(user, form.password.data)
        db.session.commit()
        logout_user()
        session.clear()
        flash(_("Your password is set. Log in with your e-mail address and the new password."), "success")
        return redirect(url_for("auth.login"), 303)
    return render_template("auth/set_password.html", form=form, user=user)
