"""The cooperation assessment in the activity report (HTML, Word, CSV): the figures and indicators of the known data
set (tests/factories_results.py), the matrix as a picture, and which round a period reports."""

import csv
import io
import re
from datetime import UTC, datetime

from docx import Document
from PIL import Image

from app.extensions import db
from tests.factories import in_french

PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}
TITLE = "Cooperation between the SPOCs (assessment 2024)"
HEADER = ["Member State", "Countries that rated it", "Answered the round", "Requests received (median band)",
          "Urgent requests: median answer time", "Other requests: median answer time",
          "Quality received (median, 1 to 5)", "Change since 2023"]
FRANCE = ["France", "4", "no", "11 to 50", "4 to 24 hours", "3 to 7 days", "3.5", "↑ up 1.5"]
ITALY = ["Italy", "2", "yes", *["not enough answers"] * 5]


def _section(html: str, title: str) -> str:
    return html.split(f">{title}</h2>", 1)[1].split("</section>", 1)[0]


def test_the_html_report_has_the_section(known, member_client):
    html = member_client.get("/reports/", query_string=PERIOD).get_data(as_text=True)
    section = _section(html, TITLE)
    figures = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="number">(\d+)</td>', section))
    assert figures == {"Member States that answered the cooperation round": "4", "Member States in the round": "27",
                       "Member States rated by at least three countries": "1"}
    assert '<img src="data:image/png;base64,' in section
    assert 'alt="Cooperation matrix 2024: the requests each Member State (row) sent each partner (column).' in section
    rows = [re.findall(r"<td>([^<]*)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", section, re.S)]
    assert FRANCE in rows
    assert ITALY in rows


def test_the_word_report_has_the_picture_and_the_indicators(known, member_client):
    document = Document(io.BytesIO(member_client.get("/reports/report.docx", query_string=PERIOD).data))
    assert TITLE in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == 1
    picture = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    blob = document.part.related_parts[picture].blob
    assert Image.open(io.BytesIO(blob)).format == "PNG"
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells] == HEADER)
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == 27
    assert FRANCE in rows
    assert ITALY in rows
    figures = {row.cells[0].text: row.cells[1].text for t in document.tables for row in t.rows if len(row.cells) == 2}
    assert figures["Member States that answered the cooperation round"] == "4"
    assert figures["Member States rated by at least three countries"] == "1"


def test_the_csv_report_keeps_the_three_country_rule(known, member_client):
    response = member_client.get("/reports/report.csv", query_string=PERIOD)
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [TITLE, "Indicators per Member State", *ITALY] in rows
    assert [TITLE, "Indicators per Member State", *FRANCE] in rows


def test_the_word_report_in_french(known, member_client):
    client = in_french(member_client)
    document = Document(io.BytesIO(client.get("/reports/report.docx", query_string=PERIOD).data))
    assert "Coopération entre les SPOC (évaluation 2024)" in [p.text for p in document.paragraphs]
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert "pas assez de réponses" in cells
    assert "3,5" in cells


def test_a_round_closed_after_the_period_is_left_for_the_next_report(known, member_client):
    known["round"].closed_at = datetime(2025, 9, 1, tzinfo=UTC)
    db.session.commit()
    html = member_client.get("/reports/", query_string=PERIOD).get_data(as_text=True)
    assert TITLE not in html
    section = _section(html, "Cooperation between the SPOCs (assessment 2023)")
    assert '<td class="number">3</td>' in section  # IT, DE and ES answered in 2023


def test_a_period_before_any_round(known, member_client):
    html = member_client.get("/reports/", query_string={"start": "2020-01-01", "end": "2020-06-30"}).get_data(
        as_text=True)
    section = _section(html, "Cooperation between the SPOCs (assessment)")
    assert '<th scope="row">Closed cooperation rounds</th><td class="number">0</td>' in section
    assert "<img" not in section
