"""E-mail notifications: a queue filled in the transaction of each change, sent by `flask notifications send`,
with each user's choice per kind of message (at once, weekly digest, never)."""

from flask import Blueprint

from app.core.templating import template_globals

bp = Blueprint("notifications", __name__)

from app.notifications import cli, views  # noqa: E402, F401

template_globals(bp, views.notification_settings)
