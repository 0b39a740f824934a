"""How meeting times are shown: in the viewer's zone, with the place's local time beside it."""

from typing import Any
from zoneinfo import ZoneInfo

from flask_login import current_user

from app.core.timezones import format_span, zone
from app.meetings.models import Meeting


def viewer_timezone() -> ZoneInfo:
    """The zone of the logged-in user's settings (Europe/Brussels unless changed)."""
    return zone(getattr(current_user, "timezone", None))


def time_span(meeting: Meeting, tz: Any = None) -> str:
    """When the meeting is, in ``tz`` (the viewer's zone by default)."""
    return format_span(meeting.starts_at, meeting.ends_at, tz or viewer_timezone())


def meetings_discussing(record: Any) -> list[Any]:
    """For an obstacle's or a practice's page: the agenda items of readable meetings that discuss it."""
    from app.meetings.agenda import agenda_items_about

    if record.__tablename__ == "obstacles":
        return agenda_items_about(current_user, obstacle_id=record.id)
    return agenda_items_about(current_user, practice_id=record.id)
