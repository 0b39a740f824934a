"""Who may do what with funding. Every member reads; the views answer 403 with these, templates show buttons."""

from typing import Any

from app.core.permissions import is_admin, is_member_state_user
from app.meetings.models import Meeting
from app.meetings.permissions import can_manage as manages_meeting
from app.network.services import holds_presidency
from app.roster.models import TrainingActivity
from app.roster.permissions import manages_roster

OPEN_APPLICATION = frozenset({"idea", "drafting", "submitted"})


def can_read_funding(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def can_manage_calls(user: Any) -> bool:
    """The register of calls and the list of sources: the Presidency and administrators keep the calls."""
    return is_admin(user) or holds_presidency(user)


def can_manage_sources(user: Any) -> bool:
    return is_admin(user)


def can_create_application(user: Any) -> bool:
    """A Member State's members lead an application for their country; the Presidency and administrators too."""
    return is_admin(user) or is_member_state_user(user) or holds_presidency(user)


def leads_or_presides(user: Any, application: Any) -> bool:
    """The lead country's members, the Presidency of the day, and administrators (who may take its steps)."""
    if is_admin(user) or holds_presidency(user):
        return True
    return is_member_state_user(user) and user.organisation_id == application.lead_id


def can_edit_application(user: Any, application: Any) -> bool:
    """Its details, partners, activities and documents, while it is open (idea, drafting, submitted)."""
    return application.status in OPEN_APPLICATION and leads_or_presides(user, application)


def organises(user: Any, activity: Any) -> bool:
    """The organiser of a meeting (its convening Presidency) or of a training activity (its organiser country;
    the core group when the core group organises it), and administrators."""
    if is_admin(user):
        return True
    if isinstance(activity, Meeting):
        return manages_meeting(user, activity)
    if isinstance(activity, TrainingActivity):
        if activity.organiser_id is None:
            return manages_roster(user)
        return getattr(user, "is_authenticated", False) and user.organisation_id == activity.organiser_id
    return False


def can_edit_budget(user: Any, activity: Any) -> bool:
    """The organiser keeps the budget lines. A cancelled activity keeps its planned lines but takes no actuals."""
    return organises(user, activity)


def takes_actuals(activity: Any) -> bool:
    """A cancelled meeting or training spent nothing more: an actual amount on its lines is refused."""
    return activity.status != "cancelled"


TEMPLATE_GLOBALS = (can_read_funding, can_manage_calls, can_manage_sources, can_create_application,
                    leads_or_presides, can_edit_application, can_edit_budget, takes_actuals)
