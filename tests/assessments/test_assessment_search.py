"""Search finds rounds by their title and year, and by their questionnaire's questions and help texts."""

from app.core.timezones import today
from tests.factories import in_french


def _hits(client, query):
    return client.get("/search", query_string={"q": query}).text


def test_search_finds_rounds_by_their_questions(member_client, make_round):
    cooperation = make_round("cooperation", year=today().year - 1)
    needs = make_round("training_needs", year=today().year - 1)
    page = _hits(member_client, "quality of the answers")
    assert f"/assessments/rounds/{cooperation.id}" in page
    assert f"/assessments/rounds/{needs.id}\"" not in page
    page = _hits(member_client, "training needs")
    assert f"/assessments/rounds/{needs.id}" in page
    assert "Assessment rounds" in page
    page = _hits(member_client, "number of staff to train")
    assert f"/assessments/rounds/{needs.id}" in page


def test_search_in_french_finds_the_round(member_client, make_round):
    needs = make_round("training_needs")
    page = _hits(in_french(member_client), "besoins de formation")
    assert f"/assessments/rounds/{needs.id}" in page
