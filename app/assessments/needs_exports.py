"""The training needs per topic as a spreadsheet: CSV (app.core.export) and .xlsx (openpyxl), the same columns
and figures as the needs page, in the reader's language."""

import io
from collections.abc import Iterator, Sequence
from typing import Any

from flask import Response
from openpyxl import Workbook
from openpyxl.styles import Font

from app.assessments.needs import PRIORITY_ORDER, NeedsSummary
from app.assessments.questionnaires import PRIORITIES
from app.core.export import csv_response, safe_cell
from app.core.i18n import _

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header() -> list[str]:
    by_priority = [str(PRIORITIES[p]) for p in PRIORITY_ORDER]
    return [_("Topic"), _("Countries with a need"),
            *(_("Countries, priority %(priority)s", priority=p.lower()) for p in by_priority),
            _("Staff to train"), *(_("Staff to train, priority %(priority)s", priority=p.lower()) for p in by_priority),
            _("Current levels"), _("Preferred formats"), _("Preferred languages"), _("Countries"),
            _("Training activities planned")]


def _counted(pairs: list[tuple[str, int]]) -> str:
    return "; ".join(f"{label}: {count}" for label, count in pairs)


def rows(summary: NeedsSummary) -> Iterator[list[Any]]:
    for need in summary.topics:
        yield [need.label, need.country_count, *(need.countries_by_priority[p] for p in PRIORITY_ORDER),
               need.staff, *(need.staff_by_priority[p] for p in PRIORITY_ORDER),
               _counted(need.counted("level")), _counted(need.counted("format")), _counted(need.counted("language")),
               "; ".join(f"{name} ({PRIORITIES[priority]})" for name, priority in need.countries),
               "; ".join(t.title for t in need.trainings)]


def filename(summary: NeedsSummary, extension: str) -> str:
    return f"training-needs-{summary.round.year}.{extension}" if summary.round else f"training-needs.{extension}"


def needs_csv(summary: NeedsSummary) -> Response:
    return csv_response(filename(summary, "csv"), header(), list(rows(summary)))


def needs_xlsx(summary: NeedsSummary) -> Response:
    return xlsx_response(filename(summary, "xlsx"), str(_("Training needs")), header(), list(rows(summary)))


def xlsx_response(name: str, sheet_title: str, columns: Sequence[str], data: list[list[Any]]) -> Response:
    """A one-sheet workbook: the column names in bold, text cells defused like the CSV's (no formulas)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]  # the longest sheet name Excel opens
    sheet.append([safe_cell(c) for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in data:
        sheet.append([value if isinstance(value, int) else safe_cell(value) for value in row])
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = Response(buffer.getvalue(), mimetype=XLSX_MIMETYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response
