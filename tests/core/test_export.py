import csv
import io

import pytest

from app.core.export import csv_response, safe_cell


@pytest.mark.parametrize("dangerous", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "=HYPERLINK(\"http://x\")"])
def test_cells_that_a_spreadsheet_would_run_are_defused(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous


def test_plain_cells_are_kept():
    assert safe_cell("Prüm decisions") == "Prüm decisions"
    assert safe_cell(None) == ""
    assert safe_cell(12) == "12"


def test_csv_is_utf8_with_bom_and_reads_back(app):
    with app.test_request_context():
        response = csv_response("x.csv", ["Title", "Country"], [["Échange, \"rapide\"", "=IT"]])
    assert response.data.startswith("\ufeff".encode())
    assert 'filename="x.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows == [["Title", "Country"], ['Échange, "rapide"', "'=IT"]]
