"""Fact sheets as a Word document (python-docx, as the activity report): one country, or the set of them, each
section with its "last verified" date in the reader's language."""

import io
from datetime import date

from docx import Document
from docx.shared import Pt

from app.core.i18n import _, current_language, format_date
from app.core.markings import default_marking, marking_line
from app.factsheets.models import labelled
from app.factsheets.services import SheetSection
from app.network.models import Organisation


def verified_line(section: SheetSection) -> str:
    if section.last_verified_at is None:
        return _("Never verified.")
    return _("Last verified on %(date)s.", date=format_date(section.last_verified_at))


def add_sheet(document: object, organisation: Organisation, sections: list[SheetSection], level: int = 1) -> None:
    document.add_heading(_("Fact sheet: %(country)s", country=organisation.name), level=level)
    for section in sections:
        document.add_heading(str(section.declaration.title), level=level + 1)
        document.add_paragraph(verified_line(section)).runs[0].italic = True
        filled = [(f, text) for f, text, _kind in section.shown() if text]
        if not filled:
            document.add_paragraph(_("Not filled in yet."))
            continue
        for item, text in filled:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{labelled(item)} ").bold = True
            paragraph.add_run(text)


def fact_sheet_docx(sheets: list[tuple[Organisation, list[SheetSection]]], generated_on: date) -> bytes:
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.language = current_language()
    marking = marking_line(default_marking())
    document.sections[0].header.paragraphs[0].text = marking
    document.add_paragraph(marking).runs[0].bold = True
    for organisation, sections in sheets:
        add_sheet(document, organisation, sections)
    document.add_paragraph(_("Drawn from the network's intranet on %(day)s.", day=format_date(generated_on)))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
