"""The dashboard's blocks: each computes its own context in a fixed number of queries, so the page and
each block alone (refreshed by htmx) cost the same whatever the size of the network."""

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam
from sqlalchemy.orm import joinedload, raiseload

from app.core.i18n import _l
from app.core.markings import may_read_restricted, restricted_ids
from app.core.permissions import is_admin, is_core_group
from app.core.timezones import today
from app.extensions import db
from app.meetings.cadence import meetings_per_year
from app.meetings.models import Meeting, MeetingAction, MeetingInvitation
from app.meetings.services import visible_to
from app.meetings.workflow import MEETING_ACTION_WORKFLOW, MEETING_WORKFLOW
from app.network.models import User
from app.network.services import current_presidency, next_presidency_after
from app.obstacles.models import Obstacle
from app.obstacles.services import involves
from app.obstacles.workflow import OBSTACLE_WORKFLOW
from app.obstacles.workflow import STATES as OBSTACLE_STATES
from app.practices.models import BestPractice
from app.practices.workflow import PRACTICE_WORKFLOW
from app.roster.models import Nomination
from app.roster.workflow import NOMINATION_WORKFLOW

BLOCK_SIZE = 5


def presidency_block(user: User) -> dict[str, Any]:
    presidency = current_presidency()
    return {"presidency": presidency, "today": today(),
            "next_presidency": next_presidency_after(presidency.ends_on if presidency else today())}


def next_meeting_block(user: User) -> dict[str, Any]:
    meeting = db.session.scalar(
        visible_to(user, db.select(Meeting))
        .where(Meeting.ends_at >= datetime.now(UTC), Meeting.status.in_(MEETING_WORKFLOW.open_states))
        .order_by(Meeting.starts_at).limit(1))
    invitation = None
    if meeting is not None:
        invitation = db.session.scalar(
            db.select(MeetingInvitation).options(joinedload(MeetingInvitation.answer))
            .where(MeetingInvitation.meeting_id == meeting.id,
                   MeetingInvitation.organisation_id == user.organisation_id))
    return {"meeting": meeting, "invitation": invitation}


@cache
def _statements(hide_restricted: bool) -> dict[str, Select[Any]]:
    """The blocks' statements, built once per process for each kind of reader (who may or may not read records
    under a restricted marking); the reader's organisation is a bound parameter, ``org``. Building them anew on
    every request cost about 1 ms of a 15 ms page (full size, in-process)."""
    org = bindparam("org", type_=Integer)

    def shown(column: Any) -> Any:
        return column.not_in(restricted_ids()) if hide_restricted else db.true()

    return {
        # Open actions the reader's organisation owns: agreed on obstacles, and agreed at meetings.
        "obstacle_actions": db.select(Obstacle).options(raiseload(Obstacle.counterparts))
        .where(Obstacle.status == "action_agreed", Obstacle.action_owner_id == org, shown(Obstacle.marking_id))
        .order_by(Obstacle.action_due_on.is_(None), Obstacle.action_due_on, Obstacle.id).limit(BLOCK_SIZE),
        "meeting_actions": db.select(MeetingAction).options(joinedload(MeetingAction.meeting))
        .where(MeetingAction.status.in_(MEETING_ACTION_WORKFLOW.open_states), MeetingAction.owner_id == org,
               MeetingAction.meeting.has(shown(Meeting.marking_id)))
        .order_by(MeetingAction.due_on.is_(None), MeetingAction.due_on, MeetingAction.id).limit(BLOCK_SIZE),
        "obstacles": db.select(Obstacle).options(raiseload(Obstacle.counterparts))  # neither side's list shown
        .where(involves(org), Obstacle.status.in_(OBSTACLE_WORKFLOW.open_states), shown(Obstacle.marking_id))
        .order_by(Obstacle.last_activity_at.desc(), Obstacle.id.desc()).limit(BLOCK_SIZE),
        "practices": db.select(BestPractice)
        .options(raiseload(BestPractice.instruments), raiseload(BestPractice.tags))
        .where(BestPractice.status.in_(PRACTICE_WORKFLOW.in_progress),  # shared with the network
               # Always true of a shared practice; it lets PostgreSQL start its backward walk of the submission
               # index after the drafts' NULLs instead of reading every draft first (8 ms -> 0.1 ms at full size).
               BestPractice.submitted_at.is_not(None),
               shown(BestPractice.marking_id))
        .order_by(BestPractice.submitted_at.desc(), BestPractice.id.desc()).limit(BLOCK_SIZE),
        "waiting": db.select(db.func.count(Nomination.id))
        .where(Nomination.status.in_(NOMINATION_WORKFLOW.open_states)),
        "nominations": db.select(Nomination).where(Nomination.status.in_(NOMINATION_WORKFLOW.open_states))
        .order_by(Nomination.created_at, Nomination.id).limit(BLOCK_SIZE),
    }


def _rows(user: User, name: str) -> list[Any]:
    statement = _statements(not may_read_restricted(user))[name]
    return list(db.session.scalars(statement, {"org": user.organisation_id}))


def actions_block(user: User) -> dict[str, Any]:
    """Open actions the user's organisation owns: agreed on obstacles, and agreed at meetings."""
    return {"obstacle_actions": _rows(user, "obstacle_actions"), "meeting_actions": _rows(user, "meeting_actions"),
            "today": today()}


def obstacles_block(user: User) -> dict[str, Any]:
    return {"obstacles": _rows(user, "obstacles"), "states": OBSTACLE_STATES}


def practices_block(user: User) -> dict[str, Any]:
    return {"practices": _rows(user, "practices")}


def nominations_block(user: User) -> dict[str, Any]:
    """For the core group: nominations waiting, those of the member's own country marked (they may not review)."""
    statements = _statements(not may_read_restricted(user))
    return {"nominations": list(db.session.scalars(statements["nominations"])),
            "waiting": db.session.scalar(statements["waiting"])}


def twice_a_year_block(user: User) -> dict[str, Any]:
    return {"meeting_years": meetings_per_year(today(), reader=user)}


def organisation_block(user: User) -> dict[str, Any]:
    return {"organisation": user.organisation}


def for_core_group(user: User) -> bool:
    return is_core_group(user) or is_admin(user)


def for_everyone(user: User) -> bool:
    return True


# name -> (heading, context function, who sees it); the order is the page's order. Headings are lazy: each
# request shows them in its reader's language.
BLOCKS: dict[str, tuple[str, Callable[[User], dict[str, Any]], Callable[[User], bool]]] = {
    "presidency": (_l("Council Presidency"), presidency_block, for_everyone),
    "next-meeting": (_l("Next meeting"), next_meeting_block, for_everyone),
    "actions": (_l("Open actions of your organisation"), actions_block, for_everyone),
    "obstacles": (_l("Obstacles that involve your country"), obstacles_block, for_everyone),
    "practices": (_l("Recent best practices"), practices_block, for_everyone),
    "nominations": (_l("Nominations waiting for the core group"), nominations_block, for_core_group),
    "twice-a-year": (_l("Meetings per year"), twice_a_year_block, for_everyone),
    "organisation": (_l("Your organisation"), organisation_block, for_everyone),
}
