"""Funding the network: sources, calls for proposals, applications and their workflow, budget lines on meetings
and training activities, the overview per half-year and its exports."""

from flask import Blueprint

from app.core.i18n import _l
from app.core.templating import navigation_link, template_globals

bp = Blueprint("funding", __name__, url_prefix="/funding")
navigation_link(bp, _l("Funding"), "funding.index", 95)

from app.funding import (  # noqa: E402, F401
    application_search,
    application_steps,
    applications,
    budget,
    call_services,
    calls,
    money,
    notifications,
    permissions,
    reference,
    search,
    sources,
    views_overview,
    workflow,
)

template_globals(bp, *permissions.TEMPLATE_GLOBALS)
bp.add_app_template_filter(money.euros, "euros")
bp.add_app_template_filter(call_services.percent, "percent")
