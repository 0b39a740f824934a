"""Who may do what with obstacles. Used by the views and, as template globals, to show or hide buttons."""

from datetime import UTC, datetime, timedelta
from typing import Any

from app.core.permissions import is_admin, is_member_state_user, same_country
from app.network.associated import reports_for_a_country
from app.network.services import holds_presidency
from app.obstacles.models import Obstacle, ObstacleComment

COMMENT_EDIT_WINDOW = timedelta(minutes=15)


def can_report_obstacle(user: Any) -> bool:
    """Members of a Member State report in its name; administrators may report for any Member State; members
    of an associated country when the administrators allow it."""
    return reports_for_a_country(user)


def can_edit_obstacle(user: Any, obstacle: Obstacle) -> bool:
    """The reporting country edits its own obstacle while it is open; administrators always."""
    return is_admin(user) or (obstacle.is_open and same_country(user, obstacle.reporting_org_id))


def can_steer_obstacle(user: Any, obstacle: Obstacle) -> bool:
    """Moving an obstacle along: the reporting country, the Presidency, administrators."""
    return is_admin(user) or same_country(user, obstacle.reporting_org_id) or (
        is_member_state_user(user) and holds_presidency(user))


def can_comment_obstacle(user: Any, obstacle: Obstacle) -> bool:
    """Anyone logged in (agencies too) discusses an obstacle while it is open."""
    return bool(getattr(user, "is_authenticated", False)) and obstacle.is_open


def can_edit_comment(user: Any, comment: ObstacleComment, now: datetime | None = None) -> bool:
    """Authors may correct their own comment for 15 minutes, while the obstacle is open."""
    now = now or datetime.now(UTC)
    return (
        getattr(user, "id", None) is not None
        and comment.author_id == user.id
        and comment.obstacle.is_open
        and now - comment.created_at <= COMMENT_EDIT_WINDOW
    )


def can_say_affected(user: Any, obstacle: Obstacle) -> bool:
    """Another Member State than the reporter, once per country, while the obstacle is open."""
    return (
        is_member_state_user(user)
        and obstacle.is_open
        and user.organisation_id != obstacle.reporting_org_id
        and all(a.organisation_id != user.organisation_id for a in obstacle.affected)
    )


def can_withdraw_affected(user: Any, obstacle: Obstacle) -> bool:
    return is_member_state_user(user) and any(a.organisation_id == user.organisation_id for a in obstacle.affected)


# The rules templates call to show or hide buttons (registered by app/obstacles/__init__.py).
TEMPLATE_GLOBALS = (can_report_obstacle, can_edit_obstacle, can_steer_obstacle, can_comment_obstacle, can_edit_comment,
                    can_say_affected, can_withdraw_affected)
