"""The reminder that a section of a country's fact sheet is over a year old (or was never verified): to the
country's Head of SPOC, or to all its members when none is designated; once per section and verification (a new
verification that ages again reminds again), each recipient's choice for the kind applying."""

from datetime import datetime

from flask import current_app, url_for
from sqlalchemy.exc import IntegrityError

from app.core.i18n import _l
from app.extensions import db
from app.factsheets.services import fact_sheets
from app.network.models import HeadOfSpoc, Organisation, User
from app.network.services import associated_countries, member_states
from app.notifications.models import Notification
from app.notifications.registry import Kind, notification_kind, periodic
from app.notifications.services import members_of, notify

KIND = "fact_sheet_outdated"
notification_kind(KIND, Kind(_l("A section of your country's fact sheet is over a year old"), "digest"))


def recipients(organisation: Organisation, heads: dict[int, User]) -> list[User]:
    head = heads.get(organisation.id)
    if head is not None and head.active:
        return [head]
    return members_of([organisation])


def _queue(users: list[User], organisation: Organisation, context: dict, key: str) -> int:
    """As ``notify_once``, with the section in the message's context."""
    keys = {f"{key}:{u.id}": u for u in users}
    if not keys:
        return 0
    done = set(db.session.scalars(db.select(Notification.dedup_key).where(Notification.dedup_key.in_(keys))))
    waiting = [u for k, u in keys.items() if k not in done]
    if not waiting:
        return 0
    try:
        with db.session.begin_nested():
            rows = notify(KIND, waiting, organisation, context, dedup_key=key)
            db.session.flush()
    except IntegrityError:  # a concurrent run queued them first
        return 0
    return len(rows)


@periodic
def queue_fact_sheet_reminders(now: datetime) -> int:
    if not current_app.config["FACT_SHEET_REMINDERS"]:
        return 0
    heads = {h.organisation_id: h.user for h in db.session.scalars(
        db.select(HeadOfSpoc).options(db.joinedload(HeadOfSpoc.user)))}
    queued = 0
    for organisation, sections in fact_sheets(member_states() + associated_countries()):
        users = recipients(organisation, heads)
        if not users:
            continue
        for section in sections:
            if not section.outdated(now):
                continue
            verified = section.last_verified_at
            key = f"{KIND}:{organisation.id}:{section.declaration.key}:{verified.isoformat() if verified else 'never'}"
            link = url_for("factsheets.detail", code=organisation.code, _external=True,
                           _anchor=f"section-{section.declaration.key}")
            queued += _queue(users, organisation, {"section": section, "link": link}, key)
    return queued
