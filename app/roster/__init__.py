"""The training-expert roster: nominations, core-group review, the roster, training activities."""

from flask import Blueprint

bp = Blueprint("roster", __name__)

from app.roster import permissions  # noqa: E402

for _rule in permissions.TEMPLATE_GLOBALS:
    bp.add_app_template_global(_rule)

from app.roster import search, training_views, views  # noqa: E402, F401
