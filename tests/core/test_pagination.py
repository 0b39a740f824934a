"""Large lists: the page's rows are found by id first, and the total is remembered briefly (app/core/pagination.py)."""

import re

from sqlalchemy import text


def _titles(html: str) -> list[str]:
    return re.findall(r">(Paged obstacle \d+)</a>", html)


def test_every_page_shows_its_own_rows_in_order_with_their_details(member_client, make_obstacle, app):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(5):
        make_obstacle("DE", title=f"Paged obstacle {n}", kind="legal", affected=("FR",))
    pages = [_titles(member_client.get(f"/obstacles/?page={p}").data.decode()) for p in (1, 2, 3)]
    assert pages == [["Paged obstacle 4", "Paged obstacle 3"], ["Paged obstacle 2", "Paged obstacle 1"],
                     ["Paged obstacle 0"]]
    html = member_client.get("/obstacles/?page=2").data.decode()
    assert "Germany" in html  # the reporting country, loaded with the rows of the page
    assert _titles(member_client.get("/obstacles/?page=9").data.decode()) == []


def test_the_total_follows_changes_made_through_the_intranet(member_client, make_obstacle, app):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(3):
        make_obstacle("IT", title=f"Paged obstacle {n}")
    assert "Page 1 of 2 · 3 in all" in member_client.get("/obstacles/").data.decode()
    make_obstacle("IT", title="Paged obstacle 3")
    make_obstacle("IT", title="Paged obstacle 4")
    assert "Page 1 of 3 · 5 in all" in member_client.get("/obstacles/").data.decode()


def test_the_total_is_remembered_for_a_while_and_counted_again_after(member_client, make_obstacle, app, db):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(5):
        make_obstacle("IT", title=f"Paged obstacle {n}")
    assert "Page 1 of 3 · 5 in all" in member_client.get("/obstacles/").data.decode()
    # A row removed behind this process's back (another server process, a script): the total is remembered...
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM obstacles WHERE title = 'Paged obstacle 4'"))
    html = member_client.get("/obstacles/").data.decode()
    assert "Page 1 of 3 · 5 in all" in html
    assert _titles(html) == ["Paged obstacle 3", "Paged obstacle 2"]  # the rows themselves are always current
    # ...and counted again once it is older than PAGE_COUNT_SECONDS (0: counted on every view).
    app.config["PAGE_COUNT_SECONDS"] = 0
    assert "Page 1 of 2 · 4 in all" in member_client.get("/obstacles/").data.decode()


def test_the_rows_of_a_page_are_loaded_by_id_without_running_the_filters_again(core_client, make_expert,
                                                                               count_queries):
    for n, level in enumerate(("C1", "A2", "B2")):
        make_expert("IT", name=f"Paged expert {n}", languages=(("fr", level),))
    with count_queries() as statements:
        html = core_client.get("/experts/?language=fr&level=B2").data.decode()
    assert re.findall(r">(Paged expert \d)<", html) == ["Paged expert 0", "Paged expert 2"]
    filtering = [s for s in statements if "expert_languages.level IN" in s]
    assert len(filtering) == 2  # the page's ids and the total; the rows themselves are read by id alone


def test_a_remembered_total_is_never_another_readers_or_another_filters(member_client, core_client, make_obstacle,
                                                                        app):
    app.config["ITEMS_PER_PAGE"] = 2
    for n in range(3):
        make_obstacle("IT", title=f"Paged obstacle {n}", kind="legal")
    make_obstacle("IT", title="Paged obstacle 3", kind="legal", marked="core_group")
    make_obstacle("IT", title="Paged obstacle 4", kind="technical")
    # The core group counts first; a member's list must not be told of the restricted record by its count.
    assert "Page 1 of 3 · 5 in all" in core_client.get("/obstacles/").data.decode()
    assert "Page 1 of 2 · 4 in all" in member_client.get("/obstacles/").data.decode()
    assert "Page 1 of 2 · 4 in all" in core_client.get("/obstacles/?kind=legal").data.decode()
    assert "Page 1 of 2 · 3 in all" in member_client.get("/obstacles/?kind=legal").data.decode()
    assert _titles(member_client.get("/obstacles/?kind=technical").data.decode()) == ["Paged obstacle 4"]
