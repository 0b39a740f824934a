"""The best-practice register: submit, review, endorse, adopt, search."""

from flask import Blueprint

from app.core.i18n import _l
from app.core.templating import navigation_link, template_globals

bp = Blueprint("practices", __name__, url_prefix="/practices")
navigation_link(bp, _l("Best practices"), "practices.index", 30)

from app.practices import imports, permissions, search, views  # noqa: E402, F401

template_globals(bp, *permissions.TEMPLATE_GLOBALS, views.practices_addressing)
