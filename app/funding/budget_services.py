"""The budget of ONE meeting or training activity: its lines, planned against actual, and who pays what share.

Every figure is a sum of integer cents, so ten lines of 0.10 make exactly 1.00; the percentages are worked out
from integers too, in tenths of a percent, and always add up to exactly 100.0 (the largest remainders get the
rounding). The overview of the whole network sums in SQL on its own; this module answers for one activity's page.
Every change is audited on the activity, so it shows in the meeting's or the training's history.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.numbers import format_percent
from flask import g, has_request_context

from app.core import audit
from app.core.i18n import _l, current_language
from app.extensions import db
from app.funding.models import APPLICATION_STATES, BudgetLine, FundingApplication, FundingSource
from app.meetings.models import Meeting
from app.roster.models import TrainingActivity

# An application that can no longer pay anything is not offered as a payer.
CLOSED_APPLICATION = frozenset({"rejected", "withdrawn"})

audit.describe(fields={"application": _l("funding application")})


@dataclass(frozen=True)
class Share:
    """What one payer covers (``payer`` None: the lines nobody pays yet), and its part of the activity's total."""

    payer: FundingSource | None
    cents: int
    tenths: int  # of a percent: 333 is 33.3 %

    @property
    def percent(self) -> Decimal:
        return Decimal(self.tenths) / 10

    @property
    def percent_label(self) -> str:
        """"33.3%" in English, "33,3 %" in French (Babel, the reader's language), always with one decimal."""
        locale = Locale.parse(current_language())
        pattern = locale.percent_formats[None].pattern.replace("#,##0", "#,##0.0", 1)
        return format_percent(Decimal(self.tenths) / 1000, pattern, locale=locale)


@dataclass(frozen=True)
class Budget:
    """The lines of one activity and their totals, in cents."""

    lines: list[BudgetLine]
    planned_cents: int
    actual_cents: int  # of the lines with an actual amount recorded
    without_actual: int  # lines with no actual amount yet
    shares: list[Share]

    @property
    def difference_cents(self) -> int:
        """Actual minus planned: below zero, less was spent than planned."""
        return self.actual_cents - self.planned_cents

    @property
    def counted_cents(self) -> int:
        """The total the shares divide: each line's actual amount where recorded, else its planned amount."""
        return sum(share.cents for share in self.shares)


def counted(line: BudgetLine) -> int:
    """What a line weighs in the shares: what was spent once it is known, what is planned until then."""
    return line.planned_cents if line.actual_cents is None else line.actual_cents


def tenths_of_percent(parts: list[int]) -> list[int]:
    """Each of ``parts`` as tenths of a percent of their sum, adding up to exactly 1000 (all 0 for a sum of 0):
    the floor of each, then one more tenth for the largest remainders (earlier parts first on a tie)."""
    total = sum(parts)
    if not total:
        return [0] * len(parts)
    tenths = [part * 1000 // total for part in parts]
    left = 1000 - sum(tenths)
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(parts[i] * 1000 % total), i))
    for i in by_remainder[:left]:
        tenths[i] += 1
    return tenths


def summarise(lines: list[BudgetLine]) -> Budget:
    """Totals and shares of ``lines``: the payers covering most first, the lines nobody pays yet last."""
    per_payer: dict[int | None, int] = {}
    payers: dict[int | None, FundingSource | None] = {None: None}
    for line in lines:
        payer = line.payer
        key = payer.id if payer is not None else None
        payers[key] = payer
        per_payer[key] = per_payer.get(key, 0) + counted(line)
    keys = sorted(per_payer, key=lambda k: (k is None, -per_payer[k], payers[k].label if payers[k] else ""))
    tenths = tenths_of_percent([per_payer[k] for k in keys])
    shares = [Share(payers[k], per_payer[k], t) for k, t in zip(keys, tenths, strict=True)]
    recorded = [line.actual_cents for line in lines if line.actual_cents is not None]
    return Budget(lines=lines, planned_cents=sum(line.planned_cents for line in lines),
                  actual_cents=sum(recorded), without_actual=len(lines) - len(recorded), shares=shares)


def owner_column(activity: Any) -> Any:
    return BudgetLine.meeting_id if isinstance(activity, Meeting) else BudgetLine.training_id


def lines_of(activity: Any) -> list[BudgetLine]:
    """The activity's lines in the order they were added."""
    return list(db.session.scalars(
        db.select(BudgetLine).where(owner_column(activity) == activity.id).order_by(BudgetLine.id)))


def budget_of(activity: Any) -> Budget:
    """The budget an activity's page shows (a template global); worked out once per request and activity."""
    if not has_request_context():
        return summarise(lines_of(activity))
    cache = g.setdefault("funding_budgets", {})
    key = (activity.__tablename__, activity.id)
    if key not in cache:
        cache[key] = summarise(lines_of(activity))
    return cache[key]


def activity_of(line: BudgetLine) -> Any:
    """The meeting or training activity a line belongs to."""
    if line.meeting_id is not None:
        return db.session.get(Meeting, line.meeting_id)
    return db.session.get(TrainingActivity, line.training_id)


def payer_sources(current: FundingSource | None = None) -> list[FundingSource]:
    """The active sources, in the administrators' order; a line's retired source stays offered on its edit."""
    sources = list(db.session.scalars(
        db.select(FundingSource).where(FundingSource.active.is_(True))
        .order_by(FundingSource.position, FundingSource.name)))
    if current is not None and current not in sources:
        sources.append(current)
    return sources


def payer_applications(current: FundingApplication | None = None) -> list[FundingApplication]:
    """Applications that may still pay (not rejected or withdrawn); a line's own stays offered on its edit."""
    applications = list(db.session.scalars(
        db.select(FundingApplication).where(FundingApplication.status.not_in(CLOSED_APPLICATION))
        .order_by(FundingApplication.title, FundingApplication.id)))
    if current is not None and current not in applications:
        applications.append(current)
    return applications


def application_label(application: FundingApplication) -> str:
    return f"{application.title} ({APPLICATION_STATES[application.status]})"


def _described(line: BudgetLine) -> dict[str, Any]:
    """What the audit trail keeps of a line: its values, the payer by name."""
    return {"item": line.item, "planned_cents": line.planned_cents, "actual_cents": line.actual_cents,
            "source": line.source.name if line.source else None,
            "application": line.application.title if line.application else None}


def _apply(line: BudgetLine, values: dict[str, Any]) -> None:
    line.item = values["item"]
    line.planned_cents = values["planned_cents"]
    line.actual_cents = values["actual_cents"]
    line.source = db.session.get(FundingSource, values["source_id"]) if values["source_id"] else None
    line.application = (db.session.get(FundingApplication, values["application_id"])
                        if values["application_id"] else None)


def add_line(user: Any, activity: Any, values: dict[str, Any]) -> BudgetLine:
    """A new line on ``activity`` (``values``: item, planned_cents, actual_cents, source_id, application_id)."""
    owner = "meeting_id" if isinstance(activity, Meeting) else "training_id"
    line = BudgetLine(created_by_id=getattr(user, "id", None), **{owner: activity.id})
    _apply(line, values)
    db.session.add(line)
    db.session.flush()
    changes = {name: [None, value] for name, value in _described(line).items() if value is not None}
    audit.record(user, activity, "add_budget_line", changes=changes, note=line.item)
    return line


def update_line(user: Any, line: BudgetLine, values: dict[str, Any]) -> bool:
    """Change a line; False (and nothing audited) when nothing changed."""
    before = _described(line)
    _apply(line, values)
    after = _described(line)
    changes = {name: [before[name], after[name]] for name in before if before[name] != after[name]}
    if not changes:
        return False
    db.session.flush()
    audit.record(user, activity_of(line), "edit_budget_line", changes=changes, note=line.item)
    return True


def remove_line(user: Any, line: BudgetLine) -> None:
    activity = activity_of(line)
    changes = {name: [value, None] for name, value in _described(line).items() if value is not None}
    audit.record(user, activity, "remove_budget_line", changes=changes, note=line.item)
    db.session.delete(line)
