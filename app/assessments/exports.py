"""A cooperation round's results as CSV and as an .xlsx workbook, and the text of each indicator shared by the
exports and the Council report, so that the page, the files and the report say the same (the three-country rule
included: a country rated by fewer than three shows "not enough answers" everywhere)."""

import io
from typing import Any

from app.assessments.matrix import NONE, PALETTE, build_matrix
from app.assessments.questionnaires import COOPERATION
from app.assessments.results import Indicator, Results
from app.core.export import csv_response, safe_cell
from app.core.i18n import _, format_number


def band_label(question: str, code: str | None) -> str:
    return COOPERATION.question(question).choice_label(code) if code else NONE


def change_text(indicator: Indicator) -> str:
    """The change of the median quality since the previous round, with an arrow and in words."""
    change = indicator.change
    if change is None:
        return NONE
    if change > 0:
        return _("↑ up %(change)s", change=format_number(change))
    if change < 0:
        return _("↓ down %(change)s", change=format_number(-change))
    return _("→ no change")


def indicator_header(results: Results) -> list[str]:
    previous = results.previous.year if results.previous else None
    return [_("Member State"), _("Countries that rated it"), _("Answered the round"),
            _("Requests received (median band)"), _("Urgent requests: median answer time"),
            _("Other requests: median answer time"), _("Quality received (median, 1 to 5)"),
            _("Change since %(year)s", year=previous) if previous else _("Change since the previous round")]


def indicator_row(indicator: Indicator) -> list[Any]:
    """One country's indicators as text; the figures give way to "not enough answers" under the three-country
    rule (whether the country answered is its own act, not a rating: always shown)."""
    head = [indicator.country.name, indicator.raters, _("yes") if indicator.answered else _("no")]
    if not indicator.enough:
        return head + [_("not enough answers")] * 5
    return head + [band_label("requests_sent", indicator.volume), band_label("urgent_time", indicator.urgent_time),
                   band_label("normal_time", indicator.normal_time),
                   format_number(indicator.quality) if indicator.quality is not None else NONE,
                   change_text(indicator)]


def response_rate_text(results: Results) -> str:
    return _("%(answered)s of %(total)s Member States answered (%(rate)s%%)", answered=len(results.answered),
             total=len(results.states), rate=format_number(round(results.response_rate * 100)))


def results_csv_response(results: Results) -> Any:
    """Long rows (table, country, item, value): the response rate, every indicator, and every cell of the
    matrix that holds a volume (the public matrix: no single country's rating of another)."""
    header = indicator_header(results)
    rows: list[list[Any]] = [[_("Round"), "", _("Response rate"), response_rate_text(results)]]
    for indicator in results.indicators:
        row = indicator_row(indicator)
        rows.extend([_("Indicators"), row[0], item, value] for item, value in zip(header[1:], row[1:], strict=True))
    matrix = build_matrix(results)
    for asking, cells in matrix.rows:
        for answering, cell in zip(matrix.states, cells, strict=True):
            if cell.level > 0:
                rows.append([_("Cooperation matrix: requests sent"), asking.name, answering.name,
                             band_label("requests_sent", cell.text)])
    return csv_response(f"cooperation-results-{results.round.year}.csv",
                        [_("Table"), _("Country"), _("Item"), _("Value")], rows)


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()  # opaque


def results_workbook(results: Results) -> bytes:
    """Two sheets: the indicators (one row per Member State) and the matrix of requests sent (coloured)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")[:31]
    sheet.append([safe_cell(results.round.title)])
    sheet.append([safe_cell(response_rate_text(results))])
    sheet.append([safe_cell(h) for h in indicator_header(results)])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for indicator in results.indicators:
        sheet.append([v if isinstance(v, int) else safe_cell(v) for v in indicator_row(indicator)])
    sheet.column_dimensions["A"].width = 24
    grid = workbook.create_sheet(_("Matrix")[:31])
    matrix = build_matrix(results)
    grid.append([safe_cell(matrix.caption)])
    grid.append(["", *(s.code for s in matrix.states)])
    for asking, cells in matrix.rows:
        grid.append([asking.code, *(c.text for c in cells)])
        for column, cell in enumerate(cells, 2):
            if cell.level > 0:
                target = grid.cell(row=grid.max_row, column=column)
                target.fill = PatternFill("solid", fgColor=_argb(cell.fill))
                target.font = Font(color=_argb(cell.ink))
                target.alignment = Alignment(horizontal="center")
    grid.append([])
    grid.append([_("Legend")])
    for fill, text, meaning in matrix.legend:
        grid.append([text, safe_cell(meaning)])
        if fill in PALETTE:
            grid.cell(row=grid.max_row, column=1).fill = PatternFill("solid", fgColor=_argb(fill))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
