"""The training needs of a closed training-needs round, per topic, with the activities planned for each, and
their spreadsheets."""

from flask import abort
from flask_login import current_user

from app.assessments import bp, needs_exports
from app.assessments.models import AssessmentRound
from app.assessments.needs import PRIORITY_ORDER, NeedsSummary, aggregate
from app.assessments.permissions import can_see_results
from app.assessments.questionnaires import PRIORITIES
from app.core.htmx import render
from app.extensions import db


def _needs_of(round_id: int) -> NeedsSummary:
    """The round's needs: 404 for a round that is not about training needs, 403 while it is open."""
    round_ = db.get_or_404(AssessmentRound, round_id)
    if round_.questionnaire != "training_needs":
        abort(404)
    if not can_see_results(current_user, round_):
        abort(403)
    return aggregate(round_)


@bp.get("/rounds/<int:round_id>/needs")
def needs(round_id: int):
    """Training needs per topic: countries and staff by priority, levels, formats, languages, countries."""
    summary = _needs_of(round_id)
    return render("assessments/needs.html", summary=summary, round=summary.round, priorities=PRIORITIES,
                  priority_order=PRIORITY_ORDER)


@bp.get("/rounds/<int:round_id>/needs.csv")
def needs_csv(round_id: int):
    """The needs page's figures as CSV."""
    return needs_exports.needs_csv(_needs_of(round_id))


@bp.get("/rounds/<int:round_id>/needs.xlsx")
def needs_xlsx(round_id: int):
    """The needs page's figures as an .xlsx workbook."""
    return needs_exports.needs_xlsx(_needs_of(round_id))
