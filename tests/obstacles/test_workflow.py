from datetime import date, timedelta

import pytest

from app.core.models import AuditEvent
from app.obstacles.models import Obstacle
from tests.factories import organisation


def _status(db, obstacle):
    db.session.expire_all()
    return db.session.get(Obstacle, obstacle.id).status


def _action(**changes):
    data = {"agreed_action": "Draft a common request template.", "action_owner_id": organisation("EUROPOL").id,
            "action_due_on": (date.today() + timedelta(days=60)).isoformat()}
    data.update(changes)
    return data


def test_the_reporting_country_and_the_presidency_move_it_along(member_client, presidency_client, make_obstacle, db):
    first, second = make_obstacle("IT"), make_obstacle("IT")
    assert member_client.post(f"/obstacles/{first.id}/discuss").status_code == 303
    assert _status(db, first) == "under_discussion"
    assert presidency_client.post(f"/obstacles/{second.id}/discuss").status_code == 303
    assert _status(db, second) == "under_discussion"


def test_full_life_with_timeline_on_the_page(member_client, make_obstacle, db):
    obstacle = make_obstacle("IT")
    member_client.post(f"/obstacles/{obstacle.id}/discuss")
    assert member_client.post(f"/obstacles/{obstacle.id}/agree-action", data=_action()).status_code == 303
    db.session.refresh(obstacle)
    assert obstacle.status == "action_agreed"
    assert obstacle.action_owner.code == "EUROPOL"
    response = member_client.post(f"/obstacles/{obstacle.id}/resolve",
                                  data={"note": "Template adopted by all SPOCs."})
    assert response.status_code == 303
    page = member_client.get(f"/obstacles/{obstacle.id}").data.decode()
    assert "How it was resolved" in page
    assert "Template adopted by all SPOCs." in page
    assert "Draft a common request template." in page
    for step in ("(Reported → Under discussion)", "(Under discussion → Action agreed)",
                 "(Action agreed → Resolved)"):
        assert step in page
    events = db.session.scalars(db.select(AuditEvent.action).where(AuditEvent.record_type == "obstacles")
                                .order_by(AuditEvent.id)).all()
    assert events == ["discuss", "agree_action", "resolve"]


@pytest.mark.parametrize("who", ["other_member_client", "agency_client", "core_client"])
def test_others_cannot_move_it(request, make_obstacle, db, who):
    client = request.getfixturevalue(who)
    if client.user.organisation.code == "IT":
        pytest.fail("fixture clash")
    obstacle = make_obstacle("IT", status="under_discussion")
    assert client.post(f"/obstacles/{obstacle.id}/close", data={"note": "no"}).status_code == 403
    assert client.post(f"/obstacles/{obstacle.id}/agree-action", data=_action()).status_code == 403
    assert _status(db, obstacle) == "under_discussion"
    assert b"Record the agreed action" not in client.get(f"/obstacles/{obstacle.id}").data


def test_a_step_the_state_does_not_allow_is_refused(member_client, make_obstacle, db):
    obstacle = make_obstacle("IT", status="closed")
    response = member_client.post(f"/obstacles/{obstacle.id}/discuss")
    assert response.status_code == 409
    assert b"cannot be done while the record is" in response.data
    assert _status(db, obstacle) == "closed"
    reported = make_obstacle("IT")
    assert member_client.post(f"/obstacles/{reported.id}/resolve", data={"note": "x"}).status_code == 409


def test_closing_needs_a_reason_and_keeps_nothing_half_done(member_client, make_obstacle, db):
    obstacle = make_obstacle("IT")
    response = member_client.post(f"/obstacles/{obstacle.id}/close", data={"note": "  "})
    assert response.status_code == 400
    assert b"This field is required." in response.data
    assert _status(db, obstacle) == "reported"
    member_client.post(f"/obstacles/{obstacle.id}/close", data={"note": "Duplicate of another report."})
    assert _status(db, obstacle) == "closed"
    assert b"Duplicate of another report." in member_client.get(f"/obstacles/{obstacle.id}").data


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"agreed_action": ""}, "This field is required."),
        ({"action_due_on": "2001-01-01"}, "The due date cannot be in the past."),
        ({"action_due_on": "soon"}, "Not a valid date value."),
        ({"action_owner_id": 999999}, "Not a valid choice"),
    ],
)
def test_bad_agreed_action_is_explained_and_not_saved(member_client, make_obstacle, db, changes, message):
    obstacle = make_obstacle("IT", status="under_discussion")
    response = member_client.post(f"/obstacles/{obstacle.id}/agree-action", data=_action(**changes))
    assert response.status_code == 400
    assert message in response.data.decode()
    if "agreed_action" not in changes:
        assert b"Draft a common request template." in response.data
    db.session.refresh(obstacle)
    assert obstacle.status == "under_discussion"
    assert obstacle.agreed_action is None


def test_unknown_obstacle_is_404(member_client):
    assert member_client.get("/obstacles/999999").status_code == 404
    assert member_client.post("/obstacles/999999/discuss").status_code == 404
