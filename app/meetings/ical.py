"""Meetings as iCalendar (RFC 5545), for Outlook, Thunderbird and Google Calendar."""

from collections.abc import Iterable
from datetime import UTC, date, datetime

import icalendar
from flask import url_for

from app.core.i18n import _
from app.core.limits import EARLIEST_YEAR, LATEST_YEAR, one_line
from app.meetings.models import Meeting

PRODID = "-//SPOC Network//Meeting calendar//EN"
_STATUS = {"planned": "TENTATIVE", "cancelled": "CANCELLED"}


def agenda_text(meeting: Meeting) -> str:
    lines = []
    for item in meeting.agenda_items:
        extra = ", ".join(x for x in (
            item.presenter.name if item.presenter else "",
            _("%(minutes)s min", minutes=item.duration_minutes) if item.duration_minutes else "",
        ) if x)
        lines.append(f"{item.position}. {item.title}" + (f" ({extra})" if extra else ""))
    return "\n".join(lines)


def _event(meeting: Meeting) -> icalendar.Event:
    event = icalendar.Event()
    url = url_for("meetings.detail", meeting_id=meeting.id, _external=True)
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    event.add("dtstart", meeting.local_start)  # carries TZID; the VTIMEZONE is added with the calendar
    event.add("dtend", meeting.local_end)
    # One-line properties get one line, whatever was stored (a title saved before forms refused line breaks).
    event.add("summary", one_line(meeting.title))
    event.add("status", _STATUS.get(meeting.status, "CONFIRMED"))
    event.add("url", url)
    location = ", ".join(one_line(x) for x in (meeting.place, meeting.online_url) if x)
    if location:
        event.add("location", location)
    parts = [_("Marking: %(marking)s", marking=meeting.marking.label)]  # first, where any calendar shows it
    if meeting.status == "cancelled" and meeting.cancel_reason:
        parts.append(_("Cancelled: %(reason)s", reason=meeting.cancel_reason))
    if meeting.description:
        parts.append(meeting.description)
    agenda = agenda_text(meeting)
    if agenda:
        parts.append(_("Agenda:") + "\n" + agenda)
    parts.append(_("Convened by the %(country)s Presidency. %(url)s",
                   country=meeting.presidency_term.organisation.name, url=url))
    event.add("description", "\n\n".join(parts))
    return event


def _year(year: int) -> int:
    return min(max(year, EARLIEST_YEAR), LATEST_YEAR + 2)


def calendar_for(meetings: Iterable[Meeting], name: str) -> bytes:
    """A VCALENDAR with one VEVENT per meeting and one VTIMEZONE per zone used; its text is in the current
    language (a feed without a session sets its user's with ``force_locale``)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", one_line(name))
    meetings = list(meetings)
    for meeting in meetings:
        cal.add_component(_event(meeting))
    if meetings:
        first = min(m.starts_at for m in meetings).date()
        last = max(m.ends_at for m in meetings).date()
        # The zones' rules for the years the forms accept at most: a meeting stored in the year 9999 would ask
        # for years the calendar does not have, and thousands of yearly transitions.
        cal.add_missing_timezones(first_date=date(_year(first.year - 1), 1, 1),
                                  last_date=date(_year(last.year + 2), 1, 1))
    return cal.to_ical()
