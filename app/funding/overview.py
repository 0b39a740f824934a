"""The funding figures: spend per half-year and payer, open calls, applications by state, awards in a period.

Every figure is a SQL aggregate over the records, read in a fixed number of queries whatever their number (one per
kind of activity, one for the sources, one per table): the overview page, its exports and the Council report all
read them here, so they cannot disagree. Amounts are sums of integer cents; nothing is ever a float.

How a line is counted (the page and the report say it beside the figures):
- it belongs to the period that contains its activity's date: a meeting's start, as a date in UTC, or a training's
  first day;
- its payer is its own source, else the source its application asks (the call's, or the application's own); a
  line with neither is "not yet funded";
- planned spend leaves out the lines of cancelled activities (they will not be spent); actual spend is the sum of
  the actual amounts recorded, a cancelled activity's included (what it cost before it was called off);
- lines of meetings under a marking the reader may not read are left out, as the meetings are.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_

from app.core.markings import visible_markings_filter
from app.core.timezones import today
from app.extensions import db
from app.funding.models import APPLICATION_STATES, BudgetLine, FundingApplication, FundingCall, FundingSource
from app.funding.money import share
from app.meetings.models import Meeting
from app.network.models import Organisation, PresidencyTerm
from app.roster.models import TrainingActivity

# Terms shown before the chosen one and after it: the chosen term, the four before it and the next one.
TERMS_BEFORE = 4
TERMS_AFTER = 1


@dataclass(frozen=True)
class Period:
    """A stretch of days the figures are counted for: a Presidency term, or a report's period."""

    key: Any
    starts_on: date
    ends_on: date  # inclusive


@dataclass
class SourceSpend:
    """What one payer pays in a period (``source`` None: not yet funded)."""

    source: FundingSource | None
    planned: int = 0
    actual: int = 0


@dataclass
class PeriodSpend:
    period: Period
    rows: list[SourceSpend] = field(default_factory=list)

    @property
    def planned(self) -> int:
        return sum(r.planned for r in self.rows)

    @property
    def actual(self) -> int:
        return sum(r.actual for r in self.rows)

    def planned_share(self, row: SourceSpend) -> Any:
        return share(row.planned, self.planned)

    def actual_share(self, row: SourceSpend) -> Any:
        return share(row.actual, self.actual)


def _instant(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _payer() -> Any:
    """The line's payer as SQL: its source, else its application's call's source, else the application's own."""
    return func.coalesce(BudgetLine.source_id, FundingCall.source_id, FundingApplication.source_id)


def _lines(activity: Any, bucket: Any, in_periods: Any, *conditions: Any) -> Any:
    """Per period and payer, the planned (cancelled activities left out) and actual cents of one kind of activity.
    The period is worked out in a subquery first, so that the outer query groups by plain columns."""
    planned = case((activity.status == "cancelled", 0), else_=BudgetLine.planned_cents)
    owner = BudgetLine.meeting_id if activity is Meeting else BudgetLine.training_id
    lines = (db.select(bucket.label("bucket"), _payer().label("payer"), planned.label("planned"),
                       BudgetLine.actual_cents.label("actual"))
             .select_from(BudgetLine).join(activity, owner == activity.id)
             .outerjoin(FundingApplication, BudgetLine.application_id == FundingApplication.id)
             .outerjoin(FundingCall, FundingApplication.call_id == FundingCall.id)
             .where(in_periods, *conditions).subquery())
    return db.session.execute(
        db.select(lines.c.bucket, lines.c.payer, func.sum(lines.c.planned), func.sum(lines.c.actual))
        .group_by(lines.c.bucket, lines.c.payer)).all()


def _sources() -> list[FundingSource]:
    return list(db.session.scalars(db.select(FundingSource).order_by(FundingSource.position, FundingSource.id)))


def spend(periods: Sequence[Period], reader: Any) -> list[PeriodSpend]:
    """Planned and actual spend per period and payer, in three queries (meetings, trainings, sources). Payers are
    in the sources' order, "not yet funded" last; a payer with nothing planned nor spent in a period is left out."""
    if not periods:
        return []
    meeting_ranges = [and_(Meeting.starts_at >= _instant(p.starts_on),
                           Meeting.starts_at < _instant(p.ends_on + timedelta(days=1))) for p in periods]
    training_ranges = [TrainingActivity.starts_on.between(p.starts_on, p.ends_on) for p in periods]
    rows = [
        *_lines(Meeting, case(*((r, n) for n, r in enumerate(meeting_ranges))), or_(*meeting_ranges),
                visible_markings_filter(reader, Meeting.marking_id)),
        *_lines(TrainingActivity, case(*((r, n) for n, r in enumerate(training_ranges))), or_(*training_ranges)),
    ]
    sums: dict[tuple[int, int | None], list[int]] = {}
    for bucket, payer, planned, actual in rows:
        total = sums.setdefault((bucket, payer), [0, 0])
        total[0] += int(planned or 0)  # PostgreSQL sums a BIGINT as NUMERIC (a Decimal): back to whole cents
        total[1] += int(actual or 0)
    payers: list[FundingSource | None] = [*_sources(), None]
    result = []
    for n, period in enumerate(periods):
        lines = [SourceSpend(s, *sums[(n, s.id if s else None)]) for s in payers if (n, s.id if s else None) in sums]
        result.append(PeriodSpend(period, [line for line in lines if line.planned or line.actual]))
    return result


def term_period(term: PresidencyTerm) -> Period:
    return Period(term, term.starts_on, term.ends_on)


def chosen_terms(term_id: int | None) -> tuple[PresidencyTerm | None, list[PresidencyTerm], list[PresidencyTerm]]:
    """The chosen term (today's by default; None for an unknown id), the terms shown with it (the four before it
    and the next one, oldest first) and the terms the selector offers (newest first): from the first term with a
    budget line to the last one, and the window around today. Three queries."""
    terms = list(db.session.scalars(db.select(PresidencyTerm).order_by(PresidencyTerm.starts_on)))
    now = today()
    if term_id is None:
        chosen = next((t for t in terms if t.starts_on <= now <= t.ends_on), None)
        chosen = chosen or next((t for t in reversed(terms) if t.starts_on <= now), terms[0] if terms else None)
    else:
        chosen = next((t for t in terms if t.id == term_id), None)
        if chosen is None:
            return None, [], []
    if chosen is None:
        return None, [], []
    where = terms.index(chosen)
    shown = terms[max(0, where - TERMS_BEFORE):where + TERMS_AFTER + 1]
    first, last = _line_dates()
    current = next((n for n, t in enumerate(terms) if t.starts_on <= now <= t.ends_on), where)
    around = terms[max(0, current - TERMS_BEFORE):current + TERMS_AFTER + 1]
    with_lines = [t for t in terms if first and last and t.ends_on >= first and t.starts_on <= last]
    offered = sorted({t.id: t for t in [*with_lines, *around, chosen]}.values(), key=lambda t: t.starts_on,
                     reverse=True)
    return chosen, shown, offered


def _line_dates() -> tuple[date | None, date | None]:
    """The first and last activity dates that carry a budget line (two queries)."""
    meetings = db.session.execute(
        db.select(func.min(Meeting.starts_at), func.max(Meeting.starts_at)).join(BudgetLine,
                                                                                 BudgetLine.meeting_id == Meeting.id)
    ).one()
    trainings = db.session.execute(
        db.select(func.min(TrainingActivity.starts_on), func.max(TrainingActivity.starts_on))
        .join(BudgetLine, BudgetLine.training_id == TrainingActivity.id)).one()
    days = [d.date() if isinstance(d, datetime) else d for d in (*meetings, *trainings) if d is not None]
    return (min(days), max(days)) if days else (None, None)


@dataclass
class StateCount:
    state: str
    label: str
    count: int = 0
    requested: int = 0
    awarded: int = 0


def applications_by_state() -> list[StateCount]:
    """Every state of the workflow in order, with its number of applications and their amounts (one query)."""
    rows = db.session.execute(
        db.select(FundingApplication.status, func.count(FundingApplication.id),
                  func.sum(FundingApplication.amount_requested_cents),
                  func.sum(FundingApplication.amount_awarded_cents))
        .group_by(FundingApplication.status)).all()
    found = {status: (count, int(requested or 0), int(awarded or 0)) for status, count, requested, awarded in rows}
    return [StateCount(state, str(label), *found.get(state, (0, 0, 0))) for state, label in APPLICATION_STATES.items()]


@dataclass
class OpenCall:
    call: FundingCall
    days_left: int


def open_calls() -> list[OpenCall]:
    """Calls open today (opened, and not closed: a call is open to the end of its closing day), soonest closing
    first (one query)."""
    now = today()
    calls = db.session.scalars(
        db.select(FundingCall)
        .where(FundingCall.closes_on >= now, or_(FundingCall.opens_on.is_(None), FundingCall.opens_on <= now))
        .order_by(FundingCall.closes_on, FundingCall.id))
    return [OpenCall(call, (call.closes_on - now).days) for call in calls]


@dataclass
class Award:
    decided_on: date
    title: str
    lead: str
    funder: FundingSource | None
    awarded: int


def awards(starts_on: date, ends_on: date) -> list[Award]:
    """Applications awarded with a decision in the period (both days included), oldest first (one query)."""
    funder_id = func.coalesce(FundingCall.source_id, FundingApplication.source_id)
    rows = db.session.execute(
        db.select(FundingApplication.decided_on, FundingApplication.title, Organisation.name, FundingSource,
                  FundingApplication.amount_awarded_cents)
        .join(Organisation, FundingApplication.lead_id == Organisation.id)
        .outerjoin(FundingCall, FundingApplication.call_id == FundingCall.id)
        .outerjoin(FundingSource, FundingSource.id == funder_id)
        .where(FundingApplication.status == "awarded", FundingApplication.decided_on >= starts_on,
               FundingApplication.decided_on <= ends_on)
        .order_by(FundingApplication.decided_on, FundingApplication.id)).all()
    return [Award(day, title, lead, funder, int(amount or 0)) for day, title, lead, funder, amount in rows]
