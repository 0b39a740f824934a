"""The network directory: organisations, their members and country profiles; the Presidency rotation."""

from flask import Blueprint

from app.core import guard
from app.core.i18n import _l
from app.core.templating import navigation_link, template_globals

bp = Blueprint("network", __name__, url_prefix="/network")
navigation_link(bp, _l("Network"), "network.index", 100)

from app.network import cli, services, views  # noqa: E402, F401

template_globals(bp, services.current_presidency, services.holds_presidency)
guard.trusted_addresses(services.network_addresses)
