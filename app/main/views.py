from flask import Flask, Response, abort
from flask_login import current_user
from sqlalchemy import text

from app.core.htmx import render
from app.core.permissions import public
from app.extensions import db
from app.main import bp
from app.main.dashboard import BLOCKS

# The navigation, in order: (label, endpoint of the module's index, URL while the module is not built).
NAVIGATION: list[tuple[str, str, str]] = [
    ("Dashboard", "main.index", "/"),
    ("Obstacles", "obstacles.index", "/obstacles/"),
    ("Best practices", "practices.index", "/practices/"),
    ("Experts", "roster.experts", "/experts/"),
    ("Nominations", "roster.nominations", "/nominations/"),
    ("Trainings", "roster.trainings", "/trainings/"),
    ("Meetings", "meetings.index", "/meetings/"),
    ("Calendar", "meetings.calendar", "/calendar"),
    ("Reports", "reports.index", "/reports/"),
    ("Network", "network.index", "/network/"),
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


def coming(label: str):
    """A module that is planned but not built yet."""
    if not label:
        abort(404)
    return render("main/coming.html", module=label)


def register_coming_pages(app: Flask) -> None:
    """Give each planned module's address a "coming" page until its blueprint provides it."""
    for label, endpoint, path in NAVIGATION:
        if endpoint not in app.view_functions:
            name = "coming_" + endpoint.replace(".", "_")
            app.add_url_rule(path, endpoint=f"main.{name}", view_func=coming, defaults={"label": label})


def nav_items(app: Flask) -> list[tuple[str, str]]:
    """(label, endpoint) for the header, pointing at a module or at its "coming" page."""
    items = []
    for label, endpoint, _path in NAVIGATION:
        if endpoint not in app.view_functions:
            endpoint = "main.coming_" + endpoint.replace(".", "_")
        items.append((label, endpoint))
    return items
