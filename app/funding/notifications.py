"""The reminder that a funding call closes soon: once per call and closing date, to every active user who has not
chosen "never" for it (an edited closing date reminds again), a set number of days before it closes."""

from datetime import datetime, timedelta

from flask import current_app, url_for

from app.core.i18n import _l
from app.extensions import db
from app.funding.models import FundingCall
from app.network.models import User
from app.notifications.registry import Kind, notification_kind, periodic, record_link
from app.notifications.services import notify_once

notification_kind("funding_call_closing", Kind(_l("A funding call closes soon"), "digest"))
record_link("funding_calls", lambda r: url_for("funding.call", call_id=r.id, _external=True))


@periodic
def queue_funding_call_reminders(now: datetime) -> int:
    """Calls closing within ``FUNDING_CALL_REMINDER_DAYS`` (and not yet closed): to everyone, once per closing
    date. A call added with less time left is announced at the next run."""
    first = now.date()
    last = first + timedelta(days=current_app.config["FUNDING_CALL_REMINDER_DAYS"])
    calls = db.session.scalars(db.select(FundingCall).where(FundingCall.closes_on.between(first, last))
                               .order_by(FundingCall.closes_on, FundingCall.id)).all()
    if not calls:
        return 0
    # notify_once leaves out whoever chose "never" for this kind, and reads each one's choice (digest, at once).
    everyone = list(db.session.scalars(db.select(User).where(User.active.is_(True)).order_by(User.id)))
    return sum(notify_once("funding_call_closing", everyone, call,
                           f"funding_call_closing:{call.id}:{call.closes_on.isoformat()}") for call in calls)
