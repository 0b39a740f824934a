"""Every factory of the suite and the helpers that test modules share, in one place.

``tests/conftest.py`` loads this module as a plugin (``pytest_plugins``), so its fixtures reach every test
package; test modules import its plain helpers (``from tests.factories import HTMX, organisation``) instead of
importing from a conftest file, which pytest advises against. Fixtures return callables that commit.

Meeting dates: the Presidency rotation is recorded up to 2030, so "future" meetings are put in 2029-2030
(NL holds 2029 H2, SK 2030 H1) and "past" ones in 2025 (PL H1, DK H2); the tests do not depend on today.
"""

import os
import re
import secrets
import socket
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.assessments.models import AssessmentRound
from app.auth.passwords import hash_password
from app.core.markings import Marking
from app.core.models import Attachment
from app.core.timezones import today
from app.extensions import db
from app.funding.models import FundingSource
from app.imports.models import ImportJob
from app.meetings.models import AgendaItem, Meeting, MeetingAction, MeetingAnswer, MeetingInvitation
from app.meetings.services import convening_term
from app.network.models import LegalInstrument, Organisation, PresidencyTerm, User
from app.notifications.models import Notification
from app.obstacles.models import Obstacle, ObstacleAffected, ObstacleComment
from app.practices.models import BestPractice, PracticeAdoption, PracticeComment, Tag
from app.roster.models import (
    Expert,
    ExpertLanguage,
    Nomination,
    NominationLanguage,
    TrainerProposal,
    TrainingActivity,
)
from app.roster.vocabulary import join_codes
from app.security.second_factor import secret_of, store_secret
from app.security.sessions import SESSION_KEY, start_session

# Configuration, organisations, users and logging in ---------------------------------------------------------------

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = hash_password(PASSWORD)  # hashed once: argon2 is slow on purpose

DEMO_PASSWORD = "demo-password"  # noqa: S105 - the demo accounts' password (app/demo.py), for tests/browser


def test_config(database_url: str, **overrides: Any) -> dict[str, Any]:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "spoc.test",
        "RATELIMIT_STORAGE_URI": "memory://",
        # Every country's sheet starts never verified, so the reminder would join every other test's queue count;
        # tests/factsheets turns it on.
        "FACT_SHEET_REMINDERS": False,
        "UPLOAD_FOLDER": os.path.join(tempfile.gettempdir(), f"spoc-test-uploads-{os.getpid()}"),
        "IMPORT_JOBS_WAIT": True,  # an import's background job is over when its request answers (app/imports/jobs.py)
    }
    config.update(overrides)
    return config


test_config.__test__ = False  # type: ignore[attr-defined]  # not a test, despite the name


def organisation(code: str) -> Organisation:
    org = db.session.scalar(db.select(Organisation).where(Organisation.code == code))
    assert org is not None, f"unknown organisation {code}"
    return org


def instrument(code: str = "PRUM") -> LegalInstrument:
    return db.session.scalar(db.select(LegalInstrument).where(LegalInstrument.code == code))


def marking(name: str = "internal") -> Marking:
    """A handling marking by its name: "internal" (the default), "limite", "core_group" (restricted)."""
    found = db.session.scalar(db.select(Marking).where(Marking.name == name))
    assert found is not None, f"unknown marking {name}"
    return found


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def factory(
        role: str = "member", org: str = "IT", *, active: bool = True, email: str | None = None,
        name: str | None = None, password: bool = True, second_factor: bool | None = None,
    ) -> User:
        """Administrators and core-group members have a second factor unless ``second_factor=False``."""
        n = next(counter)
        if second_factor is None:
            second_factor = role in ("admin", "core-group")
        user = User(
            email=email or f"user{n}.{org.lower()}@example.org",
            name=name or f"Test User {n} ({org})",
            organisation=organisation(org),
            role=role,
            active=active,
            password_hash=_PASSWORD_HASH if password else None,
            totp_enabled_at=datetime.now(UTC) if second_factor else None,
        )
        if second_factor:
            store_secret(user, pyotp.random_base32())  # encrypted, as enrolment stores it
        db.session.add(user)
        db.session.commit()
        return user

    return factory


def in_french(client: FlaskClient) -> FlaskClient:
    """The client's user reads the intranet in French from now on (their saved language setting)."""
    client.user.language = "fr"  # type: ignore[attr-defined]
    db.session.commit()
    return client


def log_in(client: FlaskClient, user: User) -> FlaskClient:
    """Give the client a server-side session of ``user`` (the login form itself is tested in tests/auth)."""
    token = start_session(user)
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session[SESSION_KEY] = token
    return client


@pytest.fixture
def login_as(app: Flask, make_user: Callable[..., User]) -> Callable[..., FlaskClient]:
    """A new client logged in as a new user: ``login_as("member", "IT")``."""

    def factory(role: str = "member", org: str = "IT", **kwargs: Any) -> FlaskClient:
        client = app.test_client()
        client.user = make_user(role, org, **kwargs)  # type: ignore[attr-defined]
        return log_in(client, client.user)  # type: ignore[attr-defined]

    return factory


@pytest.fixture
def form_login():
    """Log in through the real form (and the second step, if the account has a second factor)."""

    def login(client, email, password, code=None):
        response = client.post("/login", data={"email": email, "password": password})
        if code is not None:
            response = client.post("/login/second-factor", data={"code": code})
        return response

    return login


COOKIE = "spoc_session"


def code_for(user: User, offset_steps: int = 0) -> str:
    """What the user's authenticator app shows now (or ``offset_steps`` steps away)."""
    return pyotp.TOTP(secret_of(user)).at(time.time() + 30 * offset_steps)


def copy_cookie(source, target) -> None:
    """Put ``source``'s session cookie into ``target``: a stolen or copied cookie."""
    cookie = source.get_cookie(COOKIE, domain="spoc.test")
    assert cookie is not None
    target.set_cookie(COOKIE, cookie.value, domain="spoc.test")


def reloaded_user(db, client) -> User:
    """The client's user as the database has it now."""
    return db.session.get(User, client.user.id)


def enrol_second_factor(client, db) -> list[str]:
    """Turn on the client's second factor through the settings page; returns the recovery codes."""
    assert client.post("/settings/second-factor/start", data={"start-password": PASSWORD}).status_code == 303
    user = reloaded_user(db, client)
    response = client.post("/settings/second-factor/confirm", data={"enrol-code": code_for(user)})
    assert response.status_code == 200, response.data
    return re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.get_data(as_text=True))


def two_browsers(app, make_user, form_login, **user_kwargs):
    """A user logged in through the form in one browser, and a second browser with a copy of its cookie."""
    user = make_user(email="giulia@example.org", **user_kwargs)
    browser = app.test_client()
    assert form_login(browser, "giulia@example.org", PASSWORD).status_code == 303
    thief = app.test_client()
    copy_cookie(browser, thief)
    assert thief.get("/").status_code == 200  # the copy works while the session lives
    return user, browser, thief


def new_feed_url(client) -> str:
    """Make the client's personal calendar feed on the settings page; returns its path."""
    response = client.post("/settings/calendar-feed", follow_redirects=True)
    page = response.data.decode()
    url = page.split('id="feed-url" readonly value="')[1].split('"')[0]
    return url.replace("http://spoc.test", "")


HTMX = {"HX-Request": "true"}


def is_fragment(response: Any) -> bool:
    return b"<html" not in response.data


# Obstacles --------------------------------------------------------------------------------------------------------

@pytest.fixture
def make_obstacle(app: Any) -> Callable[..., Obstacle]:
    """``make_obstacle(org="IT", status="reported", affected=["FR"], comments=2, ...)``, committed."""

    def factory(
        org: str = "IT", *, status: str = "reported", title: str = "Vehicle register not reachable at night",
        description: str = "Requests wait until morning.", kind: str = "technical", impact: str = "medium",
        instrument_code: str = "PRUM", counterparts: tuple[str, ...] = (), affected: tuple[str, ...] = (),
        comments: int = 0, marked: str = "internal",
    ) -> Obstacle:
        obstacle = Obstacle(
            title=title, description=description, kind=kind, impact=impact, instrument=instrument(instrument_code),
            reporting_org=organisation(org), status=status, marking=marking(marked),
            counterparts=[organisation(c) for c in counterparts],
        )
        db.session.add(obstacle)
        for code in affected:
            obstacle.affected.append(ObstacleAffected(organisation=organisation(code), note=f"Seen in {code}"))
        obstacle.affected_count = len(affected)
        for n in range(comments):
            obstacle.comments.append(ObstacleComment(body=f"Comment number {n}"))
        db.session.commit()
        return obstacle

    return factory


def obstacle_form(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Prüm hits answered too slowly",
        "description": "Follow-up requests after a **Prüm** hit take weeks.",
        "kind": "operational",
        "instrument_id": instrument("PRUM").id,
        "counterpart_ids": [organisation("DE").id, organisation("AT").id],
        "impact": "high",
    }
    data.update(changes)
    return data


# Best practices ---------------------------------------------------------------------------------------------------

@pytest.fixture
def make_practice(app: Any) -> Callable[..., BestPractice]:
    """``make_practice("IT", status="endorsed", adopted_by=("FR",), tags=("siena",))``, committed."""

    def factory(
        org: str = "IT", *, status: str = "submitted", title: str = "Night desk for urgent Prüm follow-ups",
        summary: str = "One officer answers urgent follow-up requests at night.", body: str = "## Context\n\nText.",
        topic: str = "operations_24_7", tags: tuple[str, ...] = (), adopted_by: tuple[str, ...] = (),
        instruments: tuple[str, ...] = ("PRUM",), comments: int = 0, marked: str = "internal",
    ) -> BestPractice:
        practice = BestPractice(
            title=title, summary=summary, body=body, topic=topic, country=organisation(org), status=status,
            marking=marking(marked),
            submitted_at=None if status == "draft" else datetime.now(UTC),
            endorsed_on=date(2026, 11, 1) if status == "endorsed" else None,
            endorsed_at_occasion="Heads of SPOC meeting" if status == "endorsed" else None,
            instruments=[instrument(code) for code in instruments],
        )
        for name in tags:
            practice.tags.append(db.session.scalar(db.select(Tag).where(Tag.name == name)) or Tag(name=name))
        for code in adopted_by:
            practice.adoptions.append(PracticeAdoption(organisation=organisation(code), note=f"Adopted in {code}"))
        practice.adoption_count = len(adopted_by)
        for n in range(comments):
            practice.comments.append(PracticeComment(body=f"Comment {n}"))
        db.session.add(practice)
        db.session.commit()
        return practice

    return factory


def practice_form(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Shared templates for SIENA requests",
        "summary": "Request templates cut the back-and-forth between SPOCs by half.",
        "body": "## Context\n\nToo many incomplete requests.\n\n## What was done\n\nTemplates.",
        "topic": "case_handling",
        "instrument_ids": [instrument("EUROPOL-SIENA").id],
        "tags": "SIENA, templates,  siena ",
        "obstacle_numbers": "",
        "save_draft": "Save as draft",
    }
    data.update(changes)
    return data


# Roster -----------------------------------------------------------------------------------------------------------

@pytest.fixture
def make_nomination(app: Any, make_user: Callable[..., Any]) -> Callable[..., Nomination]:
    counter = iter(range(1, 10_000))

    def factory(org: str = "IT", *, status: str = "submitted", name: str | None = None, email: str | None = None,
                areas: tuple[str, ...] = ("legal_framework",), languages: tuple[tuple[str, str], ...] = (("en", "C1"),),
                days: int | None = 20) -> Nomination:
        n = next(counter)
        nomination = Nomination(
            organisation=organisation(org), nominated_by_id=make_user("member", org).id,
            name=name or f"Nominee {n} ({org})", email=email or f"nominee{n}.{org.lower()}@example.org",
            position="Head of desk, National Police", expertise_areas=join_codes(list(areas)),
            days_per_year=days, unavailable_periods="August", motivation="Trains the SIRENE staff every year.",
            consent=True, consent_on=date(2026, 1, 15), status=status,
            languages=[NominationLanguage(language=lang, level=level) for lang, level in languages],
        )
        db.session.add(nomination)
        db.session.commit()
        return nomination

    return factory


@pytest.fixture
def make_expert(app: Any) -> Callable[..., Expert]:
    counter = iter(range(1, 10_000))

    def factory(org: str = "IT", *, name: str | None = None, areas: tuple[str, ...] = ("legal_framework",),
                languages: tuple[tuple[str, str], ...] = (("en", "C1"),), status: str = "active",
                review_by: date | None = None, days: int | None = 20, email: str | None = None) -> Expert:
        n = next(counter)
        expert = Expert(
            organisation=organisation(org), name=name or f"Expert {n} ({org})",
            email=email or f"expert{n}.{org.lower()}@example.org", position="Trainer, National Police",
            expertise_areas=join_codes(list(areas)), days_per_year=days, unavailable_periods="July",
            consent_on=date(2026, 1, 10), accepted_on=today() - timedelta(days=30),
            review_by=review_by or today() + timedelta(days=700), status=status,
            languages=[ExpertLanguage(language=lang, level=level) for lang, level in languages],
        )
        db.session.add(expert)
        db.session.commit()
        return expert

    return factory


@pytest.fixture
def make_training(app: Any) -> Callable[..., TrainingActivity]:
    def factory(title: str = "SIENA for SPOC operators", *, status: str = "proposed",
                areas: tuple[str, ...] = ("channels",), languages: tuple[str, ...] = ("en",),
                trainers: tuple[Expert, ...] = ()) -> TrainingActivity:
        training = TrainingActivity(
            title=title, aim="Operators use SIENA well.", target_audience="SPOC operators",
            starts_on=today() + timedelta(days=40), ends_on=today() + timedelta(days=42), online=False,
            place="Budapest", status=status, expertise_areas=join_codes(list(areas)),
            languages=join_codes(list(languages)),
            trainers=[TrainerProposal(expert=e, status="proposed") for e in trainers],
        )
        db.session.add(training)
        db.session.commit()
        return training

    return factory


def nomination_form(org="IT", **changes):
    data = {
        "organisation_id": str(organisation(org).id),
        "name": "Chiara Bianchi",
        "email": "Chiara.Bianchi@example.org",
        "position": "Head of the SIRENE desk, State Police",
        "expertise_areas": ["channels", "legal_framework"],
        "languages-0-language": "it", "languages-0-level": "native",
        "languages-1-language": "en", "languages-1-level": "C1",
        "days_per_year": "15",
        "unavailable_periods": "August",
        "motivation": "Has trained SIRENE operators for ten years.",
        "consent": "y",
        "consent_on": "2026-01-20",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


NOMINATION_REVIEW = {"score_expertise": "5", "score_training": "4", "score_languages": "4", "score_availability": "3",
                     "notes": "Strong candidate, ask about August."}


# Meetings ---------------------------------------------------------------------------------------------------------

FUTURE = datetime(2029, 11, 15, 10, 0)  # NL Presidency
PAST = datetime(2025, 5, 14, 10, 0)  # PL Presidency


def meeting_form(**changes: Any) -> dict[str, Any]:
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
        agenda: int = 0, invite: tuple[str, ...] = (), marked: str = "internal", **fields: Any,
    ) -> Meeting:
        starts_at = start.replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)
        fields.setdefault("marking", marking(marked))
        fields.setdefault("minutes_marking", fields["marking"])
        meeting = Meeting(
            title=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), timezone=timezone,
            place=place, status=status, presidency_term=convening_term(starts_at, timezone), **fields,
        )
        for n in range(1, agenda + 1):
            meeting.agenda_items.append(AgendaItem(position=n, title=f"Item {n}", duration_minutes=30))
        for code in invite:
            meeting.invitations.append(MeetingInvitation(organisation=organisation(code)))
        db.session.add(meeting)
        db.session.commit()
        return meeting

    return factory


@pytest.fixture
def convened(make_meeting) -> Meeting:
    """An upcoming meeting, convened: every Member State and Europol invited."""
    meeting = make_meeting(status="convened", title="Convened meeting")
    states = db.session.scalars(db.select(Organisation).where(Organisation.kind == "member_state"))
    for org in states:
        meeting.invitations.append(MeetingInvitation(organisation=org))
    meeting.invitations.append(MeetingInvitation(organisation=organisation("EUROPOL"), reason="SIENA expertise"))
    db.session.commit()
    return meeting


def answer(meeting: Meeting, code: str, value: str = "attending", delegates: int = 2) -> MeetingAnswer:
    invitation = next(i for i in meeting.invitations if i.organisation.code == code)
    result = MeetingAnswer(invitation=invitation, answer=value, delegates=delegates if value == "attending" else 0,
                           delegate_names="A. Delegate\nB. Delegate" if value == "attending" else "")
    db.session.add(result)
    db.session.commit()
    return result


def action(meeting: Meeting, owner: str = "IT", status: str = "open",
           text: str = "Share the SPOC manual") -> MeetingAction:
    result = MeetingAction(meeting=meeting, owner=organisation(owner), description=text, status=status)
    db.session.add(result)
    db.session.commit()
    return result


# Mail (the SMTP server itself is in tests/factories_mail.py) -----------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def queued(**filters: Any) -> list[Notification]:
    query = db.select(Notification).order_by(Notification.id)
    for name, value in filters.items():
        query = query.where(getattr(Notification, name) == value)
    return list(db.session.scalars(query))


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def attachments_of(message: EmailMessage) -> list[EmailMessage]:
    return list(message.iter_attachments())


# The security tests' world: every kind of record, built when a URL asks for it ------------------------------------

def _attachment(app, record_type: str, record_id: int, marked: str = "internal") -> int:
    stored = secrets.token_hex(16)
    folder = Path(app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored).write_bytes(b"Minutes of the meeting.\n")
    attachment = Attachment(record_type=record_type, record_id=record_id, filename="minutes.txt",
                            stored_name=stored, content_type="text/plain", size=24, marking=marking(marked))
    db.session.add(attachment)
    db.session.flush()
    return attachment.id


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


def _spare_marking() -> int:
    row = Marking(name="spare", label_en="Spare", label_fr="Réserve", position=99)
    db.session.add(row)
    db.session.flush()
    return row.id


def _import_job(status: str) -> int:
    """An uploaded file of one obstacle row of Italy's, its columns named in French (so that the page, which shows
    them, is all French to tests/i18n); ``checked``: its dry run found it clean."""
    header = ["Référence externe", "Titre", "Description", "Type", "Instrument ou canal", "Pays déclarant"]
    content = (",".join(header) + "\r\nW-1,An obstacle from a spreadsheet,Requests wait.,legal,PRUM,IT\r\n").encode()
    job = ImportJob(kind="obstacles", filename="world.csv", content=content, header=header,
                    mapping=["external_ref", "title", "description", "kind", "instrument_id", "reporting_org_id"],
                    status=status, total_rows=1 if status == "checked" else 0,
                    counts={"created": 1, "updated": 0, "unchanged": 0, "skipped": 0} if status == "checked" else {})
    db.session.add(job)
    db.session.flush()
    return job.id


def _free_year(questionnaire: str, year: int) -> int:
    """``year``, or the latest year before it without a round of ``questionnaire``."""
    taken = set(db.session.scalars(db.select(AssessmentRound.year)
                                   .where(AssessmentRound.questionnaire == questionnaire)))
    while year in taken:
        year -= 1
    return year


def _convened(w: World) -> Meeting:
    return db.session.get(Meeting, w["meeting"])


@pytest.fixture
def world(app, make_obstacle, make_practice, make_expert, make_nomination, make_training, make_meeting, make_call,
          make_application, make_budget_line, make_round, make_answer):
    """``world(member_user)``: a fresh, lazily built set of records (see :class:`World`)."""

    def meeting(status: str, start: datetime, **fields: Any) -> Meeting:
        return make_meeting(title=f"Meeting {status}", status=status, start=start, **fields)

    def held(w: World) -> int:
        return meeting("held", datetime(2025, 5, 14, 10), minutes="The network met and agreed actions.").id

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
        "meeting": lambda w: meeting("convened", datetime(2029, 11, 15, 10), invite=("IT", "EUROPOL"), agenda=2).id,
        "planned": lambda w: meeting("planned", datetime(2029, 12, 1, 10)).id,
        "held": held,
        "past_convened": lambda w: meeting("convened", datetime(2025, 6, 2, 10)).id,
        "action": action,
        "agenda_item": lambda w: _convened(w).agenda_items[0].id,
        "europol_invitation": lambda w: next(i.id for i in _convened(w).invitations
                                             if i.organisation.code == "EUROPOL"),
        "meeting_attachment": lambda w: _attachment(w.app, "meetings", w["meeting"]),
        # Under the restricted marking: the core group (DE) and administrators only.
        "restricted_obstacle": lambda w: make_obstacle("IT", title="Restricted obstacle", marked="core_group").id,
        "restricted_practice": lambda w: make_practice("IT", title="Restricted practice", marked="core_group").id,
        "restricted_meeting": lambda w: meeting("convened", datetime(2029, 12, 3, 10), marked="core_group").id,
        "restricted_attachment": lambda w: _attachment(w.app, "meetings", w["meeting"], "core_group"),
        "marking": lambda w: marking("limite").id,
        "spare_marking": lambda w: _spare_marking(),
        "import_job": lambda w: _import_job("uploaded"),
        "checked_import_job": lambda w: _import_job("checked"),
        # Funding: a call open for 45 days, one closed last month; applications led by IT in three states.
        "source": lambda w: db.session.scalar(db.select(FundingSource.id).order_by(FundingSource.id).limit(1)),
        "call": lambda w: make_call().id,
        "archived_call": lambda w: make_call("Closed call", closes_on=today() - timedelta(days=30)).id,
        "application": lambda w: make_application().id,
        "drafting_application": lambda w: make_application(status="drafting").id,
        "submitted_application": lambda w: make_application(status="submitted").id,
        "application_attachment": lambda w: _attachment(w.app, "funding_applications", w["application"]),
        "meeting_budget_line": lambda w: make_budget_line(_convened(w)).id,
        "training_budget_line": lambda w: make_budget_line(db.session.get(TrainingActivity, w["training"])).id,
        # Assessments: an open cooperation round with IT's draft (rating FR), a closed round, a submitted answer.
        # A world built again after a POST (tests/security) takes the next free year: one round per year.
        "round": lambda w: make_round(year=_free_year("cooperation", today().year - 1)).id,
        "closed_round": lambda w: make_round(year=_free_year("cooperation", today().year - 2), status="closed").id,
        "needs_round": lambda w: make_round("training_needs", year=_free_year("training_needs", today().year - 1)).id,
        "answer": lambda w: make_answer(db.session.get(AssessmentRound, w["round"]), "IT", {"FR": {}}).id,
        "submitted_answer": lambda w: make_answer(db.session.get(AssessmentRound, w["needs_round"]), "IT",
                                                  {"channels": {}}, status="submitted").id,
        # A closed training-needs round with IT's submitted needs (its results are shown).
        "closed_needs_round": lambda w: make_answer(
            make_round("training_needs", year=today().year - 2, status="closed"), "IT", {"channels": {}},
            status="submitted").round_id,
    }
    return lambda member: World(app, member, builders)
