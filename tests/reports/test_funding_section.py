"""The Council report's funding section, checked against the known data set (tests/funding/overview_dataset.py)
in the HTML page, the Word document and the CSV, in English and in French: the same exact figures in all three."""

import csv
import io
import re
from html import unescape

import pytest
from docx import Document

from app.extensions import db
from tests.funding import overview_dataset as known

PL_PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}
DK_PERIOD = {"start": "2025-07-01", "end": "2025-12-31"}
NNBSP, NBSP = "\u202f", "\u00a0"

# The Polish term: (source, planned, share of planned, actual, share of actual), shares to one decimal.
PL_SPEND = [
    ["ISF Union actions", "€0.30", "0.0%", "€50.30", "98.4%"],
    ["CEPOL", "€0.70", "0.0%", "€0.70", "1.4%"],
    ["National budget", "€0.10", "0.0%", "€0.10", "0.2%"],
    ["Not yet funded", "€12,345.00", "100.0%", "€0.00", "0.0%"],
    ["Total", "€12,346.10", "100.0%", "€51.10", "100.0%"],
]
PL_SPEND_CSV = [
    ["ISF Union actions", "0.30", "0.0", "50.30", "98.4"],
    ["CEPOL", "0.70", "0.0", "0.70", "1.4"],
    ["National budget", "0.10", "0.0", "0.10", "0.2"],
    ["Not yet funded", "12345.00", "100.0", "0.00", "0.0"],
    ["Total", "12346.10", "100.0", "51.10", "100.0"],
]
PL_AWARD = ["2025-04-15", "Course materials", "Poland", "National budget", "€800.00"]


@pytest.fixture
def funding(make_meeting, make_training, make_call, make_application, make_budget_line):
    return known.build(make_meeting, make_training, make_call, make_application, make_budget_line)


def _section(html, title="Funding"):
    start = html.index(f">{title}</h2>")
    return html[start:html.index("</section>", start)]


def _rows(html):
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)]


def test_the_html_section_holds_the_spend_and_the_awards(member_client, funding):
    html = _section(member_client.get("/reports/", query_string=PL_PERIOD).data.decode())
    rows = _rows(html)
    assert ["Funding sources paying in the period", "3"] in rows
    assert ["Applications awarded", "1"] in rows
    assert ["Funding source", "Planned", "Share of planned spend", "Actual", "Share of actual spend"] in rows
    for row in PL_SPEND:
        assert row in rows, row
    assert PL_AWARD in rows
    assert "Autumn meeting co-financing" not in html  # decided in the Danish term
    assert "A co-financing share is the source&#39;s part of the planned, or of the actual, spend" in html
    assert "its date in UTC" in html


def test_the_core_group_counts_the_restricted_meeting_in_the_report(core_client, funding):
    rows = _rows(_section(core_client.get("/reports/", query_string=PL_PERIOD).data.decode()))
    assert ["Total", "€12,445.10", "100.0%", "€51.10", "100.0%"] in rows


def test_the_word_document_holds_the_same_section(member_client, funding):
    document = Document(io.BytesIO(member_client.get("/reports/report.docx", query_string=PL_PERIOD).data))
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    for row in PL_SPEND:
        assert row in rows, row
    assert PL_AWARD in rows
    assert ["Applications awarded", "1"] in rows
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Funding" in headings
    assert "Spend by funding source" in headings
    notes = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert any("its date in UTC" in n for n in notes)


def test_the_csv_holds_the_same_section_as_exact_decimals(member_client, funding):
    response = member_client.get("/reports/report.csv", query_string=PL_PERIOD)
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    funding_rows = [row[2:] for row in rows if row[:2] == ["Funding", "Spend by funding source"]]
    assert funding_rows == [["Funding source", "Planned", "Share of planned spend", "Actual",
                             "Share of actual spend"], *PL_SPEND_CSV]
    assert ["Funding", "Applications awarded", "2025-04-15", "Course materials", "Poland", "National budget",
            "800.00"] in rows
    assert ["Funding", "Figures", "Applications awarded", "1"] in rows
    assert any(row[:2] == ["Funding", "Notes"] and "its date in UTC" in row[2] for row in rows)


def test_a_period_without_funding_says_so(member_client):
    html = _section(member_client.get("/reports/", query_string=PL_PERIOD).data.decode())
    assert ["Applications awarded", "0"] in _rows(html)
    assert html.count("None in this period.") == 2


@pytest.fixture
def french_client(member_client):
    member_client.user.language = "fr"
    db.session.commit()
    return member_client


def _fr(text):
    return text.replace(" ", NNBSP)


def test_the_section_in_french_in_all_three_forms(french_client, funding):
    expected_spend = [["Programme national du FSI", _fr("1 000,00") + f"{NBSP}€", f"100,0{NBSP}%",
                       f"0,00{NBSP}€", f"0,0{NBSP}%"],
                      ["Budget national", f"0,30{NBSP}€", f"0,0{NBSP}%", f"0,35{NBSP}€", f"100,0{NBSP}%"]]
    award = ["2025-11-20", "Autumn meeting co-financing", "Denmark", "Programme national du FSI",
             _fr("123 456,78") + f"{NBSP}€"]
    html = french_client.get("/reports/", query_string=DK_PERIOD).data.decode()
    rows = _rows(_section(html, "Financement"))
    for row in [*expected_spend, award]:
        assert row in rows, row
    assert ["Source de financement", "Prévu", "Part des dépenses prévues", "Réel", "Part des dépenses réelles"] in rows

    document = Document(io.BytesIO(french_client.get("/reports/report.docx", query_string=DK_PERIOD).data))
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    for row in [*expected_spend, award]:
        assert row in cells, row

    rows = list(csv.reader(io.StringIO(
        french_client.get("/reports/report.csv", query_string=DK_PERIOD).data.decode("utf-8-sig"))))
    assert ["Financement", "Dépenses par source de financement", "Programme national du FSI", "1000.00", "100.0",
            "0.00", "0.0"] in rows
    assert ["Financement", "Demandes retenues", "2025-11-20", "Autumn meeting co-financing", "Denmark",
            "Programme national du FSI", "123456.78"] in rows
