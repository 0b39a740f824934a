"""The overview at /funding/: spend per half-year by source (a chart and its table), open calls with the days left,
applications by state; and the same figures as CSV and .xlsx. Every member reads it."""

from typing import Any

from flask import abort, request
from flask_login import current_user

from app.core.htmx import render
from app.core.limits import to_id
from app.funding import bp
from app.funding.charts import spend_chart
from app.funding.exports import overview_xlsx, spend_csv, xlsx_response
from app.funding.overview import applications_by_state, chosen_terms, open_calls, spend, term_period
from app.funding.permissions import can_read_funding


def _figures() -> dict[str, Any]:
    """The chosen half-year (``?term=<id>``; today's by default; 404 for one that is not recorded), the half-years
    shown with it and their spend."""
    if not can_read_funding(current_user):
        abort(403)
    raw = request.args.get("term")
    term_id = to_id(raw) if raw is not None else None
    if raw is not None and term_id is None:
        abort(404)
    chosen, shown, offered = chosen_terms(term_id)
    if term_id is not None and chosen is None:
        abort(404)
    spends = spend([term_period(t) for t in shown], current_user)
    labels = {t: t.label for t in shown}
    return {"chosen": chosen, "offered": offered, "spends": spends, "labels": labels}


def _filename(figures: dict[str, Any], extension: str) -> str:
    chosen = figures["chosen"]
    return f"funding-overview-{chosen.starts_on.isoformat() if chosen else 'all'}.{extension}"


@bp.get("/")
def index():
    figures = _figures()
    return render("funding/index.html", chart=spend_chart(figures["spends"], figures["labels"]),
                  calls=open_calls(), states=applications_by_state(), **figures)


@bp.get("/export.csv")
def export_csv():
    """The spend per half-year and source of the overview's half-years."""
    figures = _figures()
    return spend_csv(_filename(figures, "csv"), figures["spends"], figures["labels"])


@bp.get("/export.xlsx")
def export_xlsx():
    """The overview's three tables, one sheet each, amounts as numbers in euro."""
    figures = _figures()
    body = overview_xlsx(figures["spends"], figures["labels"], applications_by_state(), open_calls())
    return xlsx_response(_filename(figures, "xlsx"), body)
