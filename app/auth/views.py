from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_user, logout_user

from app.auth import bp
from app.auth.forms import LoginForm, SetPasswordForm
from app.auth.services import (
    InvitationError,
    authenticate,
    record_login,
    user_for_invitation,
)
from app.auth.services import (
    accept_invitation as accept,
)
from app.core.htmx import redirect_after_post
from app.core.permissions import public
from app.extensions import db, limiter, login_manager
from app.network.models import User


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Session identity is "<user id>.<session version>": a bumped version ends old sessions."""
    user_id, _, version = session_id.partition(".")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


@login_manager.unauthorized_handler
def unauthorized() -> Response:
    """Anonymous request: the login page, or for htmx a redirect of the whole window to it."""
    target = url_for("auth.login", next=request.full_path if request.method == "GET" else None)
    if request.headers.get("HX-Request") == "true":
        response = current_app.make_response(("", 401))
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def _failed_login(response: Response) -> bool:
    return response.status_code != 303


def _account_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()[:254]


def _too_many_attempts(limit: RequestLimit) -> Response:
    form = LoginForm()
    minutes = max(1, limit.limit.get_expiry() // 60)
    message = (
        "Too many failed log-in attempts. For your security, log-in is paused; "
        f"try again in {minutes} minutes, or ask an administrator for a new invitation link."
    )
    return current_app.make_response((render_template("auth/login.html", form=form, error=message), 429))


def _safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login, never another host."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("main.index")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    key_func=get_remote_address, methods=["POST"], deduct_when=_failed_login,
    on_breach=_too_many_attempts, scope="login-address",
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_account_key, methods=["POST"], deduct_when=_failed_login,
    on_breach=_too_many_attempts, scope="login-account",
)
def login() -> Response | str:
    """Log in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None and user.active:
            session.clear()  # a fresh session (and CSRF token) at login
            login_user(user)
            record_login(user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")), 303)
        if user is not None and not user.active:
            error = "This account is deactivated. Contact an administrator if you need access."
        else:
            # One message for an unknown account and a wrong password, so accounts cannot be probed.
            error = (
                "The e-mail address or the password is wrong. "
                "New here? Set your password first with the invitation link you received."
            )
    return render_template("auth/login.html", form=form, error=error)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """End the session."""
    logout_user()
    session.clear()
    flash("You are logged out.", "info")
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
        flash("Your password is set. Log in with your e-mail address and the new password.", "success")
        return redirect(url_for("auth.login"), 303)
    return render_template("auth/set_password.html", form=form, user=user)
