"""The report as a Word document the Council secretariat can edit, and as CSV tables, in the language of the
request (the :class:`Report`'s labels already are)."""

import io
from typing import Any

from docx import Document
from docx.shared import Inches, Pt

from app.core.export import csv_response
from app.core.i18n import _, current_language, pgettext
from app.core.markings import marking_line
from app.reports.contents import Report, csv_value


def report_docx(report: Report, generated_on: str) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.language = current_language()
    marking = marking_line(report.marking)  # the highest marking of what it includes, on every page
    document.sections[0].header.paragraphs[0].text = marking
    document.add_paragraph(marking).runs[0].bold = True
    document.add_heading(_("Activities of the European network of Heads of SPOC"), level=0)
    document.add_paragraph(_(
        "Report for %(period)s (%(start)s to %(end)s), drawn from the network's intranet on %(day)s.",
        period=report.label, start=report.starts_on.isoformat(), end=report.ends_on.isoformat(), day=generated_on))
    for section in report.sections:
        document.add_heading(section.title, level=1)
        figures = document.add_table(rows=0, cols=2)
        figures.style = "Table Grid"
        for label, value in section.figures:
            cells = figures.add_row().cells
            cells[0].text, cells[1].text = str(label), str(value)
        for note in section.notes:
            document.add_paragraph(note, style="List Bullet")
        if section.picture:
            document.add_picture(io.BytesIO(section.picture.png), width=Inches(6.5))
            document.add_paragraph(section.picture.description)
        for table in section.tables:
            document.add_heading(table.title, level=2)
            if not table.rows:
                document.add_paragraph(_("None in this period."))
                continue
            grid = document.add_table(rows=1, cols=len(table.header))
            grid.style = "Table Grid"
            for cell, title in zip(grid.rows[0].cells, table.header, strict=True):
                cell.text = str(title)
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
            rows.append([section.title, _("Figures"), label, csv_value(value)])
        rows.extend([section.title, _("Notes"), note, ""] for note in section.notes)
        for table in section.tables:
            rows.append([section.title, table.title, *table.header])
            rows.extend([section.title, table.title, *map(csv_value, row)] for row in table.rows)
    filename = f"spoc-network-activity-{report.starts_on.isoformat()}-{report.ends_on.isoformat()}.csv"
    return csv_response(filename, [_("Section"), _("Table"), pgettext("report", "Item"), _("Value")], rows,
                        marking=marking_line(report.marking))
