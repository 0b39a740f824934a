"""Numbers the database cannot hold (PostgreSQL's integer ends at 2**31 - 1, SQLite's at 2**63 - 1), and digits
Python will not read ("²" is a digit to str.isdigit(), not to int()): in an address, a query string or a form
field that carries an id, they answer 404 or a message, never a server error, on both engines."""

import io
from urllib.parse import urlsplit, urlunsplit

from app.meetings.models import AgendaItem, MeetingAnswer
from app.obstacles.models import Obstacle
from app.roster.models import TrainerProposal
from tests.factories import obstacle_form, organisation
from tests.security.access import ACCESS

# One above PostgreSQL's integer, one above SQLite's, far above both, and more digits than int() reads at all.
TOO_LARGE = ["2147483648", str(2**63), str(10**30), "9" * 5000]
_MARKER = 987_654_321  # a valid id no test record has: where an argument goes in a built address


def _int_arguments(app, endpoint: str) -> set[str]:
    from werkzeug.routing import IntegerConverter

    return {name for rule in app.url_map.iter_rules(endpoint)
            for name, converter in rule._converters.items() if isinstance(converter, IntegerConverter)}


def test_every_int_route_answers_404_for_an_id_the_database_cannot_hold(app, login_as, world):
    member = login_as("member", "IT")
    admin = login_as("admin", "GSC")  # sees everything: a permission check cannot hide a server error
    ids = world(member.user)
    adapter = app.url_map.bind("spoc.test")
    tried, wrong = set(), []
    for endpoint, rules in ACCESS.items():
        if not _int_arguments(app, endpoint):
            continue
        for rule in rules:
            url = urlsplit(rule.url.format_map(ids))
            matched, arguments = adapter.match(url.path, method=rule.method)
            assert matched == endpoint, (rule.url, matched)
            for name in _int_arguments(app, endpoint) & arguments.keys():
                built = adapter.build(endpoint, {**arguments, name: _MARKER}, method=rule.method)
                assert str(_MARKER) in built
                for number in TOO_LARGE:
                    address = urlunsplit(("", "", built.replace(str(_MARKER), number), url.query, ""))
                    response = admin.open(address, method=rule.method, data={})
                    if response.status_code != 404:
                        wrong.append((rule.method, address[:80], response.status_code))
                tried.add(endpoint)
    every = {r.endpoint for r in app.url_map.iter_rules() if _int_arguments(app, r.endpoint)}
    assert every, "no <int:...> route found"
    assert every == tried, every - tried
    assert not wrong, wrong


def test_list_pages_ignore_a_page_number_they_cannot_read(admin_client, core_client):
    for value in ["²", "٣", "99999999999999999999", str(2**63), "-1", "1e3", "9" * 5000]:
        for url in ["/obstacles/", "/practices/", "/meetings/", "/experts/", "/admin/users/"]:
            response = admin_client.get(url, query_string={"page": value})
            assert response.status_code == 200, (url, value, response.status_code)
        # Only the core group filters the roster on availability; a number it cannot read is no filter.
        response = core_client.get("/experts/", query_string={"min_days": value})
        assert response.status_code == 200, value


def test_a_trainer_proposal_with_an_id_out_of_range_gets_a_message(make_training, make_expert, core_client, db):
    training = make_training()
    make_expert("IT")
    for value in [*TOO_LARGE, "²", "-3", "12abc"]:
        response = core_client.post(f"/trainings/{training.id}/trainers", data={"expert_id": value})
        assert response.status_code == 400, value
        assert b"Only experts accepted on the roster" in response.data
    assert db.session.scalar(db.select(db.func.count(TrainerProposal.id))) == 0


def test_an_obstacle_with_a_country_or_instrument_out_of_range_gets_a_message(admin_client, db):
    for value in TOO_LARGE[:3]:
        for field in ("reporting_org_id", "instrument_id"):
            data = obstacle_form(**{"reporting_org_id": organisation("IT").id, field: value})
            response = admin_client.post("/obstacles/new", data=data)
            assert response.status_code == 200, (field, value)  # the form again, with the message
            assert b"Not a valid choice" in response.data
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 0


def test_an_agenda_item_naming_a_record_out_of_range_gets_a_message(make_meeting, admin_client, db):
    meeting = make_meeting(status="planned")
    for value in TOO_LARGE[:3]:
        for field in ("obstacle_id", "practice_id"):
            response = admin_client.post(f"/meetings/{meeting.id}/agenda",
                                         data={"title": "Prüm follow-up", "presenter_id": "", field: value})
            assert response.status_code == 200, (field, value)  # the meeting page's forms answer errors with 200
            assert b"Give a record number as shown on its page." in response.data
    assert db.session.scalar(db.select(db.func.count(AgendaItem.id))) == 0


def test_an_answer_with_a_number_of_delegates_out_of_range_gets_a_message(convened, member_client, db):
    for value in TOO_LARGE[:3]:
        response = member_client.post(f"/meetings/{convened.id}/answers/IT", data={
            "answer": "attending", "delegates": value, "delegate_names": "A. Delegate"})
        assert response.status_code == 200, value
        assert b"Give a number of delegates between 0 and 20." in response.data
    assert db.session.scalar(db.select(db.func.count(MeetingAnswer.id))) == 0


def test_a_document_with_a_marking_out_of_range_gets_a_message(make_meeting, admin_client, db):
    meeting = make_meeting(status="planned")
    for value in [*TOO_LARGE, "²"]:
        response = admin_client.post(f"/meetings/{meeting.id}/documents", data={
            "document": (io.BytesIO(b"Agenda of the meeting.\n"), "agenda.txt"), "marking_id": value})
        assert response.status_code == 400, value
        assert b"Choose a marking from the list." in response.data


def test_obstacle_numbers_in_digits_python_does_not_read_get_a_message(member_client, db):
    from app.practices.models import BestPractice
    from tests.factories import practice_form

    for value in ["²", "12, ³", "٣"]:
        response = member_client.post("/practices/new", data=practice_form(obstacle_numbers=value))
        assert response.status_code == 200, value  # the form again, with the message
        assert "is not an obstacle number; use digits separated by commas." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(BestPractice.id))) == 0
