"""The overview's CSV and .xlsx exports, checked against the known data set (tests/funding/overview_dataset.py):
every amount exact (integer cents, never a float sum), in English and in French."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.extensions import db
from tests.funding import overview_dataset as known

LABELS = {known.PL: "Poland (2025 H1)", known.DK: "Denmark (2025 H2)"}


@pytest.fixture
def funding(make_meeting, make_training, make_call, make_application, make_budget_line):
    return known.build(make_meeting, make_training, make_call, make_application, make_budget_line)


def _plain(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def _get(client, path):
    response = client.get(path, query_string={"term": known.term(known.DK).id})
    assert response.status_code == 200
    extension = path.rsplit(".", 1)[1]
    assert response.headers["Content-Disposition"] == f'attachment; filename="funding-overview-2025-07-01.{extension}"'
    return response


def test_the_csv_holds_every_row_of_the_overview(member_client, funding):
    response = _get(member_client, "/funding/export.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["Half-year", "Funding source", "Planned (EUR)", "Actual (EUR)"]
    expected = [[LABELS[t], source, _plain(planned), _plain(actual)]
                for t in (known.PL, known.DK) for source, planned, actual in known.SPEND[t]]
    assert rows[1:] == expected
    assert ["Poland (2025 H1)", "ISF Union actions", "0.30", "50.30"] in rows  # 0.10 + 0.20, exactly


def test_the_workbook_holds_three_sheets_of_exact_euros(member_client, funding):
    response = _get(member_client, "/funding/export.xlsx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Spend", "Applications", "Open calls"]
    spend = [[c.value for c in row] for row in book["Spend"].iter_rows()]
    assert spend[0] == ["Half-year", "Funding source", "Planned (EUR)", "Actual (EUR)"]
    expected = [[LABELS[t], source, Decimal(planned) / 100, Decimal(actual) / 100]
                for t in (known.PL, known.DK) for source, planned, actual in known.SPEND[t]]
    # Numbers, read back as Python numbers: each is the exact decimal (0.3, not 0.30000000000000004).
    assert [[half, source, Decimal(str(p)), Decimal(str(a))] for half, source, p, a in spend[1:]] == expected
    assert all(isinstance(v, int | float) for row in spend[1:] for v in row[2:])
    assert book["Spend"]["C2"].number_format == '#,##0.00 "€"'
    # In the file itself, the cell is written as the decimal of the cents.
    sheet_xml = zipfile.ZipFile(io.BytesIO(response.data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>0.3</v>" in sheet_xml or "<v>0.30</v>" in sheet_xml
    assert "0.30000000000000004" not in sheet_xml

    states = {row[0].value: [c.value for c in row[1:]] for row in book["Applications"].iter_rows(min_row=2)}
    assert states["Awarded"][0] == 2
    assert Decimal(str(states["Awarded"][1])) == Decimal("151000.00")
    assert Decimal(str(states["Awarded"][2])) == Decimal("124256.78")
    assert states["Drafting"][0] == 1
    assert list(states) == ["Idea", "Drafting", "Submitted", "Awarded", "Rejected", "Withdrawn"]

    calls = [[c.value for c in row] for row in book["Open calls"].iter_rows(min_row=2)]
    assert [c[2] for c in calls] == ["CEPOL exchange programme", "ISF national call for SPOC networks"]
    assert [c[4] for c in calls] == [3, 10]
    assert calls[0][5] is None
    assert Decimal(str(calls[1][5])) == Decimal("200000")
    assert calls[1][3] == "ISF national programme"


def test_text_that_looks_like_a_formula_stays_text(member_client, make_call):
    make_call('=HYPERLINK("http://example.org","click")', reference="+1")
    book = load_workbook(io.BytesIO(member_client.get("/funding/export.xlsx").data))
    row = [c for c in book["Open calls"].iter_rows(min_row=2)][0]
    assert row[2].data_type == "s"
    assert row[2].value == '=HYPERLINK("http://example.org","click")'


@pytest.fixture
def french_client(member_client):
    member_client.user.language = "fr"
    db.session.commit()
    return member_client


def test_the_exports_in_french(french_client, funding):
    rows = list(csv.reader(io.StringIO(_get(french_client, "/funding/export.csv").data.decode("utf-8-sig"))))
    assert rows[0] == ["Semestre", "Source de financement", "Prévu (EUR)", "Réel (EUR)"]
    assert ["Poland (S1 2025)", "Pas encore financé", "12345.00", "0.00"] in rows
    assert ["Denmark (S2 2025)", "Programme national du FSI", "1000.00", "0.00"] in rows
    book = load_workbook(io.BytesIO(_get(french_client, "/funding/export.xlsx").data))
    assert book.sheetnames == ["Dépenses", "Demandes", "Appels ouverts"]
    assert book["Demandes"]["A1"].value == "État"
