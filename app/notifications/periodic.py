"""What the periodic command produces: reminders before meetings, actions falling due, weekly digests.

Each reminder carries a dedup key (unique in the queue), so running the command again, or two at once,
never produces it twice.
"""

from collections import defaultdict
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.meetings.models import Meeting, MeetingAction
from app.network.models import User
from app.notifications.models import Notification
from app.notifications.sender import claim
from app.notifications.services import members_of, notify
from app.obstacles.models import Obstacle


def _notify_once(kind: str, users: list[User], record: object, key: str) -> int:
    """Queue ``kind`` for the users who have not had ``key`` yet; a concurrent run's rows win."""
    keys = {f"{key}:{u.id}": u for u in users}
    if not keys:
        return 0
    done = set(db.session.scalars(db.select(Notification.dedup_key).where(Notification.dedup_key.in_(keys))))
    waiting = [u for k, u in keys.items() if k not in done]
    if not waiting:
        return 0
    try:
        with db.session.begin_nested():
            rows = notify(kind, waiting, record, dedup_key=key)
            db.session.flush()
    except IntegrityError:
        return 0
    return len(rows)


def queue_meeting_reminders(now: datetime) -> int:
    """A week before a convened meeting, remind the invited organisations that have not answered."""
    horizon = now + timedelta(days=current_app.config["MEETING_REMINDER_DAYS"])
    meetings = db.session.scalars(db.select(Meeting).where(
        Meeting.status == "convened", Meeting.starts_at > now, Meeting.starts_at <= horizon).order_by(Meeting.id))
    queued = 0
    for meeting in meetings:
        silent = [i.organisation_id for i in meeting.invitations if i.answer is None]
        queued += _notify_once("meeting_reminder", members_of(silent), meeting, f"meeting_reminder:{meeting.id}")
    return queued


def queue_actions_due(now: datetime) -> int:
    """Actions agreed on obstacles and at meetings, still open and due within the notice period (or just
    past it, should the command not have run for a few days)."""
    today = now.date()
    notice = timedelta(days=current_app.config["ACTION_DUE_NOTICE_DAYS"])
    first, last = today - notice, today + notice
    queued = 0
    obstacles = db.session.scalars(db.select(Obstacle).where(
        Obstacle.status == "action_agreed", Obstacle.action_owner_id.is_not(None),
        Obstacle.action_due_on.between(first, last)).order_by(Obstacle.id))
    for obstacle in obstacles:
        queued += _notify_once("action_due", members_of([obstacle.action_owner_id]), obstacle,
                               f"action_due:obstacle:{obstacle.id}:{obstacle.action_due_on.isoformat()}")
    actions = db.session.scalars(db.select(MeetingAction).where(
        MeetingAction.status == "open", MeetingAction.due_on.between(first, last)).order_by(MeetingAction.id))
    for action in actions:
        queued += _notify_once("action_due", members_of([action.owner_id]), action,
                               f"action_due:meeting_action:{action.id}:{action.due_on.isoformat()}")
    return queued


def queue_periodic(now: datetime | None = None) -> int:
    """Produce the due reminders and commit them."""
    now = now or datetime.now(UTC)
    queued = queue_meeting_reminders(now) + queue_actions_due(now)
    db.session.commit()
    return queued


def build_digests(now: datetime | None = None) -> int:
    """Gather each user's waiting digest items into one message (queued to send at once); returns how many."""
    now = now or datetime.now(UTC)
    token, ids = claim(now, delivery="digest")
    if not ids:
        return 0
    items = db.session.scalars(db.select(Notification).where(Notification.id.in_(ids))
                               .order_by(Notification.user_id, Notification.id))
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for item in items:
        by_user[item.user_id].append(item)
    users = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(list(by_user))))}
    made = 0
    for user_id, user_items in by_user.items():
        user = users.get(user_id)
        digest = notify("digest", [user] if user else [], None, {"items": user_items})
        digest_id = None
        if digest:
            db.session.flush()
            digest_id = digest[0].id
            made += 1
        db.session.execute(update(Notification).where(Notification.id.in_([i.id for i in user_items]),
                                                      Notification.claim_token == token)
                           .values(status="digested", digest_id=digest_id, claim_token=None, claimed_at=None))
    db.session.commit()
    return made
