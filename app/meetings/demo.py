"""Invented demo meetings: past ones with minutes and actions, an upcoming one with answers."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.core import audit
from app.core.markings import marking_named
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting, MeetingAction, MeetingAnswer, MeetingInvitation
from app.meetings.services import convening_term
from app.network.models import Organisation, User
from app.obstacles.models import Obstacle
from app.practices.models import BestPractice

MINUTES = """## Attendance
{count} Member States and {agencies} were represented.

## Conclusions
1. The network **endorses** the checklist for incoming requests.
2. The Presidency circulates the updated contact list within a month.

## Next meeting
Hosted by the next Presidency; date to be announced.
"""

AGENDA = [
    ("Opening and adoption of the agenda", None, 15),
    ("Tour de table: developments in the SPOCs", None, 60),
    ("Information exchange through SIENA: recent figures", "EUROPOL", 30),
    ("Training needs of SPOC staff", "CEPOL", 45),
    ("Obstacle: registers not reachable at night, and the night-desk practice", "IT", 30),
    ("Any other business", None, 15),
]


def _meeting(orgs: dict[str, Organisation], title: str, local: datetime, tz: str, hours: float, place: str,
             status: str, author: User, description: str) -> Meeting:
    starts_at = local.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)
    meeting = Meeting(title=title, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours), timezone=tz,
                      place=place, status=status, presidency_term=convening_term(starts_at, tz),
                      created_by=author, description=description)
    obstacle = db.session.scalar(db.select(Obstacle).where(Obstacle.title.like("Vehicle registration data%")))
    practice = db.session.scalar(db.select(BestPractice).where(BestPractice.title.like("Night desk%")))
    for n, (item, presenter, minutes) in enumerate(AGENDA, start=1):
        linked = item.startswith("Obstacle:")
        meeting.agenda_items.append(AgendaItem(
            position=n, title=item, duration_minutes=minutes, presenter=orgs[presenter] if presenter else None,
            obstacle=obstacle if linked else None, practice=practice if linked else None))
    db.session.add(meeting)
    db.session.flush()
    audit.record(author, meeting, "create", to_state=status)
    return meeting


def _invite_all(orgs: dict[str, Organisation], meeting: Meeting, agencies: dict[str, str]) -> None:
    for org in orgs.values():
        if org.kind == "member_state":
            meeting.invitations.append(MeetingInvitation(organisation=org))
    for code, reason in agencies.items():
        meeting.invitations.append(MeetingInvitation(organisation=orgs[code], reason=reason))


def _answer(meeting: Meeting, code: str, answer: str, user: User | None, names: str = "") -> None:
    invitation = next(i for i in meeting.invitations if i.organisation.code == code)
    delegates = len(names.splitlines()) if answer == "attending" else 0
    invitation.answer = MeetingAnswer(answer=answer, delegates=delegates, delegate_names=names,
                                      answered_by_id=user.id if user else None)


def load_demo(users: dict[str, User], organisations: dict[str, Organisation]) -> None:
    orgs = organisations
    admin = users["admin@example.org"]
    agencies = {"EUROPOL": "SIENA figures and the Europol National Units' workflows.",
                "CEPOL": "Training needs of SPOC staff."}

    warsaw = _meeting(
        orgs, "Spring meeting of the Heads of SPOC", datetime(2025, 5, 20, 9, 30), "Europe/Warsaw", 7.5,
        "Warsaw, national police headquarters", "minutes_published", admin,
        "First meeting of the network under the Polish Presidency.")
    _invite_all(orgs, warsaw, agencies)
    warsaw.minutes = MINUTES.format(count=24, agencies="Europol and CEPOL")
    warsaw.minutes_published_at = datetime(2025, 6, 3, 12, tzinfo=UTC)
    warsaw.actions.extend([
        MeetingAction(description="Circulate the updated SPOC contact list.", owner=organisations["PL"],
                      due_on=date(2025, 6, 30), status="done"),
        MeetingAction(description="Draft a checklist for urgent requests received outside office hours.",
                      owner=organisations["IT"], due_on=date(2025, 12, 31)),
    ])

    copenhagen = _meeting(
        orgs, "Autumn meeting of the Heads of SPOC", datetime(2025, 11, 18, 9, 0), "Europe/Copenhagen",
        8, "Copenhagen, conference centre", "minutes_published", admin,
        "Information exchange with the agencies.")
    _invite_all(orgs, copenhagen, {"EUROPOL": agencies["EUROPOL"], "FRONTEX": "Border-related requests."})
    copenhagen.minutes = MINUTES.format(count=25, agencies="Europol and Frontex")
    copenhagen.minutes_published_at = datetime(2025, 12, 2, 12, tzinfo=UTC)
    copenhagen.actions.append(MeetingAction(
        description="Present SIENA response-time figures per Member State.", owner=organisations["EUROPOL"],
        due_on=date(2026, 4, 30)))

    nicosia = _meeting(
        orgs, "Spring meeting of the Heads of SPOC", datetime(2026, 4, 22, 9, 0), "Asia/Nicosia", 7,
        "Nicosia, ministry of justice and public order", "minutes_published", admin,
        "Hybrid meeting; remote participation possible.")
    nicosia.online_url = "https://video.example.org/spoc-nicosia"
    _invite_all(orgs, nicosia, agencies)
    nicosia.minutes = MINUTES.format(count=23, agencies="Europol and CEPOL")
    nicosia.minutes_published_at = datetime(2026, 5, 8, 12, tzinfo=UTC)
    nicosia.actions.append(MeetingAction(
        description="Propose two trainers for the CEPOL course on SPOC case handling.",
        owner=organisations["DE"], due_on=date(2026, 9, 30)))

    # Past meetings: every Member State but a few answered, most attending with one or two delegates.
    for n, meeting in enumerate((warsaw, copenhagen, nicosia)):
        for k, invitation in enumerate(sorted(meeting.invitations, key=lambda i: i.organisation.code)):
            if (k + n) % 9 == 4:
                continue  # no answer
            attending = (k + n) % 7 != 3
            invitation.answer = MeetingAnswer(answer="attending" if attending else "not_attending",
                                              delegates=1 + (k + n) % 2 if attending else 0)

    dublin = _meeting(
        orgs, "Winter meeting of the Heads of SPOC", datetime(2026, 12, 9, 9, 30), "Europe/Dublin", 7.5,
        "Dublin Castle, conference centre", "convened", users["head.ie@example.org"],
        "Under the Irish Presidency. Lunch is offered by the Presidency.")
    _invite_all(orgs, dublin, {**agencies, "INTERPOL": "I-24/7 and notices in the SPOCs' daily work."})
    _answer(dublin, "IE", "attending", users["head.ie@example.org"], "Aoife Brennan\nCian Walsh")
    _answer(dublin, "IT", "attending", users["head.it@example.org"], "Giulia Conti")
    _answer(dublin, "DE", "attending", users["head.de@example.org"], "Jonas Keller\nA. Colleague")
    _answer(dublin, "FR", "tentative", users["head.fr@example.org"])
    _answer(dublin, "ES", "not_attending", users["head.es@example.org"])
    _answer(dublin, "EUROPOL", "attending", users["liaison.europol@example.org"], "Pieter de Vries")
    # The Copenhagen minutes name national cases: LIMITE, as the Council marks such notes.
    copenhagen.minutes_marking = marking_named("limite")
