import pytest

from app.core.models import AuditEvent
from app.obstacles.models import Obstacle
from tests.factories import HTMX, instrument, is_fragment, log_in, obstacle_form, organisation


def _count(db):
    return db.session.scalar(db.select(db.func.count(Obstacle.id)))


def test_a_member_reports_an_obstacle_for_their_country(member_client, db):
    page = member_client.get("/obstacles/new")
    assert b"Report an obstacle" in page.data
    assert b"Directive (EU) 2023/977 on information exchange" in page.data
    response = member_client.post("/obstacles/new", data=obstacle_form())
    assert response.status_code == 303
    obstacle = db.session.scalar(db.select(Obstacle))
    assert obstacle.reporting_org.code == "IT"
    assert obstacle.status == "reported"
    assert sorted(c.code for c in obstacle.counterparts) == ["AT", "DE"]
    detail = member_client.get(response.headers["Location"]).data.decode()
    assert "Prüm hits answered too slowly" in detail
    assert "<strong>Prüm</strong>" in detail
    assert "Austria, Germany" in detail
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.record_type == "obstacles"))
    assert (event.action, event.to_state) == ("report", "reported")


def test_agencies_comment_but_do_not_report(agency_client, db):
    assert agency_client.get("/obstacles/new").status_code == 403
    assert agency_client.post("/obstacles/new", data=obstacle_form()).status_code == 403
    assert b"Report an obstacle" not in agency_client.get("/obstacles/").data
    assert _count(db) == 0


def test_an_administrator_reports_in_the_name_of_a_chosen_member_state(admin_client, db):
    response = admin_client.post("/obstacles/new", data=obstacle_form(reporting_org_id=0))
    assert b"Choose the Member State that reports the obstacle." in response.data
    response = admin_client.post("/obstacles/new", data=obstacle_form(reporting_org_id=organisation("PL").id))
    assert response.status_code == 303
    assert db.session.scalar(db.select(Obstacle)).reporting_org.code == "PL"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "Field must be between 5 and 200 characters long."),
        ({"description": "   "}, "This field is required."),
        ({"kind": "imaginary"}, "Not a valid choice"),
        ({"kind": ""}, "Choose the kind of obstacle."),
        ({"instrument_id": 999999}, "Not a valid choice"),
        ({"instrument_id": "abc"}, "Invalid Choice: could not coerce"),
        ({"impact": "extreme"}, "Not a valid choice"),
        ({"counterpart_ids": [999999]}, "is not a valid choice"),
        ({"title": "Null\x00byte title"}, "control characters"),
    ],
)
def test_bad_input_is_explained_keeps_the_text_and_writes_nothing(member_client, db, changes, message):
    response = member_client.post("/obstacles/new", data=obstacle_form(**changes))
    assert response.status_code == 200
    text = response.data.decode()
    assert message in text
    assert "Follow-up requests after a **Prüm** hit take weeks." in text or "description" in changes
    assert _count(db) == 0


def test_the_reporting_country_cannot_be_on_the_other_side(member_client, db):
    response = member_client.post("/obstacles/new", data=obstacle_form(counterpart_ids=[organisation("IT").id]))
    assert b"The reporting country cannot also be on the other side" in response.data
    assert _count(db) == 0


def test_a_retired_instrument_is_not_offered_but_stays_on_its_obstacles(member_client, make_obstacle, db):
    obstacle = make_obstacle(instrument_code="OTHER")
    instrument("OTHER").active = False
    db.session.commit()
    assert b">Other</option>" not in member_client.get("/obstacles/new").data
    response = member_client.post("/obstacles/new", data=obstacle_form(instrument_id=instrument("OTHER").id))
    assert b"Not a valid choice" in response.data
    edit = member_client.get(f"/obstacles/{obstacle.id}/edit").data.decode()
    assert f'<option selected value="{instrument("OTHER").id}">Other</option>' in edit


def test_editing_is_for_the_reporting_country_while_open(member_client, other_member_client, make_obstacle, db):
    obstacle = make_obstacle("IT", counterparts=("FR",))
    data = obstacle_form(title="A clearer title for the obstacle", version=str(obstacle.version))
    assert other_member_client.post(f"/obstacles/{obstacle.id}/edit", data=data).status_code == 403
    response = member_client.post(f"/obstacles/{obstacle.id}/edit", data=data)
    assert response.status_code == 303
    db.session.refresh(obstacle)
    assert obstacle.title == "A clearer title for the obstacle"
    edit = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "edit"))
    assert edit.changes["countries_on_the_other_side"] == ["FR", "AT, DE"]
    closed = make_obstacle("IT", status="closed")
    assert member_client.get(f"/obstacles/{closed.id}/edit").status_code == 403


def test_concurrent_edits_are_refused_with_the_text_kept(member_client, login_as, make_obstacle, db):
    obstacle = make_obstacle("IT")
    colleague = login_as("member", "IT")
    loaded = str(obstacle.version)
    assert colleague.post(f"/obstacles/{obstacle.id}/edit",
                          data=obstacle_form(title="Colleague's title", version=loaded)).status_code == 303
    response = member_client.post(f"/obstacles/{obstacle.id}/edit",
                                  data=obstacle_form(title="My own better title", version=loaded))
    assert response.status_code == 409
    assert b"Someone else saved this obstacle" in response.data
    assert b"My own better title" in response.data
    db.session.refresh(obstacle)
    assert obstacle.title == "Colleague's title"


def test_report_form_and_detail_answer_htmx_with_vary(member_client, make_obstacle):
    obstacle = make_obstacle()
    page = member_client.get(f"/obstacles/{obstacle.id}")
    assert b"<html" in page.data
    assert "HX-Request" in page.headers["Vary"]
    response = member_client.post("/obstacles/new", data=obstacle_form(), headers=HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Redirect"].startswith("/obstacles/")
    assert is_fragment(response)


def test_demo_data_populates_the_tracker(app, db, client):
    from app.demo import load_demo_data
    from app.network.models import User

    assert load_demo_data() is True
    db.session.commit()
    member_client = log_in(client, db.session.scalar(db.select(User).where(User.email == "head.it@example.org")))
    statuses = set(db.session.scalars(db.select(Obstacle.status)))
    assert statuses == {"reported", "under_discussion", "action_agreed", "resolved", "closed"}
    countries = set(db.session.scalars(db.select(Obstacle.reporting_org_id)))
    assert len(countries) >= 5
    page = member_client.get("/obstacles/?sort=affected").data.decode()
    assert "Vehicle registration data not reachable outside office hours" in page
