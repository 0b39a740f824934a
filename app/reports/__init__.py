"""The activity report for the Council: what the network did in a period."""

from flask import Blueprint

from app.core.i18n import _l
from app.core.templating import navigation_link

bp = Blueprint("reports", __name__, url_prefix="/reports")
navigation_link(bp, _l("Reports"), "reports.index", 90)

from app.reports import views  # noqa: E402, F401
