"""CSV exports that open cleanly in Excel and cannot smuggle formulas into a spreadsheet, streamed as they are
read so that memory stays flat however many rows an export has."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from flask import Response, stream_with_context

# Rows read from the database at a time by a streamed export (``yield_per``), and written to the client at once.
BATCH_ROWS = 1000

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
    (app.core.markings.marking_line) is the first row, above the column names, wherever the file goes.

    The body is streamed: ``rows`` may be a generator that reads the database in batches (``BATCH_ROWS``), and
    is consumed only while the response is sent, inside the request's contexts (``stream_with_context``: the
    user, the language and a database session stay available). So the view decides what is exported (its
    filters and permissions) before it returns; the generator only reads it."""
    response = Response(stream_with_context(_chunks(header, rows, marking)), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _chunks(header: Sequence[str], rows: Iterable[Sequence[Any]], marking: str | None) -> Iterator[bytes]:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    if marking:
        writer.writerow([safe_cell(marking)])
    writer.writerow([safe_cell(h) for h in header])
    for count, row in enumerate(rows, 1):
        writer.writerow([safe_cell(v) for v in row])
        if count % BATCH_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
