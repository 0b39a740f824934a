"""The activity report: every figure is counted from the records, once, and the HTML page, the Word
document and the CSV tables all render the same :class:`Report`, so they cannot disagree. Its titles and labels
are in the language of the request (``_``), built afresh for each one."""

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import selectinload

from app.core.i18n import _, pgettext
from app.core.markings import visible_markings_filter
from app.core.models import AuditEvent
from app.core.timezones import today
from app.extensions import db
from app.meetings.cadence import meetings_per_year
from app.meetings.models import Meeting, MeetingInvitation
from app.meetings.permissions import AFTER_THE_MEETING
from app.meetings.workflow import MEETING_WORKFLOW
from app.network.models import PresidencyTerm
from app.network.services import current_presidency, presidency_on
from app.obstacles.models import Obstacle
from app.obstacles.workflow import STATES as OBSTACLE_STATES
from app.practices.models import BestPractice, PracticeAdoption
from app.reports.assessment_section import assessment_section
from app.reports.contents import Report, Section, Table
from app.reports.factsheet_section import fact_sheet_section
from app.reports.funding_section import funding_section
from app.roster.models import Expert, Nomination, TrainingActivity

MAX_YEARS = 5


def default_period() -> tuple[date, date, str]:
    """The current Presidency half-year, or the current calendar half-year if none is recorded."""
    term = current_presidency()
    if term is not None:
        return term.starts_on, term.ends_on, _("the %(term)s Presidency", term=term.label)
    now = today()
    if now.month <= 6:
        return date(now.year, 1, 1), date(now.year, 6, 30), _("the first half of %(year)s", year=now.year)
    return date(now.year, 7, 1), date(now.year, 12, 31), _("the second half of %(year)s", year=now.year)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def period_problem(starts_on: date | None, ends_on: date | None) -> str | None:
    if starts_on is None or ends_on is None:
        return None
    if ends_on < starts_on:
        return _("The period ends before it starts: choose a last day on or after the first day.")
    if ends_on >= _add_years(starts_on, MAX_YEARS):
        return _("A report covers at most %(years)s years; choose a shorter period.", years=MAX_YEARS)
    return None


def _bounds(starts_on: date, ends_on: date) -> tuple[datetime, datetime]:
    """The period as UTC instants: from the first day's start to the day after the last day."""
    return (datetime.combine(starts_on, time(), UTC), datetime.combine(ends_on + timedelta(days=1), time(), UTC))


def _transitions(record_type: str, start: datetime, end: datetime, readable: Any = None) -> Counter[str]:
    """Workflow steps into each state, of the records in ``readable`` (a query of ids) if given."""
    rows = db.session.execute(
        db.select(AuditEvent.to_state, db.func.count(AuditEvent.id))
        .where(AuditEvent.record_type == record_type,
               AuditEvent.record_id.in_(readable) if readable is not None else db.true(),
               AuditEvent.from_state.is_not(None),
               AuditEvent.to_state.is_not(None), AuditEvent.created_at >= start, AuditEvent.created_at < end)
        .group_by(AuditEvent.to_state)).all()
    return Counter(dict(rows))


def _count(model: Any, *conditions: Any) -> int:
    return db.session.scalar(db.select(db.func.count(model.id)).where(*conditions)) or 0


def meetings_section(start: datetime, end: datetime, reader: Any) -> Section:
    meetings = db.session.scalars(
        db.select(Meeting).where(Meeting.starts_at >= start, Meeting.starts_at < end,
                                 visible_markings_filter(reader, Meeting.marking_id))
        .options(selectinload(Meeting.invitations).selectinload(MeetingInvitation.answer))
        .order_by(Meeting.starts_at)).all()
    held = [m for m in meetings if m.status in AFTER_THE_MEETING]
    attendance: dict[str, int] = defaultdict(int)
    delegates: dict[str, int] = defaultdict(int)
    rows = []
    for meeting in held:
        attending = [i for i in meeting.invitations if i.answer is not None and i.answer.answer == "attending"]
        for invitation in attending:
            attendance[invitation.organisation.name] += 1
            delegates[invitation.organisation.name] += invitation.answer.delegates
        rows.append([meeting.local_start.date().isoformat(), meeting.title, meeting.place or _("online"),
                     len(attending), sum(i.answer.delegates for i in attending), meeting.marking.label])
    per_country = [[name, attendance[name], delegates[name]] for name in sorted(attendance)]
    return Section(_("Meetings"), [
        (_("Meetings held"), len(held)),
        (_("Meetings scheduled (planned or convened)"),
         sum(m.status in MEETING_WORKFLOW.open_states for m in meetings)),
        (_("Meetings cancelled"), sum(m.status == "cancelled" for m in meetings)),
        (_("Organisations attending at least one meeting"), len(attendance)),
    ], [
        Table(_("Meetings held"),
              [_("Date"), _("Meeting"), _("Place"), _("Organisations attending"), _("Delegates"), _("Marking")], rows),
        Table(_("Attendance per country and agency"), [_("Organisation"), _("Meetings attended"), _("Delegates")],
              per_country),
    ], [m.marking for m in held])


def obstacles_section(start: datetime, end: datetime, reader: Any) -> Section:
    readable = visible_markings_filter(reader, Obstacle.marking_id)
    moves = _transitions("obstacles", start, end, db.select(Obstacle.id).where(readable))
    reported = db.session.scalars(
        db.select(Obstacle).where(Obstacle.created_at >= start, Obstacle.created_at < end, readable)
        .order_by(Obstacle.created_at)).all()
    by_kind = Counter(o.kind_label for o in reported)
    return Section(_("Obstacles"), [
        (_("Obstacles reported"), len(reported)),
        (_("Obstacles moved along (workflow steps)"), sum(moves.values())),
        (pgettext("report", "Put under discussion"), moves["under_discussion"]),
        (_("Actions agreed"), moves["action_agreed"]),
        (_("Obstacles resolved"), moves["resolved"]),
        (_("Obstacles closed"), moves["closed"]),
    ], [
        Table(_("Obstacles reported"),
              [_("Reported on"), _("Obstacle"), _("Reporting country"), _("Kind"), _("Status now"), _("Marking")],
              [[o.created_at.date().isoformat(), o.title, o.reporting_org.name, o.kind_label,
                OBSTACLE_STATES[o.status], o.marking.label] for o in reported]),
        Table(_("Obstacles reported by kind"), [_("Kind"), _("Reported")], sorted(map(list, by_kind.items()))),
    ], [o.marking for o in reported])


def practices_section(start: datetime, end: datetime, starts_on: date, ends_on: date, reader: Any) -> Section:
    readable = visible_markings_filter(reader, BestPractice.marking_id)
    endorsed = db.session.scalars(
        db.select(BestPractice).where(BestPractice.endorsed_on >= starts_on, BestPractice.endorsed_on <= ends_on,
                                      readable)
        .order_by(BestPractice.endorsed_on)).all()
    adoptions = db.session.scalars(
        db.select(PracticeAdoption).options(selectinload(PracticeAdoption.practice))
        .where(PracticeAdoption.created_at >= start, PracticeAdoption.created_at < end,
               PracticeAdoption.practice.has(readable))
        .order_by(PracticeAdoption.created_at)).all()
    return Section(_("Best practices"), [
        (_("Practices submitted"),
         _count(BestPractice, BestPractice.submitted_at >= start, BestPractice.submitted_at < end, readable)),
        (_("Practices endorsed"), len(endorsed)),
        (_("Adoptions recorded"), len(adoptions)),
    ], [
        Table(_("Practices endorsed"), [_("Endorsed on"), _("Practice"), _("Country"), _("Occasion"), _("Marking")],
              [[p.endorsed_on.isoformat(), p.title, p.country.name, p.endorsed_at_occasion or "", p.marking.label]
               for p in endorsed]),
        Table(_("Adoptions"), [_("Recorded on"), _("Practice"), _("Adopted by")],
              [[a.created_at.date().isoformat(), a.practice.title, a.organisation.name] for a in adoptions]),
    ], [p.marking for p in endorsed] + [a.practice.marking for a in adoptions])


def roster_section(start: datetime, end: datetime, starts_on: date, ends_on: date) -> Section:
    decisions = _transitions("nominations", start, end)
    trainings = db.session.scalars(
        db.select(TrainingActivity).options(selectinload(TrainingActivity.participants))
        .where(TrainingActivity.starts_on <= ends_on, TrainingActivity.ends_on >= starts_on)
        .order_by(TrainingActivity.starts_on)).all()
    delivered = [t for t in trainings if t.status == "delivered"]
    return Section(_("Training experts and trainings"), [
        (_("Nominations received"), _count(Nomination, Nomination.created_at >= start, Nomination.created_at < end)),
        (_("Nominations accepted"), decisions["accepted"]),
        (_("Nominations declined"), decisions["declined"]),
        (_("Experts added to the roster"),
         _count(Expert, Expert.accepted_on >= starts_on, Expert.accepted_on <= ends_on)),
        (_("Trainings planned in the period"), sum(t.status == "planned" for t in trainings)),
        (_("Trainings delivered"), len(delivered)),
        (_("Participants in delivered trainings"), sum(p.participants for t in delivered for p in t.participants)),
    ], [
        Table(_("Trainings"), [_("From"), _("To"), _("Training"), _("Status"), _("Participants")],
              [[t.starts_on.isoformat(), t.ends_on.isoformat(), t.title, t.status_label,
                sum(p.participants for p in t.participants)] for t in trainings]),
    ])


def twice_a_year_section(starts_on: date, ends_on: date, reader: Any) -> Section:
    years = [y for y in meetings_per_year(max(ends_on, today()), reader=reader)
             if starts_on.year <= y.year <= ends_on.year]
    years.sort(key=lambda y: y.year)
    short = [y.year for y in years if y.short]
    return Section(_("Meeting at least twice a year"), [
        (_("Years in the period with fewer than two meetings held or scheduled"), len(short)),
    ], [
        Table(_("Meetings per year"), [_("Year"), _("Held"), _("Scheduled"), _("Rule")],
              [[y.year, y.held, y.scheduled, _("Fewer than two meetings") if y.short else _("Met")] for y in years]),
    ])


def build_report(starts_on: date, ends_on: date, label: str | None = None, *, reader: Any) -> Report:
    """The report as ``reader`` may read it: records under a restricted marking count only for the core group
    and administrators."""
    start, end = _bounds(starts_on, ends_on)
    term = presidency_on(starts_on)
    if label is None:
        whole_term = term is not None and (term.starts_on, term.ends_on) == (starts_on, ends_on)
        label = (_("the %(term)s Presidency", term=term.label) if whole_term and term
                 else _("%(start)s to %(end)s", start=starts_on.isoformat(), end=ends_on.isoformat()))
    return Report(starts_on, ends_on, label, [
        meetings_section(start, end, reader),
        obstacles_section(start, end, reader),
        practices_section(start, end, starts_on, ends_on, reader),
        roster_section(start, end, starts_on, ends_on),
        twice_a_year_section(starts_on, ends_on, reader),
        funding_section(starts_on, ends_on, reader),
        assessment_section(ends_on, end),
        fact_sheet_section(end),
    ])


def report_terms() -> list[PresidencyTerm]:
    """Presidency terms up to today, newest first, as quick choices of period."""
    return list(db.session.scalars(
        db.select(PresidencyTerm).where(PresidencyTerm.starts_on <= today())
        .order_by(PresidencyTerm.starts_on.desc()).limit(8)))

