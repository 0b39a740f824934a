"""How a meeting appears in the cross-module search: title, description, agenda, and published minutes."""

from flask import url_for

from app.core.i18n import _l
from app.core.markings import is_restricted
from app.meetings.models import AgendaItem, Meeting
from app.search.index import Document, reindex_parent, searchable


def _document(meeting: Meeting) -> Document:
    parts = [meeting.description or "", meeting.place or ""]
    parts += [item.title for item in meeting.agenda_items]
    # Minutes under a restricted marking of their own stay out: a search result would show a snippet of them.
    if meeting.status == "minutes_published" and not is_restricted(meeting.minutes_marking_id):
        parts.append(meeting.minutes or "")
    # A planned meeting is its Presidency's draft (see permissions.can_read).
    if meeting.status == "planned":
        return Document(meeting.title, "\n".join(parts), "country", meeting.presidency_term.organisation_id)
    return Document(meeting.title, "\n".join(parts))


searchable("meetings", _l("Meetings"), Meeting, _document,
           lambda record_id: url_for("meetings.detail", meeting_id=record_id))
reindex_parent(AgendaItem, lambda item: [item.meeting])
