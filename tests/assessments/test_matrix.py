"""The cooperation matrix of the known data set (tests/factories_results.py): the text of its cells, the
legend, the picture and the data table, and what changes with the viewer."""

import re

from tests.factories import in_french


def _cells(html: str) -> dict[str, str]:
    """The data table's cells: their full reading (title) -> their text."""
    table = html.split('class="table matrix-table"', 1)[1].split("</table>", 1)[0]
    return {title: text for title, text in re.findall(r'<td title="([^"]*)">([^<]*)</td>', table)}


def test_cells_show_the_volume_bands_to_a_third_country(known, login_as):
    html = login_as("member", "SE").get(known["url"] + "/matrix").get_data(as_text=True)
    cells = _cells(html)
    assert len(cells) == 27 * 27
    assert cells["Italy to France: 11 to 50 requests"] == "11-50"
    assert cells["Germany to France: 51 to 200 requests"] == "51-200"
    assert cells["Spain to France: 1 to 10 requests"] == "1-10"
    assert cells["Poland to France: 201 to 1,000 requests"] == "201-1000"
    assert cells["Italy to Sweden: did not work together"] == "–"
    assert cells["France to Italy: did not answer"] == "–"
    assert cells["Austria to France: did not answer"] == "–"  # a draft does not count
    assert cells["Italy (same country)"] == ""
    assert sum(text not in ("–", "") for text in cells.values()) == 8


def test_the_picture_legend_and_table_need_no_javascript(known, member_client):
    html = member_client.get(known["url"] + "/results").get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="matrix-svg"' in html
    assert 'role="img" aria-labelledby="matrix-title-volume"' in html
    assert "Cooperation matrix 2024: the requests each Member State (row) sent each partner (column)" in html
    # The picture carries the text of every cell too.
    assert re.search(r'fill="#c6dbef" stroke="#c9ced6"/>\s*<text[^>]*>11-50</text>', html)
    legend = html.split('class="matrix-legend"', 1)[1].split("</ul>", 1)[0]
    for text in ("1 to 10", "11 to 50", "51 to 200", "201 to 1,000", "more than 1,000",
                 "not worked with, or no answer"):
        assert text in legend
    assert '<th scope="row">Italy</th>' in html
    assert '<th scope="col"><abbr title="France">FR</abbr></th>' in html
    assert "<script" not in html.split("<main", 1)[-1]


def test_the_viewers_own_row_shows_its_own_ratings(known, member_client):
    cells = _cells(member_client.get(known["url"] + "/matrix").get_data(as_text=True))
    assert cells["Italy to France: 11 to 50 requests; your quality rating 2 of 5"] == "11-50 · 2/5"
    assert cells["Italy to Germany: 11 to 50 requests; your quality rating 4 of 5"] == "11-50 · 4/5"
    # Another country's row: the volumes only.
    assert cells["Germany to France: 51 to 200 requests"] == "51-200"
    assert not any("4 of 5" in title for title in cells if title.startswith("Germany"))


def test_administrators_switch_the_matrix_to_the_quality_ratings(known, admin_client):
    html = admin_client.get(known["url"] + "/matrix?show=quality").get_data(as_text=True)
    cells = _cells(html)
    assert cells["Italy to France: quality 2 of 5"] == "2"
    assert cells["Germany to France: quality 4 of 5"] == "4"
    assert cells["Spain to Italy: quality 5 of 5"] == "5"
    assert "the quality of the answers each Member State (row) rated each partner (column)" in html
    assert "Show the requests sent" in html
    assert "Show the quality ratings (raw)" in admin_client.get(known["url"] + "/matrix").get_data(as_text=True)


def test_members_asking_for_the_quality_matrix_get_the_volumes(known, login_as):
    html = login_as("member", "SE").get(known["url"] + "/matrix?show=quality").get_data(as_text=True)
    cells = _cells(html)
    assert cells["Italy to France: 11 to 50 requests"] == "11-50"
    assert "quality 2 of 5" not in html
    assert "Show the quality ratings (raw)" not in html


def test_matrix_in_french(known, member_client):
    html = in_french(member_client).get(known["url"] + "/matrix").get_data(as_text=True)
    cells = _cells(html)
    assert cells["Italy vers France : 11 à 50 demandes ; votre évaluation de la qualité : 2 sur 5"] == "11-50 · 2/5"
    assert cells["Germany vers France : 51 à 200 demandes"] == "51-200"
    assert "Légende" in html
    assert "La matrice sous forme de tableau" in html


def test_the_png_holds_a_drawn_grid(known, app):
    from io import BytesIO

    from PIL import Image

    from app.assessments.matrix import PALETTE, build_matrix, matrix_png
    from app.assessments.results import build_results

    with app.test_request_context():
        matrix = build_matrix(build_results(known["round"]))
        image = Image.open(BytesIO(matrix_png(matrix)))
    assert image.format == "PNG"
    assert image.size == (matrix.width * 2, matrix.height * 2)
    colours = {colour for _count, colour in image.getcolors(maxcolors=100_000)}
    assert tuple(int(PALETTE[1][i:i + 2], 16) for i in (1, 3, 5)) in colours  # the "11-50" cells
