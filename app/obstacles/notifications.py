"""The messages about obstacles, their link, and the periodic "action falling due" for the agreed actions."""

from datetime import date, datetime, timedelta

from flask import current_app, url_for

from app.core.i18n import _l
from app.extensions import db
from app.notifications.registry import Kind, notification_kind, periodic, record_link
from app.notifications.services import members_of, notify_once
from app.obstacles.models import Obstacle

notification_kind("obstacle_comment",
                  Kind(_l("A new comment on an obstacle your country reported or is affected by"), "digest"))
# Also used by meetings for the actions agreed at a meeting.
notification_kind("action_due", Kind(_l("An action your organisation owns falls due"), "digest"))
record_link("obstacles", lambda r: url_for("obstacles.detail", obstacle_id=r.id, _external=True))


def due_window(now: datetime) -> tuple[date, date]:
    """The days an open action counts as falling due: within the notice period, or just past it, should the
    command not have run for a few days."""
    notice = timedelta(days=current_app.config["ACTION_DUE_NOTICE_DAYS"])
    return now.date() - notice, now.date() + notice


@periodic
def queue_obstacle_actions_due(now: datetime) -> int:
    """Actions agreed on obstacles, still open and due within the notice period: to their owner."""
    first, last = due_window(now)
    obstacles = db.session.scalars(db.select(Obstacle).where(
        Obstacle.status == "action_agreed", Obstacle.action_owner_id.is_not(None),
        Obstacle.action_due_on.between(first, last)).order_by(Obstacle.id))
    return sum(notify_once("action_due", members_of([o.action_owner_id]), o,
                           f"action_due:obstacle:{o.id}:{o.action_due_on.isoformat()}") for o in obstacles)
