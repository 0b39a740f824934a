"""Factories for the meetings module.

Dates: the Presidency rotation is recorded up to 2030, so "future" meetings are put in 2029-2030
(NL holds 2029 H2, SK 2030 H1) and "past" ones in 2025 (PL H1, DK H2); the tests do not depend on today.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.extensions import db as _db
from app.meetings.models import AgendaItem, Meeting, MeetingAction, MeetingAnswer, MeetingInvitation
from app.meetings.services import convening_term
from app.network.models import Organisation
from tests.conftest import organisation

FUTURE = datetime(2029, 11, 15, 10, 0)  # NL Presidency
PAST = datetime(2025, 5, 14, 10, 0)  # PL Presidency


def form_data(**changes: Any) -> dict[str, Any]:
    """A valid meeting form for the NL Presidency (2029 H2)."""
    data = {
        "title": "Autumn meeting of the Heads of SPOC",
        "timezone": "Europe/Amsterdam",
        "starts_at": "2029-11-15T10:00",
        "ends_at": "2029-11-16T13:00",
        "place": "The Hague, Europol headquarters",
        "online_url": "",
        "description": "Plenary with the **agencies**.",
    }
    data.update(changes)
    return data


@pytest.fixture
def make_meeting(app) -> Callable[..., Meeting]:
    def factory(
        *, title: str = "Meeting of the network", start: datetime = FUTURE, hours: float = 6,
        timezone: str = "Europe/Amsterdam", status: str = "planned", place: str = "The Hague",
        agenda: int = 0, invite: tuple[str, ...] = (), **fields: Any,
    ) -> Meeting:
        starts_at = start.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)
        meeting = Meeting(
            title=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), timezone=timezone,
            place=place, status=status, presidency_term=convening_term(starts_at, timezone), **fields,
        )
        for n in range(1, agenda + 1):
            meeting.agenda_items.append(AgendaItem(position=n, title=f"Item {n}", duration_minutes=30))
        for code in invite:
            meeting.invitations.append(MeetingInvitation(organisation=organisation(code)))
        _db.session.add(meeting)
        _db.session.commit()
        return meeting

    return factory


@pytest.fixture
def convened(make_meeting) -> Meeting:
    """An upcoming meeting, convened: every Member State and Europol invited."""
    meeting = make_meeting(status="convened", title="Convened meeting")
    states = _db.session.scalars(_db.select(Organisation).where(Organisation.kind == "member_state"))
    for org in states:
        meeting.invitations.append(MeetingInvitation(organisation=org))
    meeting.invitations.append(MeetingInvitation(organisation=organisation("EUROPOL"), reason="SIENA expertise"))
    _db.session.commit()
    return meeting


def answer(meeting: Meeting, code: str, value: str = "attending", delegates: int = 2) -> MeetingAnswer:
    invitation = next(i for i in meeting.invitations if i.organisation.code == code)
    result = MeetingAnswer(invitation=invitation, answer=value, delegates=delegates if value == "attending" else 0,
                           delegate_names="A. Delegate\nB. Delegate" if value == "attending" else "")
    _db.session.add(result)
    _db.session.commit()
    return result


def action(meeting: Meeting, owner: str = "IT", status: str = "open",
           text: str = "Share the SPOC manual") -> MeetingAction:
    result = MeetingAction(meeting=meeting, owner=organisation(owner), description=text, status=status)
    _db.session.add(result)
    _db.session.commit()
    return result
