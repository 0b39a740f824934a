"""The overview as a spreadsheet: CSV (the spend table, Excel-safe like every export) and .xlsx (one sheet per
table: spend per half-year and source, applications by state, open calls).

Amounts in the CSV are plain exact decimals ("12345.00"); in the workbook they are numbers in euro, written from
``Decimal(cents) / 100`` (exact: the file holds "0.3", never 0.30000000000000004) with a currency format."""

import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from flask import Response
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from app.core.export import csv_response
from app.core.i18n import _, pgettext
from app.funding.charts import payer_label
from app.funding.money import plain_euros
from app.funding.overview import OpenCall, PeriodSpend, StateCount

EURO_FORMAT = '#,##0.00 "€"'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spend_header() -> list[str]:
    return [_("Half-year"), _("Funding source"), _("Planned (EUR)"), _("Actual (EUR)")]


def spend_rows(spends: Sequence[PeriodSpend], labels: dict[Any, str]) -> Iterator[list[Any]]:
    """One row per half-year and payer: its name, the payer, planned and actual cents."""
    for period in spends:
        for row in period.rows:
            yield [labels[period.period.key], payer_label(row.source), row.planned, row.actual]


def spend_csv(filename: str, spends: Sequence[PeriodSpend], labels: dict[Any, str]) -> Response:
    rows = ([half, payer, plain_euros(planned), plain_euros(actual)]
            for half, payer, planned, actual in spend_rows(spends, labels))
    return csv_response(filename, spend_header(), rows)


def _amount(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / 100


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list[Any]], money: set[int]) -> None:
    """A sheet of ``rows`` under a bold ``header``; columns in ``money`` hold cents, written as euros."""
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_amount(v) if n in money else
                      (ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v) for n, v in enumerate(row)])
        for n, cell in enumerate(sheet[sheet.max_row]):
            if cell.data_type == "f":  # text starting with "=" is a name, never a formula to run
                cell.data_type = "s"
            if n in money:
                cell.number_format = EURO_FORMAT
    for n, title_text in enumerate(header):
        sheet.column_dimensions[chr(ord("A") + n)].width = max(12, min(60, len(title_text) + 4))


def overview_xlsx(spends: Sequence[PeriodSpend], labels: dict[Any, str], states: Sequence[StateCount],
                  calls: Sequence[OpenCall]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, _("Spend"), spend_header(), [list(r) for r in spend_rows(spends, labels)], {2, 3})
    _sheet(workbook, _("Applications"),
           [_("State"), _("Applications"), _("Requested (EUR)"), _("Awarded (EUR)")],
           [[s.label, s.count, s.requested, s.awarded] for s in states], {2, 3})
    _sheet(workbook, _("Open calls"),
           [_("Closes on"), pgettext("funding overview", "Reference"), _("Call"), _("Funding source"),
            _("Days left"), _("Maximum amount (EUR)")],
           [[c.call.closes_on, c.call.reference, c.call.title, str(c.call.source), c.days_left,
             c.call.max_amount_cents] for c in calls], {5})
    for cell in workbook[_("Open calls")[:31]]["A"][1:]:
        cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, body: bytes) -> Response:
    response = Response(body, mimetype=XLSX)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
