"""The rules of funding applications: what a form may offer, every change with its audit record, the workflow
steps and their details. Services change objects and flush; the views commit."""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, or_

from app.core import audit
from app.core.i18n import _l
from app.core.timezones import today
from app.extensions import db
from app.funding.models import FundingApplication, FundingCall, FundingSource
from app.funding.workflow import APPLICATION_WORKFLOW
from app.meetings.models import Meeting
from app.meetings.permissions import can_read as can_read_meeting
from app.meetings.services import visible_to
from app.network.models import Organisation, User
from app.roster.models import TrainingActivity

# A call closed longer ago than this is no longer offered to a new application (one already chosen stays).
RECENT_CALL_DAYS = 180
# The activities an application may fund: those to come and those of the past year.
ACTIVITY_DAYS = 365
# How the history names the fields an application's changes list (the lists by the names of their records).
audit.describe(fields={"call_id": _l("call"), "source_id": _l("funding source"), "submitted_on": _l("submission date"),
                       "decided_on": _l("decision date"), "meetings": _l("meetings"),
                       "training_activities": _l("training activities")})


def load_application(application_id: int) -> FundingApplication | None:
    return db.session.get(FundingApplication, application_id)


def applications_query(status: str = "") -> Select[Any]:
    """Newest first (the listing index: created_at, id), of one state or all."""
    query = db.select(FundingApplication).order_by(FundingApplication.created_at.desc(),
                                                   FundingApplication.id.desc())
    if status:
        query = query.where(FundingApplication.status == status)
    return query


# What the form offers ---------------------------------------------------------------------------------------------

def offered_calls(current_id: int | None = None) -> list[FundingCall]:
    """Calls still open or closed in the last months, newest closing date first; the application's own call too."""
    since = today() - timedelta(days=RECENT_CALL_DAYS)
    condition = FundingCall.closes_on >= since
    if current_id:
        condition = or_(condition, FundingCall.id == current_id)
    return list(db.session.scalars(db.select(FundingCall).where(condition)
                                   .order_by(FundingCall.closes_on.desc(), FundingCall.id.desc())))


def offered_sources(current_id: int | None = None) -> list[FundingSource]:
    """The active sources in the administrators' order; a retired one only if the application already asks it."""
    condition = FundingSource.active.is_(True)
    if current_id:
        condition = or_(condition, FundingSource.id == current_id)
    return list(db.session.scalars(db.select(FundingSource).where(condition)
                                   .order_by(FundingSource.position, FundingSource.id)))


def partner_organisations() -> list[Organisation]:
    """Member States, then agencies, by name: who may join an application (the Council does not)."""
    return list(db.session.scalars(db.select(Organisation).where(Organisation.kind.in_(("member_state", "agency")))
                                   .order_by(Organisation.kind.desc(), Organisation.name)))


def offered_meetings(user: Any, current_ids: list[int]) -> list[Meeting]:
    """Meetings not cancelled, upcoming or of the past year, that ``user`` may read; those already linked too."""
    since = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=ACTIVITY_DAYS)
    condition = (Meeting.status != "cancelled") & (Meeting.starts_at >= since)
    if current_ids:
        condition = or_(condition, Meeting.id.in_(current_ids))
    return list(db.session.scalars(visible_to(user, db.select(Meeting)).where(condition)
                                   .order_by(Meeting.starts_at, Meeting.id)))


def readable_meetings(user: Any, application: FundingApplication) -> list[Meeting]:
    """The linked meetings ``user`` may open (a Presidency's draft or a restricted one is left out)."""
    return [m for m in application.meetings if can_read_meeting(user, m)]


def offered_trainings(current_ids: list[int]) -> list[TrainingActivity]:
    """Training activities not cancelled, upcoming or of the past year; those already linked too."""
    since = today() - timedelta(days=ACTIVITY_DAYS)
    condition = (TrainingActivity.status != "cancelled") & (TrainingActivity.ends_on >= since)
    if current_ids:
        condition = or_(condition, TrainingActivity.id.in_(current_ids))
    return list(db.session.scalars(db.select(TrainingActivity).where(condition)
                                   .order_by(TrainingActivity.starts_on, TrainingActivity.id)))


def _by_ids(model: Any, ids: list[int] | None) -> list[Any]:
    if not ids:
        return []
    return list(db.session.scalars(db.select(model).where(model.id.in_(ids)).order_by(model.id)))


# Changes ----------------------------------------------------------------------------------------------------------

def _write(user: User, application: FundingApplication, data: dict[str, Any]) -> None:
    """Set the form's values (``data`` has the amount already in cents, ``amount_requested_cents``). A linked
    meeting the user may not read was not offered to them: it stays linked."""
    unseen = [m for m in application.meetings if not can_read_meeting(user, m)]
    application.title = data["title"]
    application.summary = data.get("summary") or ""
    application.call_id = data.get("call_id") or None
    application.source_id = None if application.call_id else (data.get("source_id") or None)
    application.amount_requested_cents = data.get("amount_requested_cents")
    application.submitted_on = data.get("submitted_on")
    application.partners = _by_ids(Organisation, data.get("partner_ids"))
    application.meetings = [*_by_ids(Meeting, data.get("meeting_ids")), *unseen]
    application.trainings = _by_ids(TrainingActivity, data.get("training_ids"))


def _names(application: FundingApplication) -> dict[str, str]:
    """The linked records as the history shows them: codes and titles, sorted."""
    return {
        "partners": ", ".join(sorted(o.code for o in application.partners)),
        "meetings": ", ".join(sorted(m.title for m in application.meetings)),
        "training_activities": ", ".join(sorted(t.title for t in application.trainings)),
    }


def create_application(user: User, data: dict[str, Any], lead: Organisation) -> FundingApplication:
    application = FundingApplication(lead=lead, created_by_id=user.id, status=APPLICATION_WORKFLOW.initial)
    _write(user, application, data)
    db.session.add(application)
    db.session.flush()
    changes: dict[str, Any] = {"title": [None, application.title], "lead": [None, lead.code]}
    if application.amount_requested_cents is not None:
        changes["amount_requested_cents"] = [None, application.amount_requested_cents]
    changes.update({name: [None, value] for name, value in _names(application).items() if value})
    audit.record(user, application, "create", to_state=application.status, changes=changes)
    return application


def update_application(user: User, application: FundingApplication, data: dict[str, Any]) -> bool:
    """Apply the edit form; audit the changed fields, the partners and the activities included. False: no change."""
    # No flush until the changes are read: the queries for the lists would otherwise write the new values first.
    with db.session.no_autoflush:
        before = _names(application)
        _write(user, application, data)
        changes = audit.changed_fields(application)
        after = _names(application)
    changes.update({name: [before[name], after[name]] for name in before if before[name] != after[name]})
    if not changes:
        return False
    audit.record(user, application, "edit", changes=changes)
    return True


def take_step(user: User, application: FundingApplication, action: str, *, note: str | None = None,
              awarded_cents: int | None = None, decided_on: date | None = None) -> None:
    """One workflow step. ``submit`` records today as the submission date if none is given; ``award`` the amount
    awarded and the day of the decision; ``reject`` the day of the decision."""
    APPLICATION_WORKFLOW.check(user, application, action)  # who may, then the state, before anything is written
    changes: dict[str, Any] = {}
    if action == "submit" and application.submitted_on is None:
        application.submitted_on = today()
        changes["submitted_on"] = [None, application.submitted_on.isoformat()]
    if action == "award":
        changes["amount_awarded_cents"] = [application.amount_awarded_cents, awarded_cents]
        application.amount_awarded_cents = awarded_cents
    if action in ("award", "reject"):
        application.decided_on = decided_on or today()
        changes["decided_on"] = [None, application.decided_on.isoformat()]
    APPLICATION_WORKFLOW.apply(user, application, action, note=note, changes=changes or None)
