"""The message about nominations: the core group's decision, to the nominating country."""

from flask import url_for

from app.core.i18n import _l
from app.notifications.registry import Kind, notification_kind, record_link

notification_kind("nomination_decided", Kind(_l("A nomination of your country is accepted or declined"), "immediate"))
record_link("nominations", lambda r: url_for("roster.nomination", nomination_id=r.id, _external=True))
