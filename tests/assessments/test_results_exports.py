"""The results as CSV and .xlsx: the figures of the known data set (tests/factories_results.py), the
three-country rule, and the public matrix only."""

import csv
import io

from openpyxl import load_workbook

from tests.factories import in_french


def _csv(client, url):
    response = client.get(url + "/results.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="cooperation-results-2024.csv"'
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_csv_figures(known, member_client):
    rows = _csv(member_client, known["url"])
    assert rows[0] == ["Table", "Country", "Item", "Value"]
    assert ["Round", "", "Response rate", "4 of 27 Member States answered (15%)"] in rows
    france = {row[2]: row[3] for row in rows if row[:2] == ["Indicators", "France"]}
    assert france == {"Countries that rated it": "4", "Answered the round": "no",
                      "Requests received (median band)": "11 to 50",
                      "Urgent requests: median answer time": "4 to 24 hours",
                      "Other requests: median answer time": "3 to 7 days",
                      "Quality received (median, 1 to 5)": "3.5", "Change since 2023": "↑ up 1.5"}
    italy = {row[2]: row[3] for row in rows if row[:2] == ["Indicators", "Italy"]}
    assert italy["Countries that rated it"] == "2"
    assert italy["Quality received (median, 1 to 5)"] == "not enough answers"
    assert italy["Urgent requests: median answer time"] == "not enough answers"
    matrix = [row[1:] for row in rows if row[0] == "Cooperation matrix: requests sent"]
    assert len(matrix) == 8
    assert ["Italy", "France", "11 to 50"] in matrix
    assert ["Poland", "France", "201 to 1,000"] in matrix


def test_csv_in_french(known, member_client):
    rows = _csv(in_french(member_client), known["url"])
    france = {row[2]: row[3] for row in rows if row[:2] == ["Indicateurs", "France"]}
    assert france["Qualité reçue (médiane, de 1 à 5)"] == "3,5"
    assert france["Évolution depuis 2023"] == "↑ en hausse de 1,5"
    italy = {row[2]: row[3] for row in rows if row[:2] == ["Indicateurs", "Italy"]}
    assert italy["Qualité reçue (médiane, de 1 à 5)"] == "pas assez de réponses"


def test_xlsx_figures(known, member_client):
    response = member_client.get(known["url"] + "/results.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Indicators", "Matrix"]
    sheet = workbook["Indicators"]
    assert sheet["A2"].value == "4 of 27 Member States answered (15%)"
    header = [c.value for c in sheet[3]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert len(rows) == 27
    assert rows["France"]["Countries that rated it"] == 4
    assert rows["France"]["Quality received (median, 1 to 5)"] == "3.5"
    assert rows["France"]["Urgent requests: median answer time"] == "4 to 24 hours"
    assert rows["France"]["Change since 2023"] == "↑ up 1.5"
    assert rows["Italy"]["Quality received (median, 1 to 5)"] == "not enough answers"
    assert rows["Italy"]["Answered the round"] == "yes"
    grid = workbook["Matrix"]
    codes = [c.value for c in grid[2]]
    italy = next(r for r in grid.iter_rows(min_row=3) if r[0].value == "IT")
    france_cell = italy[codes.index("FR")]
    assert france_cell.value == "11-50"
    assert france_cell.fill.fgColor.rgb == "FFC6DBEF"
    assert italy[codes.index("SE")].value == "–"
    values = {c.value for row in grid.iter_rows() for c in row}
    assert not any(isinstance(v, str) and "/5" in v for v in values)  # no single rating, even for Italy itself


def test_xlsx_in_french(known, member_client):
    workbook = load_workbook(io.BytesIO(in_french(member_client).get(known["url"] + "/results.xlsx").data))
    assert workbook.sheetnames == ["Indicateurs", "Matrice"]
    values = [c for row in workbook["Indicateurs"].iter_rows(values_only=True) for c in row]
    assert "pas assez de réponses" in values
    assert "3,5" in values
