"""CSV exports that open cleanly in Excel and cannot smuggle formulas into a spreadsheet."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Response

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *,
                 marking: str | None = None) -> Response:
    """A CSV download: UTF-8 with a byte-order mark (so Excel reads accents), every cell defused. ``marking``
    (app.core.markings.marking_line) is the first row, above the column names, wherever the file goes."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    if marking:
        writer.writerow([safe_cell(marking)])
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    response = Response(buffer.getvalue().encode("utf-8"), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
