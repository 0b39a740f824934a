"""Helpers of the security tests: codes from a user's authenticator app, cookies copied between browsers."""

import secrets
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pyotp
import pytest

from app.core.models import Attachment
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting, MeetingAction, MeetingInvitation
from app.meetings.services import convening_term
from app.network.models import LegalInstrument, PresidencyTerm, User
from app.obstacles.models import ObstacleComment
from app.roster.models import TrainerProposal
from tests.conftest import organisation
from tests.roster.conftest import make_expert, make_nomination, make_training  # noqa: F401 - fixtures for world

COOKIE = "spoc_session"


def code_for(user: User, offset_steps: int = 0) -> str:
    """What the user's authenticator app shows now (or ``offset_steps`` steps away)."""
    return pyotp.TOTP(user.totp_secret).at(time.time() + 30 * offset_steps)


def copy_cookie(source, target) -> None:
    """Put ``source``'s session cookie into ``target``: a stolen or copied cookie."""
    cookie = source.get_cookie(COOKIE, domain="spoc.test")
    assert cookie is not None
    target.set_cookie(COOKIE, cookie.value, domain="spoc.test")


@pytest.fixture
def form_login():
    """Log in through the real form (and the second step, if the account has a second factor)."""

    def login(client, email, password, code=None):
        response = client.post("/login", data={"email": email, "password": password})
        if code is not None:
            response = client.post("/login/second-factor", data={"code": code})
        return response

    return login


def _attachment(app, record_type: str, record_id: int) -> int:
    stored = secrets.token_hex(16)
    folder = Path(app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(b"Minutes of the meeting.\n")
    attachment = Attachment(record_type=record_type, record_id=record_id, filename="minutes.txt",
                            stored_name=stored, content_type="text/plain", size=24)
    db.session.add(attachment)
    db.session.flush()
    return attachment.id


def _meeting(status: str, start: datetime, *, invite=(), agenda: int = 0) -> Meeting:
    starts_at = start.replace(tzinfo=ZoneInfo("Europe/Amsterdam")).astimezone(UTC)
    meeting = Meeting(title=f"Meeting {status}", starts_at=starts_at, ends_at=starts_at + timedelta(hours=6),
                      timezone="Europe/Amsterdam", place="The Hague", status=status,
                      presidency_term=convening_term(starts_at, "Europe/Amsterdam"))
    for n in range(1, agenda + 1):
        meeting.agenda_items.append(AgendaItem(position=n, title=f"Item {n}", duration_minutes=30))
    for code in invite:
        meeting.invitations.append(MeetingInvitation(organisation=organisation(code)))
    db.session.add(meeting)
    db.session.flush()
    return meeting


class World(dict):
    """Records owned by Italy where ownership matters, each built the first time a URL asks for its id
    (``"/obstacles/{obstacle}".format_map(world)``), so a test builds only what it uses."""

    def __init__(self, app, member, builders) -> None:
        super().__init__()
        self.app, self.member, self.builders = app, member, builders

    def __missing__(self, key: str) -> int:
        record_id = self.builders[key](self)
        db.session.commit()
        self[key] = record_id
        return record_id


def _convened(w: World) -> Meeting:
    return db.session.get(Meeting, w["meeting"])


@pytest.fixture
def world(app, make_obstacle, make_practice, make_expert, make_nomination, make_training):  # noqa: F811
    """``world(member_user)``: a fresh, lazily built set of records (see :class:`World`)."""

    def held(w: World) -> int:
        meeting = _meeting("held", datetime(2025, 5, 14, 10))
        meeting.minutes = "The network met and agreed actions."
        return meeting.id

    def action(w: World) -> int:
        row = MeetingAction(meeting_id=w["held"], owner=organisation("IT"), description="Share the manual",
                            status="open")
        db.session.add(row)
        db.session.flush()
        return row.id

    def comment(w: World) -> int:
        row = ObstacleComment(obstacle_id=w["obstacle"], author_id=w.member.id, body="First!")
        db.session.add(row)
        db.session.flush()
        return row.id

    def proposal(w: World) -> int:
        row = TrainerProposal(training_id=w["training"], expert=make_expert("DE"), status="proposed")
        db.session.add(row)
        db.session.flush()
        return row.id

    def refused(w: World) -> int:
        from app.notifications.models import RefusedAddress

        row = RefusedAddress(address="gone@example.org", reason="550 no such user")
        db.session.add(row)
        db.session.flush()
        return row.id

    builders = {
        "refused": refused,
        "user": lambda w: w.member.id,
        "org": lambda w: organisation("IT").id,
        "term": lambda w: db.session.scalar(db.select(PresidencyTerm.id).limit(1)),
        "instrument": lambda w: db.session.scalar(db.select(LegalInstrument.id).limit(1)),
        "obstacle": lambda w: make_obstacle("IT", affected=("FR",)).id,
        "discussed": lambda w: make_obstacle("IT", status="under_discussion").id,
        "agreed": lambda w: make_obstacle("IT", status="action_agreed").id,
        "obstacle_comment": comment,
        "draft": lambda w: make_practice("IT", status="draft", title="Draft of Italy").id,
        "practice": lambda w: make_practice("IT", status="submitted", adopted_by=("FR",)).id,
        "shared": lambda w: make_practice("IT", status="submitted", title="Shared, adopted by nobody yet").id,
        "practice_attachment": lambda w: _attachment(w.app, "best_practices", w["practice"]),
        "draft_attachment": lambda w: _attachment(w.app, "best_practices", w["draft"]),
        "expert": lambda w: make_expert("IT").id,
        "nomination": lambda w: make_nomination("IT").id,
        "under_review": lambda w: make_nomination("IT", status="under_review").id,
        "training": lambda w: make_training().id,
        "proposal": proposal,
        "delivered_training": lambda w: make_training(status="delivered").id,
        "planned_training": lambda w: make_training(status="planned").id,
        "meeting": lambda w: _meeting("convened", datetime(2029, 11, 15, 10), invite=("IT", "EUROPOL"), agenda=2).id,
        "planned": lambda w: _meeting("planned", datetime(2029, 12, 1, 10)).id,
        "held": held,
        "past_convened": lambda w: _meeting("convened", datetime(2025, 6, 2, 10)).id,
        "action": action,
        "agenda_item": lambda w: _convened(w).agenda_items[0].id,
        "europol_invitation": lambda w: next(i.id for i in _convened(w).invitations
                                             if i.organisation.code == "EUROPOL"),
        "meeting_attachment": lambda w: _attachment(w.app, "meetings", w["meeting"]),
    }
    return lambda member: World(app, member, builders)

