"""Who keeps an activity's budget: the convening Presidency of a meeting, the organiser country of a training (the
core group when it organises it), and administrators. Others get 403 and change nothing; an activity they may not
see, or an unknown one, is a 404."""

import pytest

from app.extensions import db
from app.funding.models import BudgetLine
from app.network.models import Organisation

ROLES = {
    "presidency": ("member", "NL"),  # the meeting's convening Presidency (2029 H2)
    "member": ("member", "IT"),
    "other": ("member", "FR"),
    "agency": ("member", "EUROPOL"),
    "core": ("core-group", "DE"),
    "admin": ("admin", "GSC"),
}
FORM = {"line-item": "Venue", "line-planned": "100", "line-actual": "", "line-source_id": "",
        "line-application_id": ""}


def _count() -> int:
    return db.session.scalar(db.select(db.func.count(BudgetLine.id)))


@pytest.fixture
def client_of(app, login_as):
    def factory(role):
        return app.test_client() if role == "anonymous" else login_as(*ROLES[role])
    return factory


@pytest.fixture
def meeting(make_meeting):
    return make_meeting(status="convened")


@pytest.mark.parametrize(("role", "status"), [
    ("presidency", 303), ("admin", 303), ("member", 403), ("other", 403), ("agency", 403), ("core", 403),
    ("anonymous", 302),
])
def test_who_adds_a_line_to_a_meeting(meeting, client_of, role, status):
    response = client_of(role).post(f"/funding/budget/meetings/{meeting.id}/lines", data=FORM)
    assert response.status_code == status
    if status == 302:
        assert "/login" in response.headers["Location"]
    assert _count() == (1 if status == 303 else 0)


@pytest.mark.parametrize(("organiser", "role", "status"), [
    (None, "core", 303), (None, "admin", 303), (None, "member", 403), (None, "agency", 403),
    ("IT", "member", 303), ("IT", "admin", 303), ("IT", "other", 403), ("IT", "core", 403),
])
def test_who_adds_a_line_to_a_training(make_training, client_of, organiser, role, status):
    training = make_training()
    if organiser:
        training.organiser = db.session.scalar(db.select(Organisation).where(Organisation.code == organiser))
        db.session.commit()
    response = client_of(role).post(f"/funding/budget/trainings/{training.id}/lines", data=FORM)
    assert response.status_code == status
    assert _count() == (1 if status == 303 else 0)


@pytest.mark.parametrize(("role", "status"), [
    ("presidency", 200), ("admin", 200), ("member", 403), ("other", 403), ("core", 403), ("agency", 403),
])
def test_only_the_organiser_sees_the_edit_and_remove_pages(meeting, make_budget_line, client_of, role, status):
    line = make_budget_line(meeting, planned=10_000)
    line_id, version = line.id, str(line.version)
    client = client_of(role)
    for path in ("edit", "remove"):
        assert client.get(f"/funding/budget/lines/{line_id}/{path}").status_code == status
    edited = client.post(f"/funding/budget/lines/{line_id}/edit",
                         data={**FORM, "line-planned": "999", "line-version": version})
    assert edited.status_code == (303 if status == 200 else 403)
    db.session.expire_all()
    assert db.session.get(BudgetLine, line_id).planned_cents == (99_900 if status == 200 else 10_000)
    removed = client.post(f"/funding/budget/lines/{line_id}/remove")
    assert removed.status_code == (303 if status == 200 else 403)
    db.session.expire_all()
    assert (db.session.get(BudgetLine, line_id) is None) == (status == 200)


def test_a_draft_meeting_is_unknown_to_those_who_cannot_see_it(make_meeting, make_budget_line, client_of):
    draft = make_meeting(status="planned")  # only its Presidency sees a planned meeting
    line = make_budget_line(draft)
    other = client_of("other")
    assert other.post(f"/funding/budget/meetings/{draft.id}/lines", data=FORM).status_code == 404
    assert other.get(f"/funding/budget/lines/{line.id}/edit").status_code == 404
    assert client_of("presidency").post(f"/funding/budget/meetings/{draft.id}/lines", data=FORM).status_code == 303


def test_a_meeting_under_a_restricted_marking_is_unknown_to_members(make_meeting, make_budget_line, client_of):
    restricted = make_meeting(status="convened", marked="core_group")
    line = make_budget_line(restricted)
    presidency = client_of("presidency")  # not in the core group: it may not read the meeting either
    assert presidency.get(f"/meetings/{restricted.id}").status_code == 404
    assert presidency.get(f"/funding/budget/lines/{line.id}/remove").status_code == 404
    assert presidency.post(f"/funding/budget/meetings/{restricted.id}/lines", data=FORM).status_code == 404
    assert _count() == 1


def test_unknown_activities_and_lines_are_404(app, client_of):
    admin = client_of("admin")
    assert admin.post("/funding/budget/meetings/999999/lines", data=FORM).status_code == 404
    assert admin.post("/funding/budget/trainings/999999/lines", data=FORM).status_code == 404
    assert admin.get("/funding/budget/lines/999999/edit").status_code == 404
    assert admin.get("/funding/budget/lines/999999/remove").status_code == 404
    assert admin.get(f"/funding/budget/lines/{2**40}/edit").status_code == 404


def test_a_member_of_another_country_reads_the_budget_but_gets_no_form(meeting, make_budget_line, client_of):
    line = make_budget_line(meeting, "Venue", planned=10_000)
    page = client_of("other").get(f"/meetings/{meeting.id}").data.decode()
    assert "Venue" in page
    assert "€100.00" in page
    assert "/funding/budget/" not in page
    organiser_page = client_of("presidency").get(f"/meetings/{meeting.id}").data.decode()
    assert f"/funding/budget/lines/{line.id}/edit" in organiser_page
