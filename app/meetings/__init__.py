"""The meeting calendar: meetings convened by the Presidency, agendas, invitations and answers,
minutes and actions agreed, month view and iCalendar feeds."""

from flask import Blueprint

from app.core.i18n import _l
from app.core.templating import navigation_link, template_globals

bp = Blueprint("meetings", __name__)
navigation_link(bp, _l("Meetings"), "meetings.index", 70)
navigation_link(bp, _l("Calendar"), "meetings.calendar", 80)

from app.meetings import (  # noqa: E402, F401
    feed,
    imports,
    notifications,
    permissions,
    search,
    templating,
    views,
    views_outcome,
    views_parts,
)

template_globals(bp, *permissions.TEMPLATE_GLOBALS, templating.time_span, templating.viewer_timezone,
                 templating.meetings_discussing)
