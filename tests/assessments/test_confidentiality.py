"""A single country's rating of another is never shown to a third country, on any page or file; the rated country
does not see it either; the rating country sees its own; administrators see the raw ratings. Italy rated France's
answers 2 of 5 in the known data set (tests/factories_results.py)."""

import io

from docx import Document
from openpyxl import load_workbook

PERIOD = {"start": "2025-01-01", "end": "2025-06-30"}
ITALY_ON_FRANCE = ("quality 2 of 5", "2/5", "your quality rating")


def _everything(client, url):
    """The text of every page and file a user may get of the round's results (with the administrators' switch
    asked for, too)."""
    texts = [client.get(url + page).get_data(as_text=True)
             for page in ("/results", "/results?show=quality", "/matrix", "/matrix?show=quality", "/results.csv")]
    workbook = load_workbook(io.BytesIO(client.get(url + "/results.xlsx").data))
    texts.append(" ".join(str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row))
    texts.append(client.get("/reports/", query_string=PERIOD).get_data(as_text=True))
    document = Document(io.BytesIO(client.get("/reports/report.docx", query_string=PERIOD).data))
    texts.append(" ".join(c.text for t in document.tables for row in t.rows for c in row.cells))
    return texts


def test_a_third_country_never_sees_italys_rating_of_france(known, login_as):
    for text in _everything(login_as("member", "SE"), known["url"]):
        for secret in ITALY_ON_FRANCE:
            assert secret not in text


def test_the_rated_country_does_not_see_it_either(known, other_member_client):
    for text in _everything(other_member_client, known["url"]):
        for secret in ITALY_ON_FRANCE:
            assert secret not in text


def test_the_core_group_and_agencies_do_not_see_it(known, core_client, agency_client):
    for client in (core_client, agency_client):  # DE's core-group member sees DE's own ratings only
        html = client.get(known["url"] + "/matrix?show=quality").get_data(as_text=True)
        assert "Italy to France: quality 2 of 5" not in html
        assert "Italy to France: 11 to 50 requests; your quality rating" not in html


def test_italy_sees_its_own_rating(known, member_client):
    html = member_client.get(known["url"] + "/results").get_data(as_text=True)
    assert "Italy to France: 11 to 50 requests; your quality rating 2 of 5" in html


def test_administrators_see_the_raw_ratings(known, admin_client):
    html = admin_client.get(known["url"] + "/results?show=quality").get_data(as_text=True)
    assert "Italy to France: quality 2 of 5" in html
    assert "Raw answer" in html


def test_a_country_rated_by_two_shows_not_enough_answers_everywhere(known, login_as):
    """Italy is rated by Germany (3) and Spain (5): its median (4) is nowhere, only "not enough answers"."""
    client = login_as("member", "SE")
    html = client.get(known["url"] + "/results").get_data(as_text=True)
    italy = html.split('<th scope="row">Italy</th>', 2)[2].split("</tr>", 1)[0]  # the indicators' row
    assert "not enough answers" in italy
    assert "<td>4</td>" not in italy
    csv_text = client.get(known["url"] + "/results.csv").get_data(as_text=True)
    italy_csv = [line for line in csv_text.splitlines() if line.startswith("Indicators,Italy,")]
    assert italy_csv[2:] == ["Indicators,Italy,Requests received (median band),not enough answers",
                             "Indicators,Italy,Urgent requests: median answer time,not enough answers",
                             "Indicators,Italy,Other requests: median answer time,not enough answers",
                             "Indicators,Italy,\"Quality received (median, 1 to 5)\",not enough answers",
                             "Indicators,Italy,Change since 2023,not enough answers"]
