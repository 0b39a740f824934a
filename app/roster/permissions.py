"""Who may do what in the roster. Used by the views (403) and, as template globals, to hide buttons."""

from typing import Any

from app.core.permissions import is_admin, is_core_group, is_member_state_user, same_country
from app.core.workflow import workflow_for


def manages_roster(user: Any) -> bool:
    """The core group manages the roster; administrators may do everything it can."""
    return is_core_group(user) or is_admin(user)


# Nominations --------------------------------------------------------------------------------------

def can_nominate(user: Any) -> bool:
    """Members of a Member State nominate experts of their own country; agencies and the Council do not."""
    return is_member_state_user(user)


def can_view_nomination(user: Any, nomination: Any) -> bool:
    return manages_roster(user) or same_country(user, nomination.organisation_id)


def can_see_reviews(user: Any, nomination: Any) -> bool:
    """Review notes and scores are internal to the core group (and administrators), and never shown to the
    nominee's own country, even to its core-group members: the nominating country sees status and decision only,
    taken by "the core group", not by a named reviewer (on the nomination and on the roster entry it led to:
    ``nomination`` is either)."""
    return manages_roster(user) and not same_country(user, nomination.organisation_id)


def can_review(user: Any, nomination: Any) -> bool:
    """The core group reviews and decides, but never on a nominee of the reviewer's own country."""
    return manages_roster(user) and not same_country(user, nomination.organisation_id)


def can_withdraw(user: Any, nomination: Any) -> bool:
    return is_member_state_user(user) and same_country(user, nomination.organisation_id)


# Experts ------------------------------------------------------------------------------------------

def can_see_contact(user: Any, expert: Any) -> bool:
    """E-mail and availability: the core group, administrators and the expert's own country."""
    return manages_roster(user) or same_country(user, expert.organisation_id)


def can_manage_expert(user: Any, expert: Any) -> bool:
    """Retire or re-confirm a roster entry."""
    return manages_roster(user) and not expert.is_erased


def can_export_expert(user: Any) -> bool:
    return is_admin(user)


def can_erase_expert(user: Any, expert: Any) -> bool:
    return is_admin(user) and not expert.is_erased


def can_export_nominee(user: Any) -> bool:
    """The personal data of a nominee (whatever became of the nomination): administrators, as for experts."""
    return is_admin(user)


def can_erase_nominee(user: Any, nomination: Any) -> bool:
    return is_admin(user) and nomination.erased_at is None


def sees_review_flags(user: Any) -> bool:
    """Roster entries left unreviewed past the grace period are flagged to administrators."""
    return is_admin(user)


# Trainings ----------------------------------------------------------------------------------------

def can_plan_trainings(user: Any) -> bool:
    return manages_roster(user)


# The training's workflow (app.roster.workflow) is looked up by record type: that module imports this one.
def can_edit_training(user: Any, training: Any) -> bool:
    """Until the training is delivered or cancelled."""
    return manages_roster(user) and training.status in workflow_for(training).open_states


def can_propose_trainers(user: Any, training: Any) -> bool:
    return manages_roster(user) and training.status in workflow_for(training).open_states


def can_record_participants(user: Any, training: Any) -> bool:
    return manages_roster(user) and training.status == "delivered"


TEMPLATE_GLOBALS = (
    manages_roster, can_nominate, can_view_nomination, can_see_reviews, can_review, can_withdraw,
    can_see_contact, can_manage_expert, can_export_expert, can_erase_expert, can_export_nominee, can_erase_nominee,
    sees_review_flags, can_plan_trainings,
    can_edit_training, can_propose_trainers, can_record_participants,
)
