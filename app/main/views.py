from datetime import timedelta

from flask import Response, abort, current_app, flash, redirect, request, session
from flask_login import current_user
from sqlalchemy import text

from app.core.htmx import render
from app.core.i18n import LANGUAGES, SESSION_KEY, _
from app.core.permissions import public
from app.core.redirects import same_site_path
from app.extensions import db
from app.main import bp
from app.main.dashboard import BLOCKS
from app.roster.services import REVIEW_PERIOD_YEARS


@bp.route("/")
def index():
    """The dashboard: the Presidency, the next meeting, open actions, obstacles, practices, nominations."""
    blocks = [(name, heading, context(current_user))
              for name, (heading, context, allowed) in BLOCKS.items() if allowed(current_user)]
    return render("main/index.html", blocks=blocks)


@bp.route("/dashboard/<name>")
def block(name: str):
    """One dashboard block alone: htmx refreshes it in place; without JavaScript it is a small page."""
    if name not in BLOCKS:
        abort(404)
    heading, context, allowed = BLOCKS[name]
    if not allowed(current_user):
        abort(403)
    return render("main/block.html", "main/_block.html", name=name, heading=heading, context=context(current_user))


@bp.route("/healthz")
@public
def healthz() -> Response:
    """Liveness and database reachability, for monitoring; no login."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        db.session.rollback()
        return Response("database unavailable\n", status=503, mimetype="text/plain")
    return Response("ok\n", mimetype="text/plain")


@bp.route("/language", methods=["POST"])
@public
def set_language() -> Response:
    """The header's language switch: remembered in the user's settings, or in the session before log-in.

    Works without JavaScript (a plain form); goes back to the page it was pressed on.
    """
    next_url = same_site_path(request.form.get("next"))  # before anything is written
    code = request.form.get("language", "")
    if code not in LANGUAGES:
        code = "en"
        flash(_("That language is not available; the intranet is shown in English."), "error")
    session[SESSION_KEY] = code
    if current_user.is_authenticated and current_user.language != code:
        current_user.language = code
        db.session.commit()
    return redirect(next_url, 303)


def _minutes(value: timedelta | int | float) -> int:
    """A configured duration (a timedelta, or seconds from the environment) in whole minutes."""
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    return max(1, round(seconds / 60))


@bp.route("/privacy")
@public
def privacy():
    """The privacy notice: what is held about users and experts, why, how long, who sees it, how to ask.

    Public, as the log-in page links to it. The periods are read from the configuration the rules use."""
    config = current_app.config
    session_minutes = _minutes(config.get("SESSION_ABSOLUTE_TIMEOUT", timedelta(hours=12)))
    return render("main/privacy.html",
                  nomination_months=int(config.get("NOMINATION_RETENTION_MONTHS", 12)),
                  review_years=REVIEW_PERIOD_YEARS,
                  grace_days=int(config.get("ROSTER_REVIEW_GRACE_DAYS", 90)),
                  idle_minutes=_minutes(config.get("SESSION_IDLE_TIMEOUT", timedelta(minutes=30))),
                  session_hours=max(1, round(session_minutes / 60)))
