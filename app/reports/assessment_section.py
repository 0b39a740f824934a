"""The cooperation assessment in the activity report: the newest closed cooperation round known at the end of the
period (about a year up to the period's last year, closed before the period ends), with its response rate, the
matrix of requests as a picture and the indicators table. The figures are the results page's
(app/assessments/results.py), the three-country rule included, so the report and the page cannot disagree."""

from datetime import date, datetime

from app.assessments.exports import indicator_header, indicator_row
from app.assessments.matrix import build_matrix, matrix_png
from app.assessments.models import AssessmentRound
from app.assessments.results import build_results
from app.core.i18n import _
from app.extensions import db
from app.reports.contents import Picture, Section, Table


def reported_round(ends_on: date, end: datetime) -> AssessmentRound | None:
    return db.session.scalar(
        db.select(AssessmentRound)
        .where(AssessmentRound.questionnaire == "cooperation", AssessmentRound.status == "closed",
               AssessmentRound.year <= ends_on.year,
               db.or_(AssessmentRound.closed_at.is_(None), AssessmentRound.closed_at < end))
        .order_by(AssessmentRound.year.desc()).limit(1))


def assessment_section(ends_on: date, end: datetime) -> Section:
    title = _("Cooperation between the SPOCs (assessment)")
    round_ = reported_round(ends_on, end)
    if round_ is None:
        return Section(title, [(_("Closed cooperation rounds"), 0)])
    results = build_results(round_)
    matrix = build_matrix(results)
    picture = Picture(matrix_png(matrix), _(
        "%(caption)s. Rows: the asking country; columns: the answering country; the figures are on the "
        "intranet's results page.", caption=matrix.caption))
    return Section(_("Cooperation between the SPOCs (assessment %(year)s)", year=round_.year), [
        (_("Member States that answered the cooperation round"), len(results.answered)),
        (_("Member States in the round"), len(results.states)),
        (_("Member States rated by at least three countries"), sum(i.enough for i in results.indicators)),
    ], [
        Table(_("Indicators per Member State"), indicator_header(results),
              [indicator_row(i) for i in results.indicators]),
    ], picture=picture)
