"""What the periodic command does for the roster: erase closed nominations past their retention period, and
flag to administrators the roster entries left unreviewed too long after their review-by date."""

from calendar import monthrange
from datetime import datetime, timedelta

from flask import current_app

from app.extensions import db
from app.network.models import User
from app.notifications.registry import periodic
from app.notifications.services import notify_once
from app.roster.models import Expert, Nomination
from app.roster.personal_data import erase_nomination, erase_person, person_of_nomination

RETENTION_NOTE = "retention period"  # stored in the audit log, like the erasure placeholders
# Erasures per run: each one looks through the mail queue and the audit log for the person's name, so a first
# run over years of closed nominations is spread over the next runs instead of holding one transaction for long.
RETENTION_BATCH = 50


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` earlier (the month's last day when that day does not exist)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    return moment.replace(year=year, month=month + 1, day=min(moment.day, monthrange(year, month + 1)[1]))


def expired_nominations(now: datetime) -> list[Nomination]:
    """Declined and withdrawn nominations closed longer ago than the retention period, not erased yet (the
    oldest first, a batch at a time)."""
    cutoff = months_before(now, current_app.config["NOMINATION_RETENTION_MONTHS"])
    return list(db.session.scalars(db.select(Nomination).where(
        Nomination.erased_at.is_(None),
        db.or_(db.and_(Nomination.status == "declined",
                       db.func.coalesce(Nomination.decided_at, Nomination.created_at) < cutoff),
               db.and_(Nomination.status == "withdrawn",
                       db.func.coalesce(Nomination.withdrawn_at, Nomination.created_at) < cutoff)))
        .order_by(Nomination.id).limit(RETENTION_BATCH)))


@periodic
def erase_expired_nominations(now: datetime) -> int:
    """Erase them (by the system, audited). A nominee the roster holds nothing else about is forgotten
    everywhere; one still on the roster or nominated again loses that nomination only. Queues no message."""
    for nomination in expired_nominations(now):
        person = person_of_nomination(nomination)
        others = [n for n in person.nominations if n.id != nomination.id and n.erased_at is None]
        if person.expert is None and not others:
            erase_person(None, person, note=RETENTION_NOTE)
        else:
            erase_nomination(None, nomination, note=RETENTION_NOTE)
    return 0


def review_flag_cutoff(now: datetime) -> datetime:
    return now - timedelta(days=current_app.config["ROSTER_REVIEW_GRACE_DAYS"])


@periodic
def flag_overdue_reviews(now: datetime) -> int:
    """Roster entries past their review-by date by more than the grace period: once to the administrators
    (again after a re-confirmation that is itself left to lapse)."""
    last_day = review_flag_cutoff(now).date()
    experts = db.session.scalars(db.select(Expert).where(
        Expert.status == "active", Expert.erased_at.is_(None), Expert.review_by < last_day).order_by(Expert.id))
    administrators = list(db.session.scalars(
        db.select(User).where(User.role == "admin", User.active.is_(True)).order_by(User.id)))
    return sum(notify_once("roster_review_overdue", administrators, expert,
                           f"roster_review_overdue:{expert.id}:{expert.review_by.isoformat()}") for expert in experts)
