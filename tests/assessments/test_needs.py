"""The training needs of a closed round, per topic: only submitted answers count, the figures add up, the
activities planned for a topic are linked, the spreadsheets hold the same figures, in English and in French, and
the page reads the database a fixed number of times whatever the number of countries."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from app.network.reference import MEMBER_STATES as REFERENCE_STATES
from tests.factories import in_french

MEMBER_STATES = [code for code, _name in REFERENCE_STATES]


@pytest.fixture
def needs_round(make_round, make_answer):
    """A closed round: IT and FR submitted, DE only drafted (not counted)."""
    round_ = make_round("training_needs", status="closed")
    make_answer(round_, "IT", {"channels": {"priority": "high", "staff": 6},
                               "legal_framework": {"priority": "low", "staff": 2, "level": "advanced"}},
                status="submitted")
    make_answer(round_, "FR", {"channels": {"priority": "medium", "staff": 3, "level": "none",
                                            "format": "residential", "language": "fr"}}, status="submitted")
    make_answer(round_, "DE", {"channels": {"priority": "high", "staff": 50},
                               "data_protection": {"priority": "high", "staff": 9}})
    return round_


def _section(page: str, topic: str) -> str:
    start = page.index(f'<section aria-labelledby="topic-{topic}"')
    return page[start:page.index("</section>", start)]


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)]


def test_the_needs_page_adds_up_the_submitted_answers_per_topic(member_client, needs_round):
    response = member_client.get(f"/assessments/rounds/{needs_round.id}/needs")
    assert response.status_code == 200
    page = response.data.decode()
    assert "2 countries stated needs." in page
    overview = page[page.index('id="needs-overview"'):page.index("</table>", page.index('id="needs-overview"'))]
    # Topic, countries, high, medium, low, staff: the draft of Germany is not counted.
    assert _cells(overview)[6:] == ["Information-exchange channels (SIENA, SIRENE, INTERPOL)", "2", "1", "1", "0", "9",
                                    "Legal framework", "1", "0", "0", "1", "2"]
    assert "Data protection" not in page
    channels = _section(page, "channels")
    assert "France (medium), Italy (high)" in channels
    assert "Germany" not in page
    assert "No trained staff (1), Basic (1)" in channels
    assert "Residential course (1), Online course (1)" in channels
    assert "English (1), French (1)" in channels
    assert ["High", "1", "6", "Medium", "1", "3", "Low", "0", "0", "Total", "2", "9"] == _cells(channels)[3:15]
    assert "Advanced (1)" in _section(page, "legal_framework")


def test_topics_come_by_priority_then_staff(member_client, make_round, make_answer):
    round_ = make_round("training_needs", status="closed")
    make_answer(round_, "IT", {"languages": {"priority": "medium", "staff": 40}, "channels": {"priority": "high",
                                                                                            "staff": 1}},
                status="submitted")
    make_answer(round_, "PL", {"data_protection": {"priority": "high", "staff": 5}}, status="submitted")
    page = member_client.get(f"/assessments/rounds/{round_.id}/needs").data.decode()
    order = [page.index(f'id="topic-{t}"') for t in ("data_protection", "channels", "languages")]
    assert order == sorted(order)


def test_the_training_activities_planned_for_a_topic_are_linked(member_client, needs_round, make_training):
    planned = make_training("SIENA refresher", status="planned", areas=("channels", "legal_framework"))
    proposed = make_training("SIRENE forms workshop", areas=("channels",))
    delivered = make_training("SIENA basics, last year", status="delivered")
    other = make_training("Data protection day", areas=("data_protection",))
    page = member_client.get(f"/assessments/rounds/{needs_round.id}/needs").data.decode()
    channels = _section(page, "channels")
    assert f'href="/trainings/{planned.id}"' in channels
    assert f'href="/trainings/{proposed.id}"' in channels
    assert f'/trainings/{delivered.id}"' not in page
    assert f'/trainings/{other.id}"' not in page
    assert f'href="/trainings/{planned.id}"' in _section(page, "legal_framework")


def test_who_sees_the_needs(client, member_client, agency_client, make_round, make_answer, needs_round):
    url = f"/assessments/rounds/{needs_round.id}/needs"
    assert client.get(url).status_code == 302
    assert agency_client.get(url).status_code == 200
    still_open = make_round("training_needs", year=needs_round.year + 1)
    make_answer(still_open, "IT", {"channels": {}}, status="submitted")
    cooperation = make_round("cooperation", status="closed")
    for suffix in ("", ".csv", ".xlsx"):
        assert member_client.get(f"/assessments/rounds/{still_open.id}/needs{suffix}").status_code == 403
        assert member_client.get(f"/assessments/rounds/{cooperation.id}/needs{suffix}").status_code == 404
        assert member_client.get(f"/assessments/rounds/{needs_round.id + 100}/needs{suffix}").status_code == 404


def test_a_round_without_needs_says_so(member_client, make_round):
    round_ = make_round("training_needs", status="closed")
    page = member_client.get(f"/assessments/rounds/{round_.id}/needs").data.decode()
    assert "No country stated a training need in this round." in page
    assert "needs.csv" not in page


def test_the_csv_holds_the_page_figures(member_client, needs_round):
    response = member_client.get(f"/assessments/rounds/{needs_round.id}/needs.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="training-needs-{needs_round.year}.csv"'
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Topic", "Countries with a need", "Countries, priority high", "Countries, priority medium",
                           "Countries, priority low", "Staff to train"]
    assert rows[1][:10] == ["Information-exchange channels (SIENA, SIRENE, INTERPOL)", "2", "1", "1", "0", "9", "6",
                            "3", "0", "No trained staff: 1; Basic: 1"]
    assert rows[1][12] == "France (Medium); Italy (High)"
    assert rows[2][:6] == ["Legal framework", "1", "0", "0", "1", "2"]
    assert len(rows) == 3


def test_the_xlsx_holds_the_same_figures_with_formulas_defused(member_client, needs_round, make_training):
    make_training("=HYPERLINK(\"http://example.org\")", status="planned", areas=("channels",))
    response = member_client.get(f"/assessments/rounds/{needs_round.id}/needs.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Topic"
    assert rows[1][:9] == ["Information-exchange channels (SIENA, SIRENE, INTERPOL)", 2, 1, 1, 0, 9, 6, 3, 0]
    assert rows[1][13] == "'=HYPERLINK(\"http://example.org\")"
    assert sheet.cell(2, 14).data_type == "s"
    assert rows[2][:6] == ["Legal framework", 1, 0, 0, 1, 2]


def test_the_needs_in_french(member_client, needs_round):
    in_french(member_client)
    page = member_client.get(f"/assessments/rounds/{needs_round.id}/needs").data.decode()
    assert "2 pays ont exprimé des besoins." in page
    assert "Cadre juridique" in page
    assert "France (moyen), Italy (élevé)" in _section(page, "channels")
    assert "Aucun personnel formé (1), Élémentaire (1)" in _section(page, "channels")
    rows = list(csv.reader(io.StringIO(
        member_client.get(f"/assessments/rounds/{needs_round.id}/needs.csv").data.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Thème", "Pays ayant un besoin"]
    assert rows[2][:6] == ["Cadre juridique", "1", "0", "0", "1", "2"]
    sheet = load_workbook(io.BytesIO(member_client.get(
        f"/assessments/rounds/{needs_round.id}/needs.xlsx").data)).active
    assert sheet.title == "Besoins de formation"
    assert sheet.cell(1, 6).value == "Personnel à former"


def test_the_needs_page_reads_a_fixed_number_of_times(member_client, make_round, make_answer, make_training,
                                                      count_queries):
    topics = ["channels", "legal_framework", "data_protection", "languages", "case_management"]

    def queries_at(countries: int, year: int) -> int:
        round_ = make_round("training_needs", status="closed", year=year)
        for n, code in enumerate(MEMBER_STATES[:countries]):
            make_answer(round_, code, {t: {"staff": n, "priority": ("high", "low")[n % 2]}
                                       for t in topics[:1 + n % 5]}, status="submitted")
        for topic in topics[:countries // 4]:
            make_training(f"Course on {topic} ({year})", areas=(topic,))
        member_client.get(f"/assessments/rounds/{round_.id}/needs")  # the session and caches warmed
        with count_queries() as queries:
            page = member_client.get(f"/assessments/rounds/{round_.id}/needs")
        assert page.status_code == 200
        assert f"{countries} countries stated needs." in page.data.decode()
        return len(queries)

    assert queries_at(3, 2020) == queries_at(20, 2021)
