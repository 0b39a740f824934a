"""The meeting calendar: meetings convened by the Presidency, agendas, invitations and answers,
minutes and actions agreed, month view and iCalendar feeds."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)

from app.meetings import permissions as _permissions  # noqa: E402
from app.meetings.templating import meetings_discussing, time_span, viewer_timezone  # noqa: E402

for _fn in (
    _permissions.can_create_meetings, _permissions.can_manage, _permissions.can_edit, _permissions.can_read,
    _permissions.can_record_outcome, _permissions.can_attach, _permissions.can_see_minutes,
    _permissions.can_answer, _permissions.can_update_action, time_span, viewer_timezone, meetings_discussing,
):
    bp.add_app_template_global(_fn)

from app.meetings import feed, search, views, views_outcome, views_parts  # noqa: E402, F401
