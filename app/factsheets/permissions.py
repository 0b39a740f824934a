from typing import Any

from app.core.permissions import is_admin, same_country
from app.network.models import Organisation


def can_edit_fact_sheet(user: Any, organisation: Organisation) -> bool:
    """A country keeps its own fact sheet: its members edit and verify it; administrators may correct any."""
    return organisation.is_country and (is_admin(user) or same_country(user, organisation.id))


# The rules templates call (registered by app/factsheets/__init__.py).
TEMPLATE_GLOBALS = (can_edit_fact_sheet,)
