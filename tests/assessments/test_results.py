"""The results page of a closed cooperation round: the indicators of the known data set (tests/factories_results.py),
the three-country rule, the change since the previous round, who may see it and when."""

import re

from tests.factories import in_french


def _row(html: str, country: str) -> str:
    """The indicators table's row of ``country`` (its cells' text, tags removed)."""
    table = html.split('class="table indicators"', 1)[1]
    row = re.search(r"<tr><th scope=\"row\">" + country + r"</th>(.*?)</tr>", table, re.S)
    assert row is not None, country
    return " ".join(re.sub(r"<[^>]+>", " ", row.group(1)).split())


def test_indicators_of_a_country_rated_by_four(known, other_member_client):
    response = other_member_client.get(known["url"] + "/results")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "4 of 27 Member States answered (15%)" in html
    france = _row(html, "France")
    assert france.startswith("4 no 11 to 50 4 to 24 hours 3 to 7 days 3.5 ↑ up 1.5"), france
    assert "Change since 2023" in html


def test_three_country_rule_on_the_page(known, member_client):
    html = member_client.get(known["url"] + "/results").get_data(as_text=True)
    italy = _row(html, "Italy")
    assert italy.startswith("2 yes not enough answers"), italy
    assert "3.5" not in italy
    assert "4 to 24 hours" not in italy
    assert _row(html, "Germany").startswith("1 yes not enough answers")
    assert _row(html, "Sweden").startswith("0 no not enough answers")


def test_in_french(known, other_member_client):
    html = in_french(other_member_client).get(known["url"] + "/results").get_data(as_text=True)
    france = _row(html, "France")
    assert "3,5" in france, france
    assert " non " in f" {france} ", france
    assert "pas assez de réponses" in _row(html, "Italy")
    assert "4 États membres sur 27 ont répondu" in html


def test_no_results_before_the_round_closes(make_round, make_answer, member_client, admin_client):
    open_round = make_round(year=2025)
    make_answer(open_round, "IT", {"FR": {}}, status="submitted")
    for client in (member_client, admin_client):  # no preview, administrators included
        for page in ("results", "matrix", "results.csv", "results.xlsx"):
            assert client.get(f"/assessments/rounds/{open_round.id}/{page}").status_code == 403


def test_training_needs_rounds_and_unknown_rounds_have_no_cooperation_results(make_round, member_client):
    needs = make_round("training_needs", year=2024, status="closed")
    assert member_client.get(f"/assessments/rounds/{needs.id}/results").status_code == 404
    assert member_client.get("/assessments/rounds/999999/results").status_code == 404


def test_anonymous_visitors_log_in_first(known, client):
    response = client.get(known["url"] + "/results")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_round_without_history_shows_no_change(make_round, make_answer, member_client):
    round_ = make_round(year=2024, status="closed")
    for country in ("DE", "ES", "PL"):
        make_answer(round_, country, {"FR": {"quality": 4}}, status="submitted")
    html = member_client.get(f"/assessments/rounds/{round_.id}/results").get_data(as_text=True)
    assert "Change since the previous round" in html
    assert _row(html, "France").startswith("3 no 11 to 50 4 to 24 hours 3 to 7 days 4 –"), _row(html, "France")


def test_trend_line_with_its_text(known, member_client):
    html = member_client.get(known["url"] + "/results").get_data(as_text=True)
    france = html.split('<th scope="row">France</th>', 2)[2].split("</tr>", 1)[0]
    assert '<svg width="90" height="24" viewBox="0 0 90 24" role="img" aria-label="Median quality by year: 2023: 2; ' \
           '2024: 3.5">' in france
    assert france.count("<circle") == 2
    italy = html.split('<th scope="row">Italy</th>', 2)[2].split("</tr>", 1)[0]
    assert "<svg" not in italy  # no year with enough answers: no line, the words instead
