"""Links to pages the assessments module may not have in every build (the three parts were written apart)."""

from flask import current_app


def has_page(endpoint: str) -> bool:
    """Whether ``endpoint`` exists, so a template builds its link only then."""
    return endpoint in current_app.view_functions


TEMPLATE_GLOBALS = (has_page,)
