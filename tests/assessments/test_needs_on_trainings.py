"""A training activity shows the needs it answers: the newest closed training-needs round's figures for its
topics, with a link to every need of that round; the planning form shows the needs of every topic."""

import re

from tests.factories import in_french


def _panel(page: str) -> str:
    start = page.index('id="training-needs"')
    return page[start:page.index("</section>", start)]


def _cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)]


def _rounds(make_round, make_answer):
    """An older closed round, the newest closed one (2 countries), and an open one (never shown)."""
    older = make_round("training_needs", status="closed", year=2023)
    make_answer(older, "IT", {"channels": {"priority": "low", "staff": 40}}, status="submitted")
    newest = make_round("training_needs", status="closed", year=2024)
    make_answer(newest, "IT", {"channels": {"priority": "high", "staff": 6},
                               "data_protection": {"priority": "medium", "staff": 2},
                               "case_management": {"priority": "high", "staff": 8}}, status="submitted")
    make_answer(newest, "PL", {"channels": {"priority": "high", "staff": 4}}, status="submitted")
    make_answer(newest, "FR", {"channels": {"priority": "low", "staff": 100}})  # a draft: not counted
    open_round = make_round("training_needs", year=2025)
    make_answer(open_round, "ES", {"channels": {"priority": "high", "staff": 70}}, status="submitted")
    return newest


def test_a_training_shows_the_needs_of_its_topics(member_client, make_round, make_answer, make_training):
    newest = _rounds(make_round, make_answer)
    training = make_training(areas=("channels", "data_protection", "legal_framework"))
    page = member_client.get(f"/trainings/{training.id}").data.decode()
    panel = _panel(page)
    assert "Needs this training answers" in panel
    assert "training-needs round 2024" in panel
    # Topic, countries, high, medium, low, staff; legal framework: no need stated, so no line.
    assert _cells(panel)[6:] == ["Information-exchange channels (SIENA, SIRENE, INTERPOL)", "2", "2", "0", "0", "10",
                                 "Data protection", "1", "0", "1", "0", "2"]
    assert "Case management" not in panel
    assert f'href="/assessments/rounds/{newest.id}/needs"' in panel


def test_the_needs_page_links_back_to_the_training(member_client, make_round, make_answer, make_training):
    newest = _rounds(make_round, make_answer)
    training = make_training("SIENA for night shifts", status="planned", areas=("channels",))
    page = member_client.get(f"/assessments/rounds/{newest.id}/needs").data.decode()
    assert f'<a href="/trainings/{training.id}">SIENA for night shifts</a>' in page


def test_without_a_closed_round_or_topics_the_training_says_so(member_client, make_round, make_answer,
                                                               make_training):
    make_answer(make_round("training_needs"), "IT", {"channels": {}}, status="submitted")  # still open
    training = make_training()
    assert "No training-needs round has closed yet." in _panel(member_client.get(f"/trainings/{training.id}")
                                                               .data.decode())
    round_ = make_round("training_needs", status="closed", year=2020)
    make_answer(round_, "IT", {"languages": {}}, status="submitted")
    panel = _panel(member_client.get(f"/trainings/{training.id}").data.decode())
    assert "No country stated a need in these topics in the 2020 round." in panel
    bare = make_training("No topic yet", areas=())
    assert "Give the training its expertise areas" in _panel(member_client.get(f"/trainings/{bare.id}").data.decode())


def test_planning_a_training_shows_every_topic_s_needs(core_client, make_round, make_answer, make_training):
    _rounds(make_round, make_answer)
    panel = _panel(core_client.get("/trainings/new").data.decode())
    assert "Training needs of the countries" in panel
    # Sorted by priority: channels (2 high), case management (1 high, 8 staff), data protection.
    assert [c for c in _cells(panel) if not c.isdigit()][6:] == [
        "Information-exchange channels (SIENA, SIRENE, INTERPOL)", "Case management", "Data protection"]
    training = make_training(areas=("case_management",))
    edit = _panel(core_client.get(f"/trainings/{training.id}/edit").data.decode())
    assert _cells(edit)[6:] == ["Case management", "1", "1", "0", "0", "8"]


def test_the_panel_in_french(member_client, make_round, make_answer, make_training):
    _rounds(make_round, make_answer)
    training = make_training(areas=("data_protection",))
    panel = _panel(in_french(member_client).get(f"/trainings/{training.id}").data.decode())
    assert "Besoins auxquels répond cette formation" in panel
    assert "campagne 2024 sur les besoins de formation" in panel
    assert "Protection des données" in panel


def test_the_panel_reads_a_fixed_number_of_times(member_client, make_round, make_answer, make_training,
                                                 count_queries):
    round_ = make_round("training_needs", status="closed")
    training = make_training(areas=("channels", "languages"))

    def queries() -> int:
        member_client.get(f"/trainings/{training.id}")
        with count_queries() as statements:
            member_client.get(f"/trainings/{training.id}")
        return len(statements)

    make_answer(round_, "IT", {"channels": {}}, status="submitted")
    few = queries()
    for code in ("FR", "DE", "PL", "ES", "PT", "RO", "AT", "BE", "NL"):
        make_answer(round_, code, {"channels": {}, "languages": {}}, status="submitted")
    assert queries() == few
