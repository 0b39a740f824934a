from datetime import timedelta

import pytest

from app.core.models import AuditEvent
from app.core.timezones import today
from app.roster.models import Expert
from app.roster.services import years_after
from tests.factories import HTMX, is_fragment


def test_the_roster_is_for_logged_in_users_only(client, agency_client, make_expert):
    expert = make_expert(name="Anna Rossi")
    for path in ("/experts/", f"/experts/{expert.id}"):
        assert client.get(path).status_code == 302
        response = agency_client.get(path)
        assert response.status_code == 200
        assert b"Anna Rossi" in response.data


@pytest.mark.parametrize(
    ("who", "sees_contact"),
    [("member", True), ("other_member", False), ("core", True), ("core_of_france", True), ("agency", False),
     ("admin", True)],
)
def test_email_and_availability_only_for_core_group_own_country_and_admins(request, login_as, make_expert,
                                                                          who, sees_contact):
    expert = make_expert("IT", email="anna.rossi@example.org", days=12)
    client = login_as("core-group", "FR") if who == "core_of_france" else request.getfixturevalue(f"{who}_client")
    for path in (f"/experts/{expert.id}", "/experts/"):
        page = client.get(path).data.decode()
        assert ("12 days a year" in page) == sees_contact
    page = client.get(f"/experts/{expert.id}").data.decode()
    assert ("anna.rossi@example.org" in page) == sees_contact
    assert ("not available: July" in page) == sees_contact


def test_search_filters_by_expertise_language_level_and_country(member_client, make_expert):
    make_expert("IT", name="Anna Rossi", areas=("data_protection",), languages=(("en", "C2"),))
    make_expert("FR", name="Bernard Petit", areas=("channels",), languages=(("en", "B1"), ("fr", "native")))
    make_expert("DE", name="Clara Weber", areas=("channels", "training_design"), languages=(("de", "native"),))

    def names(query):
        page = member_client.get(f"/experts/?{query}").data.decode()
        return {n for n in ("Anna Rossi", "Bernard Petit", "Clara Weber") if n in page}

    assert names("") == {"Anna Rossi", "Bernard Petit", "Clara Weber"}
    assert names("expertise=channels") == {"Bernard Petit", "Clara Weber"}
    assert names("language=en") == {"Anna Rossi", "Bernard Petit"}
    assert names("language=en&level=B2") == {"Anna Rossi"}
    assert names("level=native") == {"Bernard Petit", "Clara Weber"}
    assert names("country=fr") == {"Bernard Petit"}
    assert names("q=CLARA") == {"Clara Weber"}  # case-insensitive on every database
    assert names("q=%25") == set()  # a wildcard is searched literally
    assert names("expertise=astrology&language=klingon&level=Z9") == {"Anna Rossi", "Bernard Petit", "Clara Weber"}


def test_only_the_core_group_filters_by_availability(member_client, core_client, make_expert):
    make_expert("IT", name="Busy Expert", days=5)
    make_expert("FR", name="Free Expert", days=60)
    core_page = core_client.get("/experts/?min_days=30").data.decode()
    assert "Free Expert" in core_page
    assert "Busy Expert" not in core_page
    # For others the filter is ignored: it would reveal availability they may not see.
    member_page = member_client.get("/experts/?min_days=30").data.decode()
    assert "Free Expert" in member_page
    assert "Busy Expert" in member_page
    assert 'name="min_days"' not in member_page


def test_entries_past_their_review_by_date_are_flagged(core_client, make_expert):
    make_expert(name="Late Expert", review_by=today() - timedelta(days=1))
    make_expert(name="Current Expert")
    page = core_client.get("/experts/").data.decode()
    assert page.count("Review overdue") == 1
    overdue = core_client.get("/experts/?status=overdue").data.decode()
    assert "Late Expert" in overdue
    assert "Current Expert" not in overdue


def test_the_list_answers_htmx_with_the_table(member_client, make_expert):
    make_expert(name="Anna Rossi")
    response = member_client.get("/experts/?q=anna", headers=HTMX)
    assert is_fragment(response)
    assert b'id="experts-table"' in response.data
    assert b"Anna Rossi" in response.data
    assert "HX-Request" in response.headers["Vary"]
    page = member_client.get("/experts/?q=anna")
    assert b"<html" in page.data
    assert "HX-Request" in page.headers["Vary"]


def test_the_core_group_retires_an_entry_with_an_audited_reason(core_client, member_client, make_expert, db):
    expert = make_expert(name="Anna Rossi")
    response = core_client.post(f"/experts/{expert.id}/retire", data={"reason": "Left the police."})
    assert response.status_code == 303
    expert = db.session.get(Expert, expert.id)
    assert expert.status == "retired"
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "retire"))
    assert (event.actor_id, event.note) == (core_client.user.id, "Left the police.")
    assert b"Anna Rossi" not in member_client.get("/experts/").data
    assert b"Anna Rossi" in member_client.get("/experts/?status=retired").data
    again = core_client.post(f"/experts/{expert.id}/retire", data={"reason": "Typed twice"})
    assert again.status_code == 409
    assert b"This expert is already retired." in again.data
    assert b"Typed twice" in again.data


def test_a_too_long_retirement_reason_is_explained_and_kept(core_client, make_expert, db):
    expert = make_expert()
    response = core_client.post(f"/experts/{expert.id}/retire", data={"reason": "x" * 2001})
    assert response.status_code == 400
    assert b"Field cannot be longer than 2000 characters." in response.data
    assert b"x" * 2001 in response.data
    assert db.session.get(Expert, expert.id).status == "active"


def test_the_core_group_reconfirms_an_entry_for_two_years(core_client, make_expert, db):
    expert = make_expert(review_by=today() - timedelta(days=10))
    response = core_client.post(f"/experts/{expert.id}/reconfirm", follow_redirects=True)
    assert b"is confirmed on the roster until" in response.data
    expert = db.session.get(Expert, expert.id)
    assert expert.review_by == years_after(today(), 2)
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "reconfirm"))
    assert event.actor_id == core_client.user.id
    assert event.changes["review_by"][1] == expert.review_by.isoformat()
    assert b"Review overdue" not in core_client.get("/experts/").data


@pytest.mark.parametrize(
    ("who", "expected"),
    [("member", 403), ("other_member", 403), ("core", 303), ("agency", 403), ("admin", 303)],
)
def test_retire_and_reconfirm_permission_matrix(request, make_expert, db, who, expected):
    client = request.getfixturevalue(f"{who}_client")
    expert = make_expert("IT")
    assert client.post(f"/experts/{expert.id}/reconfirm").status_code == expected
    assert client.post(f"/experts/{expert.id}/retire", data={"reason": ""}).status_code == expected
    db.session.expire_all()
    assert (db.session.get(Expert, expert.id).status == "retired") == (expected == 303)


def test_manage_buttons_show_only_to_the_core_group(core_client, member_client, make_expert):
    expert = make_expert()
    assert b"Re-confirm for two years" in core_client.get(f"/experts/{expert.id}").data
    page = member_client.get(f"/experts/{expert.id}").data
    assert b"Re-confirm for two years" not in page
    assert b"Retire" not in page
    assert b"Export personal data" not in page


def test_an_experts_page_lists_the_trainings_they_were_proposed_for_or_gave(member_client, make_expert,
                                                                          make_training, db):
    expert = make_expert(name="Anna Rossi")
    make_training("SIENA basics", trainers=(expert,))
    given = make_training("Data protection day", status="delivered", trainers=(expert,))
    given.trainers[0].status = "confirmed"
    db.session.commit()
    page = member_client.get(f"/experts/{expert.id}").data.decode()
    assert "SIENA basics" in page
    assert "Data protection day" in page
    assert "Gave it" in page


def test_unknown_expert_is_not_found(member_client):
    assert member_client.get("/experts/424242").status_code == 404
