"""The obstacles tracker: legal and pragmatic obstacles to cross-border cooperation, followed to resolution."""

from flask import Blueprint

from app.core.i18n import _l
from app.core.templating import navigation_link, template_globals

bp = Blueprint("obstacles", __name__, url_prefix="/obstacles")
navigation_link(bp, _l("Obstacles"), "obstacles.index", 20)

from app.obstacles import imports, notifications, permissions, search, views  # noqa: E402, F401

template_globals(bp, *permissions.TEMPLATE_GLOBALS)
