"""The obstacles tracker: legal and pragmatic obstacles to cross-border cooperation, followed to resolution."""

from flask import Blueprint

bp = Blueprint("obstacles", __name__, url_prefix="/obstacles")

from app.obstacles import permissions, search, views  # noqa: E402, F401
