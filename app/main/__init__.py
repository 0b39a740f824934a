"""The dashboard, the health check, and the pages of modules still to come."""

from flask import Blueprint

from app.core.i18n import _l
from app.core.templating import navigation_link

bp = Blueprint("main", __name__)
navigation_link(bp, _l("Dashboard"), "main.index", 10)

from app.main import views  # noqa: E402, F401
