"""Search leaves out what a reader may not read because of its marking: results, counts, the newest-first list."""

import pytest

from tests.factories import marking


def _search(client, query, **params):
    return client.get("/search", query_string={"q": query, **params}).data.decode()


@pytest.fixture
def marked(make_obstacle, make_practice, make_meeting):
    make_obstacle("IT", title="Interpreter pool shared at night")
    make_obstacle("IT", title="Interpreter vetting for the core group", marked="core_group")
    make_practice("DE", title="Interpreter rota of the core group", marked="core_group")
    make_meeting(status="convened", title="Interpreter summit of the core group", marked="core_group")


def test_members_neither_find_nor_count_core_group_records(member_client, agency_client, core_client, marked):
    for client in (member_client, agency_client):
        page = _search(client, "interpreter")
        assert "pool shared at night" in page
        assert "core group" not in page
        assert 'Obstacles <span class="count">(1)</span>' in page
        assert 'Best practices <span class="count">(0)</span>' in page
        assert 'Meetings <span class="count">(0)</span>' in page
    page = _search(core_client, "interpreter")
    assert 'Obstacles <span class="count">(2)</span>' in page
    assert 'Best practices <span class="count">(1)</span>' in page
    assert 'Meetings <span class="count">(1)</span>' in page
    assert "rota of the core group" in page
    assert "summit of the core group" in page


def test_the_newest_first_list_of_a_very_common_word_hides_them_too(app, member_client, core_client, marked):
    app.config["SEARCH_RANK_LIMIT"] = 1
    page = _search(member_client, "interpreter", type="obstacles")
    assert "pool shared at night" in page
    assert "vetting" not in page
    assert "vetting" in _search(core_client, "interpreter", type="obstacles")


def test_a_record_made_restricted_later_disappears_at_once(db, member_client, make_obstacle):
    obstacle = make_obstacle("IT", title="Interpreter budget")
    assert "Interpreter <mark>budget</mark>" in _search(member_client, "budget")
    marking("internal").restricted = True  # an administrator restricts a whole marking: no re-indexing needed
    db.session.commit()
    assert "Interpreter <mark>budget</mark>" not in _search(member_client, "budget")
    assert obstacle.id
