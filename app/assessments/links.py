"""Links to pages another part of the assessments builds: a template shows the link only when the page exists;
and the results' template helpers."""

from flask import current_app

from app.assessments import bp
from app.assessments.matrix import matrix_svg
from app.core.templating import template_globals


def has_page(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


template_globals(bp, has_page, matrix_svg)
