"""The messages about the roster: the core group's decision on a nomination, to the nominating country; an entry
left unreviewed past the grace period, to administrators (queued by app.roster.retention)."""

from flask import url_for

from app.core.i18n import _l
from app.notifications.registry import Kind, notification_kind, record_link

notification_kind("nomination_decided", Kind(_l("A nomination of your country is accepted or declined"), "immediate"))
notification_kind("roster_review_overdue",
                  Kind(_l("A roster entry is long past its review-by date (administrators)"), "immediate"))
record_link("nominations", lambda r: url_for("roster.nomination", nomination_id=r.id, _external=True))
record_link("experts", lambda r: url_for("roster.expert", expert_id=r.id, _external=True))
