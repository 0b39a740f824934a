from flask import Response, request
from flask_login import current_user

from app.core.htmx import render
from app.core.i18n import _
from app.core.timezones import today
from app.reports import bp
from app.reports.exports import report_csv, report_docx
from app.reports.forms import PeriodForm
from app.reports.services import build_report, default_period, period_problem, report_terms


def _report():
    """The form, and the report for its period (the current Presidency's when none or a wrong one is given)."""
    form = PeriodForm(request.args)
    form.validate()
    starts_on, ends_on, label = default_period()
    problem = None
    if form.start.data and form.end.data and not form.errors:
        problem = period_problem(form.start.data, form.end.data)
        if problem is None:
            starts_on, ends_on, label = form.start.data, form.end.data, None
    elif (form.start.data or form.end.data) and not form.errors:
        problem = _("Give both the first and the last day of the period.")
    if problem:
        form.end.errors = [problem]
    if not form.start.data and not form.end.data and not form.errors:
        form.start.data, form.end.data = starts_on, ends_on
    return form, build_report(starts_on, ends_on, label, reader=current_user)


@bp.route("/")
def index():
    """The activity report for a period, printable; default: the current Presidency half-year."""
    form, report = _report()
    return render("reports/index.html", form=form, report=report, terms=report_terms(),
                  query=request.query_string.decode())


@bp.route("/report.docx")
def docx():
    """The same report as a Word document."""
    _, report = _report()
    body = report_docx(report, today().isoformat())
    response = Response(body, mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    name = f"spoc-network-activity-{report.starts_on.isoformat()}-{report.ends_on.isoformat()}.docx"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/report.csv")
def csv():
    """The same report's figures and tables as CSV."""
    _, report = _report()
    return report_csv(report)
