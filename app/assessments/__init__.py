"""Assessments: yearly rounds of the cooperation and training-needs questionnaires, each country's answer, and the
results (the cooperation matrix, per-country indicators, training needs per topic)."""

from flask import Blueprint

from app.core.i18n import _l
from app.core.templating import navigation_link, template_globals

bp = Blueprint("assessments", __name__, url_prefix="/assessments")
navigation_link(bp, _l("Assessments"), "assessments.index", 85)

from app.assessments import (  # noqa: E402, F401
    links,
    notifications,
    permissions,
    search,
    templating,
    views_answers,
    views_results,
    views_rounds,
    workflow,
)

template_globals(bp, *permissions.TEMPLATE_GLOBALS, *templating.TEMPLATE_GLOBALS)
