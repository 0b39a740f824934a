from flask import Response, abort
from flask_login import current_user
from sqlalchemy import text

from app.core.htmx import render
from app.core.permissions import public
from app.extensions import db
from app.main import bp
from app.main.dashboard import BLOCKS

# The header's navigation, in order: (label, endpoint).
NAVIGATION: list[tuple[str, str]] = [
    ("Dashboard", "main.index"),
    ("Obstacles", "obstacles.index"),
    ("Best practices", "practices.index"),
    ("Experts", "roster.experts"),
    ("Nominations", "roster.nominations"),
    ("Trainings", "roster.trainings"),
    ("Meetings", "meetings.index"),
    ("Calendar", "meetings.calendar"),
    ("Reports", "reports.index"),
    ("Network", "network.index"),
]


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
