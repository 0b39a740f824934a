"""Country fact sheets: each Member State's law-enforcement system, section by section, kept and verified by the
country ("raise awareness about the law enforcement systems in each Member State"); printable, as .docx, in the
activity report's annex, and compared side by side."""

from flask import Blueprint

from app.core import guard
from app.core.templating import record_panel, template_globals

bp = Blueprint("factsheets", __name__, url_prefix="/network")

from app.factsheets import models, notifications, permissions, services, views  # noqa: E402, F401

template_globals(bp, *permissions.TEMPLATE_GLOBALS)
record_panel(bp, "organisations", "factsheets/_panel.html", 10)
guard.trusted_addresses(services.trusted_mailboxes)
