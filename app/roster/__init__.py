"""The training-expert roster: nominations, core-group review, the roster, training activities."""

from flask import Blueprint

from app.core import guard
from app.core.i18n import _l
from app.core.templating import navigation_link, template_globals

bp = Blueprint("roster", __name__)
navigation_link(bp, _l("Experts"), "roster.experts", 40)
navigation_link(bp, _l("Nominations"), "roster.nominations", 50)
navigation_link(bp, _l("Trainings"), "roster.trainings", 60)

from app.roster import (  # noqa: E402, F401
    imports,
    notifications,
    permissions,
    personal_data_views,
    retention,
    search,
    services,
    training_views,
    views,
)

template_globals(bp, *permissions.TEMPLATE_GLOBALS)
# An expert on the roster or nominated to it is a contact of the network, not a third party.
guard.trusted_addresses(services.expert_addresses)
