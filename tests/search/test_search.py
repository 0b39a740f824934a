import pytest

from app.search.models import SearchDocument
from tests.factories import HTMX, is_fragment, organisation


@pytest.fixture
def records(make_obstacle, make_practice):
    return {
        "obstacle": make_obstacle("IT", title="Registers closed at night <b>bold</b>",
                                  description="Vehicle registers cannot be queried after 22:00."),
        "practice": make_practice("DE", title="Night desk for registers", summary="A night desk answers.",
                                  body="The register is reachable all night."),
        "draft": make_practice("FR", status="draft", title="Secret draft about registers", summary="Draft."),
    }


def _search(client, query, **params):
    return client.get("/search", query_string={"q": query, **params})


def test_results_are_grouped_ranked_and_highlighted(member_client, records):
    response = _search(member_client, "registers")
    html = response.data.decode()
    assert response.status_code == 200
    assert "Obstacles <span class=\"count\">(1)</span>" in html
    assert "Best practices <span class=\"count\">(1)</span>" in html
    assert "<mark>Registers</mark> closed at night" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html  # the record's own markup is shown as text
    assert "<b>bold</b>" not in html
    assert "Night desk for <mark>registers</mark>" in html


def test_word_forms_and_case_match(member_client, records):
    assert "Night desk for" in _search(member_client, "REGISTER").data.decode()
    assert "Registers closed" in _search(member_client, "queried").data.decode()
    assert "Registers closed" in _search(member_client, "query").data.decode()


def test_drafts_of_other_countries_never_leak(member_client, login_as, records):
    assert "draft about" not in _search(member_client, "secret draft registers").data.decode()
    french = login_as("member", "FR")
    assert "draft about registers" in _search(french, "secret").data.decode()


def test_the_index_follows_changes(member_client, records, db):
    obstacle = records["obstacle"]
    obstacle.title = "Licence plates unreadable"
    db.session.commit()
    assert "Licence <mark>plates</mark> unreadable" in _search(member_client, "plates").data.decode()
    assert "Obstacles <span class=\"count\">(0)</span>" in _search(member_client, "closed").data.decode()
    draft = records["draft"]
    draft.status, draft.submitted_at = "submitted", draft.created_at
    db.session.commit()
    assert "draft about registers" in _search(member_client, "secret").data.decode()


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(registers", "*", "registers*", "a AND OR NOT b", "-night",
                                   "title:registers", "'; DROP TABLE obstacles; --", "^night", "(((", "%_%"])
def test_operators_and_punctuation_never_raise(member_client, records, query):
    response = _search(member_client, query)
    assert response.status_code == 200


def test_only_punctuation_says_what_to_do(member_client, records):
    html = _search(member_client, "?!*()\"").data.decode()
    assert "Type at least one word or number" in html


def test_a_long_query_is_cut_with_a_notice(member_client, records):
    response = _search(member_client, "registers " + "x" * 2048)
    assert response.status_code == 200
    assert "only the beginning was used" in response.data.decode()


def test_one_kind_is_paginated(member_client, make_obstacle, app):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(6):
        make_obstacle("IT", title=f"Interpreter shortage case {n}")
    overview = _search(member_client, "interpreter").data.decode()
    assert overview.count("shortage case") == 5
    assert "All 6 obstacles matching" in overview
    second = _search(member_client, "interpreter", type="obstacles", page=2).data.decode()
    assert "Page 2 of 3" in second
    assert second.count("shortage case") == 2
    assert _search(member_client, "interpreter", type="nonsense").status_code == 200


def test_htmx_gets_the_results_alone(member_client, records):
    response = member_client.get("/search?q=registers", headers=HTMX)
    assert is_fragment(response)
    assert response.data.lstrip().startswith(b'<div id="search-results">')
    assert "HX-Request" in response.headers["Vary"]


def test_search_needs_login_and_the_header_has_the_box(client, member_client):
    assert client.get("/search?q=x").status_code == 302
    assert b'id="header-q"' in member_client.get("/").data


def test_rebuild_command_restores_the_index(runner, member_client, records, db):
    db.session.execute(SearchDocument.__table__.delete())
    db.session.commit()
    assert "closed at night" not in _search(member_client, "registers").data.decode()
    result = runner.invoke(args=["search", "rebuild"])
    assert "Search index rebuilt: 3 records." in result.output
    assert "closed at night" in _search(member_client, "registers").data.decode()


def test_experts_and_meetings_are_found_within_what_the_user_may_read(login_as, member_client, db):
    from datetime import UTC, date, datetime, timedelta

    from app.meetings.models import AgendaItem, Meeting
    from app.meetings.services import convening_term
    from app.roster.models import Expert, ExpertLanguage

    expert = Expert(organisation=organisation("PT"), name="Inês Example", email="ines@example.org",
                    expertise_areas="data_protection", accepted_on=date(2026, 1, 1), review_by=date(2028, 1, 1))
    expert.languages.append(ExpertLanguage(language="pt", level="native"))
    erased = Expert(organisation=organisation("PT"), name="Erased expert #2", expertise_areas="data_protection",
                    accepted_on=date(2026, 1, 1), review_by=date(2028, 1, 1), erased_at=datetime.now(UTC))
    start = datetime(2029, 11, 15, 9, tzinfo=UTC)
    planned = Meeting(title="Planned workshop on interoperability", starts_at=start,
                      ends_at=start + timedelta(hours=3), timezone="Europe/Amsterdam", status="planned",
                      presidency_term=convening_term(start, "Europe/Amsterdam"))
    planned.agenda_items.append(AgendaItem(position=1, title="Interoperability of registers"))
    held = Meeting(title="Plenary", starts_at=start + timedelta(days=1), ends_at=start + timedelta(days=1, hours=3),
                   timezone="Europe/Amsterdam", status="held", minutes="Unpublished interoperability notes",
                   presidency_term=convening_term(start, "Europe/Amsterdam"))
    db.session.add_all([expert, erased, planned, held])
    db.session.commit()
    html = _search(member_client, "data protection").data.decode()
    assert "Inês Example" in html
    assert "Erased expert" not in html
    assert "ines@example.org" not in html
    assert "Meetings <span class=\"count\">(0)</span>" in _search(member_client, "interoperability").data.decode()
    dutch = login_as("member", "NL")  # the Netherlands convenes in 2029 H2
    html = _search(dutch, "interoperability").data.decode()
    assert "workshop on <mark>interoperability</mark>" in html
    assert "Plenary" not in html  # minutes are searchable once published
    held.status = "minutes_published"
    db.session.commit()
    assert "Plenary" in _search(member_client, "interoperability").data.decode()


def test_a_very_common_word_shows_the_newest_matches_without_ranking_them_all(member_client, make_obstacle, app):
    app.config["SEARCH_RANK_LIMIT"] = 3
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(5):
        make_obstacle("IT", title=f"Interpreter shortage case {n}")
    overview = _search(member_client, "interpreter").data.decode()
    # Both engines: PostgreSQL stops counting at the limit, SQLite counts in its FTS5 index.
    assert "(many: the newest first)" in overview
    assert overview.index("shortage case 4") < overview.index("shortage case 3") < overview.index("shortage case 0")
    assert "All the obstacles matching" in overview
    first = _search(member_client, "interpreter", type="obstacles").data.decode()
    assert first.count("shortage case") == 2
    assert "shortage case 4" in first
    assert 'rel="next"' in first
    last = _search(member_client, "interpreter", type="obstacles", page=3).data.decode()
    assert last.count("shortage case") == 1
    assert "shortage case 0" in last
    assert 'rel="next"' not in last
