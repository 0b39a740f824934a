"""E-mail notifications: a queue filled in the transaction of each change, sent by `flask notifications send`,
with each user's choice per kind of message (at once, weekly digest, never)."""

from flask import Blueprint

from app.core import guard
from app.core.templating import template_globals

bp = Blueprint("notifications", __name__)

from app.notifications import cli, services, views  # noqa: E402, F401

template_globals(bp, views.notification_settings)
# An address the intranet's mail was refused at was a user's: the network's, not a third party's.
guard.trusted_addresses(services.refused_addresses)
