from typing import Any

from app.core.permissions import is_admin, same_country
from app.network.models import Organisation


def can_edit_profile(user: Any, organisation: Organisation) -> bool:
    """A country's own members keep its profile; administrators may correct any."""
    return organisation.is_country and (is_admin(user) or same_country(user, organisation.id))


# The rules templates call (registered by app/network/__init__.py).
TEMPLATE_GLOBALS = (can_edit_profile,)
