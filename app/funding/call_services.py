"""The rules of the register of calls and of the funding sources: every change with its audit record, in the
caller's transaction. A call is open until its closing date and in the archive after it: worked out from the date
on each request, so nothing has to run for a call to move."""

from datetime import date
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.numbers import format_percent

from app.core import audit
from app.core.i18n import _, _l, current_language
from app.core.timezones import today
from app.extensions import db
from app.funding.models import BudgetLine, FundingApplication, FundingCall, FundingSource
from app.network.models import User

CALL_FIELDS = ("reference", "title", "link", "opens_on", "closes_on", "eligible_activities", "notes")
SOURCE_FIELDS = ("kind", "name", "name_fr", "position")
# Columns whose name is another module's field label ("notes" are a review's on the roster): the history shows
# them under their own key and label.
_RENAMED = {"source_id": "source", "notes": "call_notes"}

audit.describe(
    actions={"retire_source": _l("retired"), "reactivate_source": _l("offered again")},
    fields={"name_fr": _l("name in French"), "call_notes": _l("notes")},
)


class SourceError(ValueError):
    """A source that cannot be saved as it is: ``field`` is where the message goes."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# Calls ------------------------------------------------------------------------------------------------------

def open_calls(day: date | None = None) -> Any:
    """Calls still open on ``day`` (today): the soonest to close first."""
    day = day or today()
    return (db.select(FundingCall).where(FundingCall.closes_on >= day)
            .order_by(FundingCall.closes_on, FundingCall.id))


def archived_calls(day: date | None = None) -> Any:
    """Calls closed before ``day`` (today): the most recently closed first."""
    day = day or today()
    return (db.select(FundingCall).where(FundingCall.closes_on < day)
            .order_by(FundingCall.closes_on.desc(), FundingCall.id.desc()))


def source_choices(include_id: int | None = None) -> list[tuple[int, str]]:
    """The active sources, labelled in the reader's language, and the call's own source should it be retired."""
    query = db.select(FundingSource).where(
        db.or_(FundingSource.active.is_(True), FundingSource.id == (include_id or 0)))
    sources = db.session.scalars(query.order_by(FundingSource.position, FundingSource.name)).all()
    return [(s.id, s.label if s.active else _("%(name)s (retired)", name=s.label)) for s in sources]


def _apply_call(call: FundingCall, data: dict[str, Any], max_amount_cents: int | None, rate: Decimal | None) -> None:
    # Read first: a query after the first change would flush it, and the audit would no longer see it.
    source = db.session.get(FundingSource, data["source_id"])
    for field in CALL_FIELDS:
        setattr(call, field, data[field])
    call.link = data["link"] or None  # no link, rather than an empty one
    # Both: the column for the history of this change, the relationship for the search document written at flush.
    call.source_id = data["source_id"]
    call.source = source
    call.max_amount_cents = max_amount_cents
    call.cofinancing_rate = rate


def _labelled(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {_RENAMED.get(name, name): values for name, values in changes.items()}


def create_call(user: User, data: dict[str, Any], max_amount_cents: int | None, rate: Decimal | None) -> FundingCall:
    call = FundingCall(created_by_id=user.id)
    _apply_call(call, data, max_amount_cents, rate)
    given = audit.changed_fields(call, ignore={"created_by_id"})  # before the flush that ends the history
    audit.record(user, call, "create", changes=_labelled({name: values for name, values in given.items()
                                                          if values[1] not in (None, "")}))
    return call


def update_call(user: User, call: FundingCall, data: dict[str, Any], max_amount_cents: int | None,
                rate: Decimal | None) -> bool:
    """Apply the edit and audit the fields that changed; False (and nothing recorded) when none did."""
    _apply_call(call, data, max_amount_cents, rate)
    changes = audit.changed_fields(call)  # a rate of 90 typed again over a stored 90.00 is equal: no change
    if not changes:
        return False
    audit.record(user, call, "edit", changes=_labelled(changes))
    return True


def load_call(call_id: int) -> FundingCall | None:
    return db.session.get(FundingCall, call_id)


def percent(rate: Decimal | None, *, blank: str = "") -> str:
    """A rate in percent in the reader's language: "62.5%" in English, "62,5 %" in French (Babel)."""
    if rate is None:
        return blank
    language = current_language()
    pattern = Locale.parse(language).percent_formats[None].pattern.replace("#,##0", "#,##0.##", 1)
    return format_percent(Decimal(rate) / 100, format=pattern, locale=language)


# Sources ----------------------------------------------------------------------------------------------------

def all_sources() -> list[FundingSource]:
    return list(db.session.scalars(db.select(FundingSource).order_by(FundingSource.position, FundingSource.name)))


def uses_of_sources() -> dict[int, int]:
    """How many calls, applications and budget lines name each source (a source in use is retired, never
    deleted): three grouped counts, whatever the number of sources."""
    uses: dict[int, int] = {}
    for column in (FundingCall.source_id, FundingApplication.source_id, BudgetLine.source_id):
        for source_id, count in db.session.execute(
                db.select(column, db.func.count()).where(column.is_not(None)).group_by(column)):
            uses[source_id] = uses.get(source_id, 0) + count
    return uses


def _check_name(source: FundingSource | None, name: str) -> None:
    """Two sources with one name (whatever the case) could not be told apart in a list."""
    query = db.select(FundingSource.id).where(db.func.lower(FundingSource.name) == name.lower())
    if source is not None and source.id is not None:
        query = query.where(FundingSource.id != source.id)
    if db.session.scalar(query.limit(1)) is not None:
        raise SourceError("name", _("A source of this name already exists: give another name, or edit that one."))


def save_source(user: User, source: FundingSource | None, data: dict[str, Any]) -> tuple[FundingSource, bool]:
    """Add (``source`` None) or change a source; (the source, whether anything changed). Raises SourceError."""
    _check_name(source, data["name"])
    creating = source is None
    if source is None:
        source = FundingSource(active=True)
        db.session.add(source)
    for field in SOURCE_FIELDS:
        setattr(source, field, data[field] if field != "name_fr" else (data[field] or None))
    if creating:
        db.session.flush()
        audit.record(user, source, "create", changes={"name": [None, source.name], "kind": [None, source.kind]})
        return source, True
    return source, audit.record_edit(user, source)


def set_source_active(user: User, source: FundingSource, active: bool) -> bool:
    """Retire a source (no longer offered for new calls, kept on the records that name it) or offer it again;
    False when it already was so."""
    if source.active == active:
        return False
    source.active = active
    audit.record(user, source, "reactivate_source" if active else "retire_source",
                 changes={"active": [not active, active]})
    return True
