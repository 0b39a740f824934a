"""Assessments: yearly rounds of the cooperation and training-needs questionnaires, each country's answer, and the
results (the cooperation matrix, per-country indicators, training needs per topic)."""

from flask import Blueprint

from app.core.i18n import _l
from app.core.templating import navigation_link, record_panel, template_globals

bp = Blueprint("assessments", __name__, url_prefix="/assessments")
navigation_link(bp, _l("Assessments"), "assessments.index", 85)
# The needs a training activity answers, on its page and on the planning form (app/roster/training_views.py).
record_panel(bp, "training_activities", "assessments/_training_needs_panel.html", 20)
record_panel(bp, "training_form", "assessments/_training_needs_panel.html", 20)

from app.assessments import (  # noqa: E402, F401
    difficulties,
    needs,
    notifications,
    permissions,
    search,
    templating,
    views_answers,
    views_needs,
    views_results,
    views_rounds,
    workflow,
)
from app.assessments.matrix import matrix_svg  # noqa: E402

template_globals(bp, *permissions.TEMPLATE_GLOBALS, *templating.TEMPLATE_GLOBALS)
template_globals(bp, *difficulties.TEMPLATE_GLOBALS, *needs.TEMPLATE_GLOBALS, matrix_svg)
