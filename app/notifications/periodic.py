"""What the periodic commands produce: the modules' registered reminders (app.notifications.registry.periodic:
meetings a week ahead, actions falling due) and the weekly digests.

Each reminder carries a dedup key (unique in the queue, see ``notify_once``), so running the command again,
or two at once, never produces it twice.
"""

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import update

from app.extensions import db
from app.network.models import User
from app.notifications.models import Notification
from app.notifications.registry import PRODUCERS
from app.notifications.sender import claim
from app.notifications.services import notify


def queue_periodic(now: datetime | None = None) -> int:
    """Produce the due reminders and commit them."""
    now = now or datetime.now(UTC)
    queued = sum(producer(now) for producer in PRODUCERS)
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
