"""Reading fact sheets: the printable page, the .docx, the activity report's annex and the comparison of countries,
each section with its "last verified" date in the reader's language."""

import io
from datetime import UTC, datetime

import pytest
from docx import Document

from app.extensions import db
from app.factsheets.models import FactSheetSection
from tests.factories import in_french, is_fragment, organisation

VERIFIED = datetime(2026, 10, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def sheets(app):
    """Italy's and Germany's sheets, partly filled in; France has none."""
    rows = {
        ("IT", "spoc"): {"spoc_authority": "Central Directorate of Criminal Police", "spoc_staff": 180,
                         "spoc_organisation": "- SIRENE\n- Europol National Unit"},
        ("IT", "channels"): {"channels_operated": ["siena", "interpol"]},
        ("IT", "languages_hours"): {"working_languages": "Italian, English", "open_around_the_clock": True},
        ("DE", "spoc"): {"spoc_authority": "Federal criminal police office", "spoc_staff": 120},
        ("DE", "contacts"): {"contact_mailbox": "spoc@bka.example.de"},
    }
    for (code, key), values in rows.items():
        db.session.add(FactSheetSection(organisation=organisation(code), section=key, values=values,
                                        last_verified_at=VERIFIED))
    db.session.commit()


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_sheet_shows_every_section_with_its_verification(sheets, agency_client):
    page = agency_client.get("/network/IT/fact-sheet").data.decode()
    for title in ("Police and customs services and their competences", "The SPOC's place and staffing",
                  "Channels operated", "Legal basis for information exchange", "Languages and office hours",
                  "24/7 contacts", "Data protection authority"):
        assert title in page
    assert "Central Directorate of Criminal Police" in page
    assert "<li>Europol National Unit</li>" in page  # Markdown rendered
    assert "SIENA (Europol), INTERPOL National Central Bureau (I-24/7)" in page
    assert "Open around the clock (24/7)</dt><dd>Yes" in page
    assert page.count("Last verified on 1 October 2026.") == 3
    assert page.count("Never verified.") == 4
    assert "Marking:" in page  # the banner, on screen and on paper


def test_the_printable_page_hides_what_paper_does_not_need(sheets, member_client):
    page = member_client.get("/network/IT/fact-sheet").data.decode()
    # The buttons and the breadcrumb are marked no-print; the print CSS hides those and the site's header.
    assert 'class="actions no-print"' in page
    assert 'class="breadcrumb no-print"' in page
    css = member_client.get("/static/css/spoc.css").data.decode()
    assert ".site-header, .site-footer, .skip-link, .no-print" in css
    assert ".fact-sheet-section { break-inside: avoid;" in css


def test_markdown_in_a_sheet_renders_inert(member_client):
    hostile = '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>'
    member_client.post("/network/IT/fact-sheet/spoc/edit", data={"version": "0", "spoc_organisation": hostile})
    page = member_client.get("/network/IT/fact-sheet").data.decode()
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page


def test_the_docx_holds_each_section_and_its_verification_date(sheets, agency_client):
    response = agency_client.get("/network/IT/fact-sheet.docx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="fact-sheet-IT.docx"'
    text = _docx_text(response.data)
    assert "Fact sheet: Italy" in text
    assert "The SPOC's place and staffing" in text
    assert "Staff (full-time equivalents): 180" in text
    assert "Channels the SPOC operates: SIENA (Europol), INTERPOL National Central Bureau (I-24/7)" in text
    assert text.count("Last verified on 1 October 2026.") == 3
    assert text.count("Never verified.") == 4
    assert "Marking:" in text


def test_the_docx_in_french(sheets, member_client):
    text = _docx_text(in_french(member_client).get("/network/IT/fact-sheet.docx").data)
    assert "Fiche pays : Italy" in text
    assert "Dernière vérification le 1 octobre 2026." in text
    assert "Effectif (équivalents temps plein) : 180" in text


def test_the_report_has_the_fact_sheets_as_its_annex(sheets, member_client):
    page = member_client.get("/reports/").data.decode()
    assert "Annex: fact sheets of the Member States" in page
    assert "Fact sheet: Italy" in page
    assert "Fact sheet: Germany" in page
    assert "Fact sheet: France" not in page  # no sheet yet
    docx = _docx_text(member_client.get("/reports/report.docx").data)
    assert "Annex: fact sheets of the Member States" in docx
    assert "Staff (full-time equivalents): 180" in docx
    assert "1 October 2026" in docx
    csv = member_client.get("/reports/report.csv").data.decode()
    assert "Fact sheet: Germany" in csv
    assert "spoc@bka.example.de" in csv
    assert "Sections over a year old or never verified" in csv


def test_compare_puts_sections_in_rows_and_countries_in_columns(sheets, agency_client):
    page = agency_client.get("/network/fact-sheets/compare?c=IT&c=DE").data.decode()
    head = page[page.index("<thead>"):page.index("</thead>")]
    assert head.index("Italy") < head.index("Germany")
    assert page.count('<th scope="row">') == 7
    row = page[page.index("The SPOC's place and staffing</th>"):]
    row = row[:row.index("</tr>")]
    assert row.index("Central Directorate of Criminal Police") < row.index("Federal criminal police office")
    assert 'class="compare-box" tabindex="0"' in page  # scrolls within its own box on a phone
    assert '<input checked id="c-14" name="c" type="checkbox" value="IT">' in page  # the choice stays ticked


def test_compare_needs_two_countries_and_refuses_unknown_ones(agency_client):
    page = agency_client.get("/network/fact-sheets/compare?c=IT")
    assert page.status_code == 200
    assert "Choose at least two countries to compare." in page.data.decode()
    assert "<thead>" not in page.data.decode()
    forged = agency_client.get("/network/fact-sheets/compare?c=IT&c=EUROPOL&c=XX").data.decode()
    assert "Choose Member States from the list." in forged
    assert "<thead>" not in forged
    first = agency_client.get("/network/fact-sheets/compare").data.decode()
    assert "Choose two or more countries: the Member States, then the Schengen-associated countries." in first
    assert "Choose at least two" not in first  # no error before anything was asked


def test_compare_in_french(sheets, member_client):
    page = in_french(member_client).get("/network/fact-sheets/compare?c=IT&c=DE").data.decode()
    assert "Comparer les fiches pays" in page
    assert "Dernière vérification le 1 octobre 2026." in page


def test_the_sheet_in_french(sheets, member_client):
    page = in_french(member_client).get("/network/IT/fact-sheet").data.decode()
    assert "Fiche pays : Italy" in page
    assert "Canaux exploités" in page
    assert "Dernière vérification le 1 octobre 2026." in page
    assert "Jamais vérifiée." in page
    assert "Marquer comme vérifiée" in page
    form = member_client.get("/network/IT/fact-sheet/spoc/edit").data.decode()
    assert "Effectif (équivalents temps plein)" in form
    refused = member_client.post("/network/IT/fact-sheet/spoc/edit", data={"version": "1", "spoc_staff": "-1"})
    assert "Indiquez un nombre entier de 0 à 10000." in refused.data.decode()


def test_htmx_gets_the_page_for_a_sheet(sheets, member_client):
    response = member_client.get("/network/IT/fact-sheet", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert not is_fragment(response)
