"""The twice-a-year rule: how many meetings each year held or has scheduled."""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from app.core.limits import in_zone
from app.core.markings import markings_stamp, may_read_restricted, visible_markings_filter
from app.core.timezones import today
from app.extensions import db
from app.meetings.models import Meeting
from app.meetings.permissions import AFTER_THE_MEETING
from app.meetings.workflow import MEETING_WORKFLOW

SCHEDULED = MEETING_WORKFLOW.open_states  # planned or convened
HELD = AFTER_THE_MEETING  # held or minutes published
COUNTED = SCHEDULED | HELD  # cancelled meetings do not count


@dataclass(frozen=True)
class YearCount:
    year: int
    held: int
    scheduled: int

    @property
    def total(self) -> int:
        return self.held + self.scheduled

    @property
    def short(self) -> bool:
        """Fewer than the two meetings a year the network "shall" hold."""
        return self.total < 2


_PER_YEAR: dict[tuple, list[YearCount]] = {}  # per process, by database, year and the stamp below


def meetings_per_year(until: date | None = None, *, reader: Any = None) -> list[YearCount]:
    """For the current year and each past year (from the first meeting on), meetings held or scheduled.

    Held means held or minutes published; scheduled means planned or convened. Cancelled meetings do not
    count, nor, for a ``reader`` outside the core group, meetings under a restricted marking (no reader: all
    count). Newest year first; one small query while no meeting changed, two after a change.
    """
    current = (until or today()).year
    everything = reader is None or may_read_restricted(reader)
    counted = Meeting.status.in_(COUNTED)
    if not everything:
        counted = counted & visible_markings_filter(reader, Meeting.marking_id)
    # What changes whenever the answer could: how many meetings are in each kind, the last edit and the sum
    # of iCalendar sequences (a moved meeting bumps both). One small aggregate instead of reading every
    # meeting and converting it to its zone (which grows with the network's age) while nothing changed.
    scheduled_filter = Meeting.status.in_(SCHEDULED)
    stamp = tuple(db.session.execute(db.select(
        db.func.count(Meeting.id).filter(scheduled_filter),
        db.func.count(Meeting.id).filter(Meeting.status.in_(HELD)),
        db.func.max(Meeting.updated_at), db.func.coalesce(db.func.sum(Meeting.sequence), 0),
    ).where(counted)).one())
    key = (db.engine.url.render_as_string(), current, everything, stamp, everything or markings_stamp())
    cached = _PER_YEAR.get(key)
    if cached is not None:
        return list(cached)
    rows = db.session.execute(
        db.select(Meeting.starts_at, Meeting.timezone, Meeting.status).where(counted)
    ).all()
    held: Counter[int] = Counter()
    scheduled: Counter[int] = Counter()
    for starts_at, tz, status in rows:
        year = in_zone(starts_at, ZoneInfo(tz)).year
        (scheduled if status in SCHEDULED else held)[year] += 1
    first = min([current, *held.keys(), *scheduled.keys()])
    result = [YearCount(y, held[y], scheduled[y]) for y in range(current, first - 1, -1)]
    if len(_PER_YEAR) > 16:
        _PER_YEAR.clear()
    _PER_YEAR[key] = result
    return list(result)
