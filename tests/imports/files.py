"""Spreadsheets for the import tests, written as Excel writes them."""

import csv
import io
import zipfile
from typing import Any

from openpyxl import Workbook

HEADER = ["External reference", "Title", "Description", "Kind", "Instrument or channel", "Impact",
          "Reporting country", "Countries on the other side"]


def obstacle_row(ref: str, **changes: Any) -> list[Any]:
    values = {"ref": ref, "title": f"Obstacle {ref}", "description": "Requests wait until morning.",
              "kind": "Technical", "instrument": "PRUM", "impact": "High", "country": "Italy",
              "counterparts": "Germany, Austria"}
    values.update(changes)
    return list(values.values())


def csv_bytes(rows: list[list[Any]], *, encoding: str = "utf-8", delimiter: str = ",",
              header: list[str] = HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]], *, header: list[str] = HEADER, cached: dict[str, str] | None = None) -> bytes:
    """A workbook; ``cached``: formula text -> the value Excel would have saved beside it (openpyxl itself
    saves formulas without their value, as a file that was never opened in Excel)."""
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if not cached:
        return buffer.getvalue()
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for formula, value in cached.items():
                    text = text.replace(f'"><f>{formula}</f><v></v>', f'" t="str"><f>{formula}</f><v>{value}</v>')
                data = text.encode("utf-8")
            target.writestr(item, data)
    return out.getvalue()
