"""A difficulty named in a cooperation answer becomes an obstacle report in one click: the form opens drafted
for the answering country's members only, nothing is written until they report, and another country's row
never shows its comment."""

import re

import pytest
from flask import render_template_string

from app.obstacles.models import Obstacle
from tests.factories import in_french, instrument, organisation

COMMENT = "Answers to urgent requests arrive in German only at night."


@pytest.fixture
def rated(make_round, make_answer):
    """IT's answer: FR rated with a linguistic difficulty and a comment, over SIENA only; DE with two channels."""
    round_ = make_round("cooperation", status="closed")
    answer = make_answer(round_, "IT", {"FR": {"difficulties": ["linguistic", "technical"], "comment": COMMENT,
                                               "channels": ["siena"]},
                                        "DE": {"difficulties": ["legal"]}}, status="submitted")
    return {row.partner.code: row for row in answer.rows}


def _count(db):
    return db.session.scalar(db.select(db.func.count(Obstacle.id)))


def test_the_form_opens_drafted_from_the_row(member_client, rated, db):
    row = rated["FR"]
    response = member_client.get(f"/obstacles/new?from_row={row.id}&kind=linguistic")
    assert response.status_code == 200
    page = response.data.decode()
    assert 'value="Difficulties with France (linguistic)"' in page
    assert f"Difficulties with France (linguistic): {COMMENT}" in page
    assert "Drafted from Italy&#39;s answer to “Cooperation between the SPOCs" in page
    assert re.search(r'<input checked id="kind-\d" name="kind" required type="radio" value="linguistic">', page)
    assert f'<option selected value="{organisation("FR").id}">France</option>' in page
    assert f'<option selected value="{instrument("EUROPOL-SIENA").id}">' in page
    assert _count(db) == 0  # nothing written by opening the form


def test_reporting_the_drafted_obstacle_keeps_the_partner_as_counterpart(member_client, rated, db):
    row = rated["DE"]
    page = member_client.get(f"/obstacles/new?from_row={row.id}&kind=legal").data.decode()
    assert 'value="Difficulties with Germany (legal)"' in page
    assert "Difficulties with Germany (legal).\n" in page  # no comment: the title alone, then the source
    assert f'<option selected value="{instrument("SIS-SIRENE").id}">' not in page  # two channels: the user picks
    response = member_client.post(f"/obstacles/new?from_row={row.id}&kind=legal", data={
        "title": "Difficulties with Germany (legal)", "description": "Retention periods differ.",
        "kind": "legal", "instrument_id": instrument("LED").id, "counterpart_ids": [organisation("DE").id],
        "impact": "medium"})
    assert response.status_code == 303
    obstacle = db.session.scalar(db.select(Obstacle))
    assert (obstacle.title, obstacle.kind, obstacle.reporting_org.code) == \
        ("Difficulties with Germany (legal)", "legal", "IT")
    assert [c.code for c in obstacle.counterparts] == ["DE"]
    assert obstacle.description == "Retention periods differ."  # what the user sent, not the draft


def test_what_the_user_sent_wins_over_the_draft(member_client, rated, db):
    row = rated["FR"]
    response = member_client.post(f"/obstacles/new?from_row={row.id}&kind=linguistic", data={
        "title": "Mine", "description": "", "kind": "legal", "impact": "medium"})
    assert response.status_code == 200
    page = response.data.decode()
    assert 'value="Mine"' in page
    assert COMMENT not in page
    assert _count(db) == 0


def test_another_country_never_reads_the_row(login_as, other_member_client, admin_client, rated, db):
    row = rated["FR"]
    for client in (other_member_client, login_as("member", "FR"), admin_client, login_as("core-group", "DE")):
        response = client.get(f"/obstacles/new?from_row={row.id}&kind=linguistic")
        assert response.status_code == 200
        page = response.data.decode()
        assert COMMENT not in page
        assert "Difficulties with" not in page
        assert "Drafted from" not in page
    assert _count(db) == 0


@pytest.mark.parametrize("query", ["from_row={row}&kind=legal", "from_row={row}&kind=unknown", "from_row={row}",
                                   "from_row=abc&kind=linguistic", "from_row=99999999999999999999&kind=linguistic",
                                   "from_row=-1&kind=linguistic", "from_row={needs_row}&kind=linguistic",
                                   "from_row=&kind=", "kind=linguistic"])
def test_a_bad_address_opens_the_form_empty(query, member_client, rated, make_round, make_answer):
    needs_row = make_answer(make_round("training_needs", status="closed"), "IT", {"channels": {}},
                            status="submitted").rows[0]
    url = "/obstacles/new?" + query.format(row=rated["FR"].id, needs_row=needs_row.id)
    response = member_client.get(url)
    assert response.status_code == 200, url
    page = response.data.decode()
    assert "Difficulties with" not in page
    assert COMMENT not in page
    assert "Drafted from" not in page


def test_the_link_builder(app, rated):
    row = rated["FR"]
    with app.test_request_context():
        link = render_template_string("{{ obstacle_link(row, 'linguistic') }}", row=row)
    assert link == f"/obstacles/new?from_row={row.id}&amp;kind=linguistic"


def test_the_draft_in_french(member_client, rated):
    page = in_french(member_client).get(f"/obstacles/new?from_row={rated['FR'].id}&kind=linguistic").data.decode()
    assert 'value="Difficultés avec France (linguistique)"' in page
    assert "Rédigé à partir de la réponse de Italy à « Coopération entre les SPOC" in page
    assert "rien n’est signalé tant que vous ne l’avez pas fait" in page


def test_the_answer_page_links_each_difficulty_to_a_prefilled_obstacle(make_round, make_answer, login_as):
    """The country's own answer offers "Report as an obstacle" per difficulty; another country's view does not."""
    round_ = make_round()
    answer = make_answer(round_, "IT", {"FR": {"difficulties": ["legal", "linguistic"]}})
    row = answer.rows[0]
    page = login_as("member", "IT").get(f"/assessments/rounds/{round_.id}/answer").data.decode()
    for kind in ("legal", "linguistic"):
        assert f"/obstacles/new?from_row={row.id}&amp;kind={kind}" in page
    admin_view = login_as("admin", "GSC").get(f"/assessments/answers/{answer.id}").data.decode()
    assert "from_row=" not in admin_view
