"""Demo e-mail settings and one refused address, so the settings and delivery pages show something."""

from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.network.models import Organisation, User
from app.notifications.models import NotificationPreference, RefusedAddress


def load_demo(users: dict[str, User], organisations: dict[str, Organisation]) -> None:
    giulia = users["head.it@example.org"]
    for kind, delivery in (("obstacle_comment", "immediate"), ("meeting_reminder", "immediate")):
        db.session.add(NotificationPreference(user_id=giulia.id, kind=kind, delivery=delivery))
    db.session.add(NotificationPreference(user_id=users["liaison.cepol@example.org"].id, kind="nomination_decided",
                                          delivery="never"))
    db.session.add(RefusedAddress(address="former.officer.pl@example.org",
                                  reason="550 5.1.1 <former.officer.pl@example.org>: mailbox unavailable",
                                  refused_at=datetime.now(UTC) - timedelta(days=3), messages=2))
