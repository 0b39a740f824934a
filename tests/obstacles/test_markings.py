"""An obstacle's marking: chosen in its form, shown on its page and its export; "Core group only" hides it."""

import csv
import io
import re

import pytest

from app.obstacles.models import Obstacle
from tests.factories import marking, obstacle_form


def _count(db):
    return db.session.scalar(db.select(db.func.count(Obstacle.id)))


def test_the_form_preselects_the_default_and_offers_members_no_restricted_marking(member_client, core_client):
    form = member_client.get("/obstacles/new").data.decode()
    selected = re.search(r'<option selected value="(\d+)">([^<]+)</option>', form)
    assert selected.groups() == (str(marking("internal").id), "SPOC Network - internal")
    assert "LIMITE" in form
    assert ">Core group only</option>" not in form
    assert ">Core group only</option>" in core_client.get("/obstacles/new").data.decode()


def test_a_chosen_marking_is_stored_and_shown_as_a_banner(db, member_client):
    response = member_client.post("/obstacles/new", data=obstacle_form(marking_id=marking("limite").id))
    assert response.status_code == 303
    obstacle = db.session.scalar(db.select(Obstacle))
    assert obstacle.marking.name == "limite"
    page = member_client.get(f"/obstacles/{obstacle.id}").data.decode()
    assert '<p class="marking-banner" role="note">' in page
    assert "<strong>LIMITE</strong>" in page


@pytest.mark.parametrize("forged", ["999999", "not-a-number", "", "2147483648", "-1"])
def test_a_forged_marking_is_refused_next_to_the_field_and_nothing_written(db, member_client, forged):
    response = member_client.post("/obstacles/new", data=obstacle_form(marking_id=forged,
                                                                       title="Kept title of the obstacle"))
    page = response.data.decode()
    assert response.status_code == 200
    assert "Choose a marking from the list." in page
    assert 'value="Kept title of the obstacle"' in page
    assert _count(db) == 0


def test_a_member_cannot_choose_core_group_only(db, member_client, core_client):
    restricted = marking("core_group").id
    response = member_client.post("/obstacles/new", data=obstacle_form(marking_id=restricted))
    assert "Only the core group and administrators can mark a record “Core group only”." in response.data.decode()
    assert _count(db) == 0
    data = obstacle_form(marking_id=restricted, counterpart_ids=[])  # DE reports: DE is not on the other side
    assert core_client.post("/obstacles/new", data=data).status_code == 303
    assert db.session.scalar(db.select(Obstacle)).marking.name == "core_group"


def test_editing_changes_the_marking_and_the_history_says_so(db, member_client, make_obstacle):
    obstacle = make_obstacle("IT")
    data = obstacle_form(version=str(obstacle.version), marking_id=marking("limite").id)
    assert member_client.post(f"/obstacles/{obstacle.id}/edit", data=data).status_code == 303
    assert db.session.get(Obstacle, obstacle.id).marking.name == "limite"
    assert "handling marking" in member_client.get(f"/obstacles/{obstacle.id}").data.decode()


def test_members_neither_list_nor_export_core_group_records(member_client, core_client, make_obstacle):
    make_obstacle("IT", title="Shared obstacle of Italy")
    make_obstacle("IT", title="Core group obstacle of Italy", marked="core_group")
    listing = member_client.get("/obstacles/").data.decode()
    assert "Shared obstacle of Italy" in listing
    assert "Core group obstacle of Italy" not in listing
    assert "Core group obstacle of Italy" not in member_client.get("/obstacles/?mine=y").data.decode()
    assert "Core group obstacle of Italy" in core_client.get("/obstacles/").data.decode()
    rows = list(csv.reader(io.StringIO(member_client.get("/obstacles/export.csv").data.decode("utf-8-sig"))))
    assert rows[0] == ["Marking: SPOC Network - internal"]
    assert [r[1] for r in rows[2:]] == ["Shared obstacle of Italy"]
    rows = list(csv.reader(io.StringIO(core_client.get("/obstacles/export.csv").data.decode("utf-8-sig"))))
    assert rows[0] == ["Marking: Core group only"]  # the highest marking the file holds
    assert {r[-1] for r in rows[2:]} == {"SPOC Network - internal", "Core group only"}


def test_the_csv_says_limite_when_a_limite_obstacle_is_in_it(member_client, make_obstacle):
    make_obstacle("IT", title="Plain")
    make_obstacle("IT", title="Marked", marked="limite")
    first = member_client.get("/obstacles/export.csv").data.decode("utf-8-sig").splitlines()[0]
    assert first == "Marking: LIMITE"


def test_by_id_a_member_gets_404_as_for_a_missing_obstacle(member_client, core_client, make_obstacle, db):
    obstacle = make_obstacle("IT", marked="core_group", comments=1)
    comment_id = obstacle.comments[0].id
    for path in (f"/obstacles/{obstacle.id}", f"/obstacles/{obstacle.id}/edit",
                 f"/obstacles/{obstacle.id}/comments/{comment_id}/edit"):
        assert member_client.get(path).status_code == 404, path
    for path in (f"/obstacles/{obstacle.id}/comments", f"/obstacles/{obstacle.id}/discuss"):
        assert member_client.post(path, data={"body": "Hello"}).status_code == 404, path
    assert len(db.session.get(Obstacle, obstacle.id).comments) == 1
    assert core_client.get(f"/obstacles/{obstacle.id}").status_code == 200


def test_the_dashboard_block_leaves_core_group_obstacles_out(member_client, make_obstacle):
    make_obstacle("IT", title="Visible on the dashboard")
    make_obstacle("IT", title="Hidden from the dashboard", marked="core_group")
    block = member_client.get("/dashboard/obstacles").data.decode()
    assert "Visible on the dashboard" in block
    assert "Hidden from the dashboard" not in block
