"""Links to pages another part of the assessments builds: a template shows the link only when the page exists."""

from flask import current_app

from app.assessments import bp
from app.core.templating import template_globals


def has_page(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


template_globals(bp, has_page)
