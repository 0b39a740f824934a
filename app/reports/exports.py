"""The report as a Word document the Council secretariat can edit, and as CSV tables."""

import io
from typing import Any

from docx import Document
from docx.shared import Pt

from app.core.export import csv_response
from app.reports.services import Report


def report_docx(report: Report, generated_on: str) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading("Activities of the European network of Heads of SPOC", level=0)
    document.add_paragraph(
        f"Report for {report.label} ({report.starts_on.isoformat()} to {report.ends_on.isoformat()}), "
        f"drawn from the network's intranet on {generated_on}.")
    for section in report.sections:
        document.add_heading(section.title, level=1)
        figures = document.add_table(rows=0, cols=2)
        figures.style = "Table Grid"
        for label, value in section.figures:
            cells = figures.add_row().cells
            cells[0].text, cells[1].text = label, str(value)
        for table in section.tables:
            document.add_heading(table.title, level=2)
            if not table.rows:
                document.add_paragraph("None in this period.")
                continue
            grid = document.add_table(rows=1, cols=len(table.header))
            grid.style = "Table Grid"
            for cell, title in zip(grid.rows[0].cells, table.header, strict=True):
                cell.text = title
            for row in table.rows:
                for cell, value in zip(grid.add_row().cells, row, strict=True):
                    cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_csv(report: Report) -> Any:
    """One CSV with every figure and table of the report, each row labelled with its section and table."""
    rows: list[list[Any]] = []
    for section in report.sections:
        for label, value in section.figures:
            rows.append([section.title, "Figures", label, value])
        for table in section.tables:
            rows.append([section.title, table.title, *table.header])
            rows.extend([section.title, table.title, *row] for row in table.rows)
    filename = f"spoc-network-activity-{report.starts_on.isoformat()}-{report.ends_on.isoformat()}.csv"
    return csv_response(filename, ["Section", "Table", "Item", "Value"], rows)
