"""Who may do what with best practices; used by the views and, as template globals, by the templates."""

from typing import Any

from app.core.permissions import is_admin, is_member_state_user, same_country
from app.core.workflow import workflow_for
from app.network.associated import reports_for_a_country
from app.network.services import holds_presidency
from app.practices.models import BestPractice


# The practice's workflow (app.practices.workflow) is looked up by record type: that module imports this one
# for its guards.
def _shared(practice: BestPractice) -> bool:
    """Shared with the network now: submitted or endorsed (past the draft, not archived)."""
    return practice.status in workflow_for(practice).in_progress


def can_read_practice(user: Any, practice: BestPractice) -> bool:
    """Everyone logged in reads what was shared; a draft only its country (and administrators)."""
    if is_admin(user) or same_country(user, practice.country_id):
        return True
    return (bool(getattr(user, "is_authenticated", False)) and practice.status != workflow_for(practice).initial
            and practice.was_shared)


def can_submit_practice(user: Any) -> bool:
    """Members of a Member State submit in its name; administrators may submit for any Member State; members
    of an associated country when the administrators allow it."""
    return reports_for_a_country(user)


def can_edit_practice(user: Any, practice: BestPractice) -> bool:
    """The submitting country edits until the network endorses it; administrators always."""
    return is_admin(user) or (same_country(user, practice.country_id) and practice.status in ("draft", "submitted"))


def can_send_for_review(user: Any, practice: BestPractice) -> bool:
    return is_admin(user) or same_country(user, practice.country_id)


def can_endorse_practice(user: Any, practice: BestPractice) -> bool:
    """Endorsement is the network's, recorded by the Presidency (or an administrator)."""
    return is_admin(user) or (is_member_state_user(user) and holds_presidency(user))


def can_archive_practice(user: Any, practice: BestPractice) -> bool:
    return is_admin(user) or same_country(user, practice.country_id) or can_endorse_practice(user, practice)


def can_adopt_practice(user: Any, practice: BestPractice) -> bool:
    """Another Member State records its adoption of a shared practice, once per country."""
    return (
        is_member_state_user(user)
        and _shared(practice)
        and user.organisation_id != practice.country_id
        and all(a.organisation_id != user.organisation_id for a in practice.adoptions)
    )


def can_withdraw_adoption(user: Any, practice: BestPractice) -> bool:
    return is_member_state_user(user) and any(a.organisation_id == user.organisation_id for a in practice.adoptions)


def can_comment_practice(user: Any, practice: BestPractice) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _shared(practice)


# The rules templates call to show or hide buttons (registered by app/practices/__init__.py).
TEMPLATE_GLOBALS = (can_read_practice, can_submit_practice, can_edit_practice, can_adopt_practice,
                    can_withdraw_adoption, can_comment_practice)
