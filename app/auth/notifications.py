"""The message auth sends: the invitation to set a password."""

from app.core.i18n import _l
from app.notifications.registry import Kind, notification_kind

# A set-your-password link is useless a week later and the person has no settings yet: always at once.
notification_kind("invitation", Kind(_l("Invitation to set your password"), "immediate", choosable=False,
                                     replaces_queued=True))

# A reset link is good for an hour and is asked for by someone who cannot log in: always at once, never chosen off.
notification_kind("password_reset", Kind(_l("Link to reset your password"), "immediate", choosable=False,
                                         replaces_queued=True))
