"""The results of a closed cooperation round: the matrix with the indicators, the matrix alone, and both as CSV
and .xlsx. Every logged-in user reads them once the round is closed (403 before: no preview, not even for
administrators); the confidentiality rules are those of app/assessments/results.py and matrix.py."""

from flask import Response, abort, request
from flask_login import current_user, login_required

from app.assessments import bp
from app.assessments.exports import (
    indicator_header,
    indicator_row,
    response_rate_text,
    results_csv_response,
    results_workbook,
)
from app.assessments.matrix import build_matrix, sparkline
from app.assessments.models import AssessmentRound
from app.assessments.permissions import can_see_results, sees_raw_answers
from app.assessments.results import MIN_RATERS, Results, build_results
from app.core.htmx import render
from app.extensions import db


def _results_or_abort(round_id: int) -> Results:
    round_ = db.session.get(AssessmentRound, round_id)
    if round_ is None or round_.questionnaire != "cooperation":
        abort(404)
    if not can_see_results(current_user, round_):
        abort(403)
    return build_results(round_)


def _mode() -> str:
    """Administrators may switch the matrix to the quality ratings; anyone else always gets the volumes."""
    return "quality" if request.args.get("show") == "quality" and sees_raw_answers(current_user) else "volume"


@bp.get("/rounds/<int:round_id>/results")
@login_required
def results(round_id: int):
    found = _results_or_abort(round_id)
    matrix = build_matrix(found, _mode(), current_user.organisation_id)
    rows = [(i, indicator_row(i), sparkline(i.trend)) for i in found.indicators]
    return render("assessments/results.html", results=found, matrix=matrix, min_raters=MIN_RATERS,
                  raw=sees_raw_answers(current_user), header=indicator_header(found), indicator_rows=rows,
                  response_rate=response_rate_text(found))


@bp.get("/rounds/<int:round_id>/matrix")
@login_required
def matrix(round_id: int):
    found = _results_or_abort(round_id)
    matrix = build_matrix(found, _mode(), current_user.organisation_id)
    return render("assessments/matrix.html", results=found, matrix=matrix, raw=sees_raw_answers(current_user),
                  min_raters=MIN_RATERS)


@bp.get("/rounds/<int:round_id>/results.csv")
@login_required
def results_csv(round_id: int):
    return results_csv_response(_results_or_abort(round_id))


@bp.get("/rounds/<int:round_id>/results.xlsx")
@login_required
def results_xlsx(round_id: int):
    found = _results_or_abort(round_id)
    response = Response(results_workbook(found),
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.headers["Content-Disposition"] = f'attachment; filename="cooperation-results-{found.round.year}.xlsx"'
    response.headers["Cache-Control"] = "no-store"
    return response
