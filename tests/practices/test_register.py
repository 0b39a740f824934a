import io
from datetime import date, timedelta

import pytest

from app.core.models import Attachment, AuditEvent
from app.practices.models import BestPractice
from tests.factories import HTMX, instrument, is_fragment, log_in, organisation, practice_form

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _count(db):
    return db.session.scalar(db.select(db.func.count(BestPractice.id)))


def test_a_draft_is_private_to_its_country_until_sent(member_client, other_member_client, login_as, db):
    page = member_client.get("/practices/new").data.decode()
    assert "## What was done" in page  # the suggested headings
    response = member_client.post("/practices/new", data=practice_form())
    assert response.status_code == 303
    practice = db.session.scalar(db.select(BestPractice))
    assert (practice.status, practice.country.code) == ("draft", "IT")
    assert sorted(t.name for t in practice.tags) == ["siena", "templates"]
    colleague = login_as("member", "IT")
    assert colleague.get(f"/practices/{practice.id}").status_code == 200
    assert other_member_client.get(f"/practices/{practice.id}").status_code == 404
    assert b"Shared templates" not in other_member_client.get("/practices/?status=draft").data
    assert member_client.post(f"/practices/{practice.id}/submit").status_code == 303
    db.session.refresh(practice)
    assert practice.status == "submitted"
    assert other_member_client.get(f"/practices/{practice.id}").status_code == 200
    assert b"Shared templates" in other_member_client.get("/practices/").data


def test_save_and_send_in_one_step_with_an_attachment(member_client, agency_client, db):
    data = practice_form(send="Save and send for review", attachment=(io.BytesIO(PDF), "templates.pdf"))
    del data["save_draft"]
    response = member_client.post("/practices/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 303
    practice = db.session.scalar(db.select(BestPractice))
    assert practice.status == "submitted"
    attachment = db.session.scalar(db.select(Attachment))
    page = agency_client.get(f"/practices/{practice.id}").data.decode()
    assert "templates.pdf" in page
    download = agency_client.get(f"/practices/{practice.id}/attachments/{attachment.id}")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.mimetype == "application/pdf"
    assert download.data == PDF
    download.close()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "t" * 201}, "Field must be between 5 and 200 characters long."),
        ({"summary": ""}, "This field is required."),
        ({"summary": "s" * 1001}, "Field cannot be longer than 1000 characters."),
        ({"topic": ""}, "Choose a topic."),
        ({"topic": "astrology"}, "Not a valid choice"),
        ({"instrument_ids": [999999]}, "is not a valid choice"),
        ({"tags": ", ".join(f"t{n}" for n in range(11))}, "Use at most 10 tags."),
        ({"tags": "x" * 41}, "A tag has at most 40 characters"),
        ({"obstacle_numbers": "12, abc"}, "“abc” is not an obstacle number"),
        ({"obstacle_numbers": "999999"}, "There is no obstacle number 999999."),
        ({"body": "text\x00"}, "control characters"),
    ],
)
def test_bad_input_is_explained_kept_and_nothing_written(member_client, db, changes, message):
    response = member_client.post("/practices/new", data=practice_form(**changes))
    assert response.status_code == 200
    assert message in response.data.decode()
    if "summary" not in changes:
        assert "Request templates cut the back-and-forth" in response.data.decode()
    assert _count(db) == 0


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04" + b"\x00" * 200, "report.pdf", "This kind of file is not accepted."),
        (PDF + b"0" * 3000, "big.pdf", "The file is larger than"),
        (b"", "empty.pdf", "The file is empty."),
        (b"<html><body>Quarterly figures</body></html>", "report.pdf", "its content is of another type (text file)"),
    ],
)
def test_refused_files_keep_the_text_and_write_nothing(make_app, make_user, data, name, message):
    app = make_app(MAX_UPLOAD_BYTES=2048)
    client = app.test_client()
    with app.app_context():
        log_in(client, make_user("member", "IT"))
        form = practice_form(attachment=(io.BytesIO(data), name))
        response = client.post("/practices/new", data=form, content_type="multipart/form-data")
    assert response.status_code == 200
    assert message in response.data.decode()
    assert "Shared templates for SIENA requests" in response.data.decode()
    with app.app_context():
        from app.extensions import db

        assert db.session.scalar(db.select(db.func.count(BestPractice.id))) == 0
        assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


def test_the_country_edits_until_endorsed_then_only_admins(member_client, admin_client, make_practice, db):
    practice = make_practice("IT", status="submitted")
    data = practice_form(title="Night desk, revised", version=str(practice.version))
    assert member_client.post(f"/practices/{practice.id}/edit", data=data).status_code == 303
    db.session.refresh(practice)
    assert practice.title == "Night desk, revised"
    assert practice.status == "submitted"  # editing does not change the state
    practice.status = "endorsed"
    db.session.commit()
    assert member_client.get(f"/practices/{practice.id}/edit").status_code == 403
    assert admin_client.get(f"/practices/{practice.id}/edit").status_code == 200


def test_concurrent_edits_are_refused_with_the_text_kept(member_client, login_as, make_practice, db):
    practice = make_practice("IT")
    loaded = str(practice.version)
    colleague = login_as("member", "IT")
    colleague.post(f"/practices/{practice.id}/edit", data=practice_form(title="Colleague's version", version=loaded))
    response = member_client.post(f"/practices/{practice.id}/edit",
                                  data=practice_form(title="My careful version", version=loaded))
    assert response.status_code == 409
    assert b"My careful version" in response.data
    db.session.refresh(practice)
    assert practice.title == "Colleague's version"


def test_the_presidency_endorses_with_date_and_occasion(presidency_client, member_client, make_practice, db):
    practice = make_practice("IT", status="submitted")
    assert member_client.post(f"/practices/{practice.id}/endorse", data={
        "endorsed_on": "2026-11-01", "occasion": "x"}).status_code == 403
    response = presidency_client.post(f"/practices/{practice.id}/endorse", data={
        "endorsed_on": (date.today() + timedelta(days=3)).isoformat(), "occasion": "Meeting in Dublin"})
    assert response.status_code == 400
    assert b"cannot be in the future" in response.data
    assert b"Meeting in Dublin" in response.data
    response = presidency_client.post(f"/practices/{practice.id}/endorse", data={
        "endorsed_on": date.today().isoformat(), "occasion": "Heads of SPOC meeting, Dublin"})
    assert response.status_code == 303
    page = member_client.get(f"/practices/{practice.id}").data.decode()
    assert "Endorsed by the network" in page
    assert "Heads of SPOC meeting, Dublin" in page
    assert "(Submitted → Endorsed)" in page
    assert presidency_client.post(f"/practices/{practice.id}/endorse", data={
        "endorsed_on": date.today().isoformat(), "occasion": "again"}).status_code == 409


def test_only_endorsed_practices_carry_the_badge(member_client, make_practice):
    submitted = make_practice("IT", status="submitted", title="Submitted one")
    assert b"Endorsed by the network" not in member_client.get(f"/practices/{submitted.id}").data


def test_archiving_needs_a_reason(member_client, make_practice, db):
    practice = make_practice("IT", status="endorsed")
    assert member_client.post(f"/practices/{practice.id}/archive", data={"note": ""}).status_code == 400
    db.session.refresh(practice)
    assert practice.status == "endorsed"
    assert member_client.post(f"/practices/{practice.id}/archive", data={"note": "Superseded"}).status_code == 303
    db.session.refresh(practice)
    assert (practice.status, practice.archived_reason) == ("archived", "Superseded")
    assert db.session.scalar(db.select(AuditEvent.note).where(AuditEvent.action == "archive")) == "Superseded"


def test_adoption_once_per_other_country(other_member_client, login_as, member_client, make_practice, db):
    practice = make_practice("IT", status="endorsed")
    assert member_client.post(f"/practices/{practice.id}/adopt", data={}).status_code == 403
    response = other_member_client.post(f"/practices/{practice.id}/adopt", data={"note": "Worked well."})
    assert response.status_code == 303
    page = member_client.get(f"/practices/{practice.id}").data.decode()
    assert "Adopted by <span class=\"count\">(1 country)" in page
    assert "Worked well." in page
    second = login_as("member", "FR").post(f"/practices/{practice.id}/adopt", data={"note": "again"})
    assert second.status_code == 409
    assert b"France has already recorded" in second.data
    db.session.refresh(practice)
    assert practice.adoption_count == 1
    fragment = other_member_client.post(f"/practices/{practice.id}/adopt/withdraw", headers=HTMX)
    assert is_fragment(fragment)
    assert b"No other country has recorded adopting it yet." in fragment.data


def test_agencies_read_and_comment_but_do_not_submit(agency_client, make_practice, db):
    practice = make_practice("IT")
    assert agency_client.get("/practices/new").status_code == 403
    response = agency_client.post(f"/practices/{practice.id}/comments", data={"body": "CEPOL could train this."},
                                  headers=HTMX)
    assert response.status_code == 200
    assert is_fragment(response)
    assert b"CEPOL could train this." in response.data
    draft = make_practice("FR", status="draft")
    assert agency_client.post(f"/practices/{draft.id}/comments", data={"body": "x"}).status_code == 404


def test_links_to_obstacles_show_on_both_pages(member_client, other_member_client, make_practice, db):
    from app.obstacles.models import Obstacle

    obstacle = Obstacle(title="Slow Prüm follow-ups", description="d", kind="technical",
                        instrument=instrument("PRUM"), reporting_org=organisation("DE"))
    db.session.add(obstacle)
    db.session.commit()
    response = member_client.post("/practices/new", data=practice_form(obstacle_numbers=f"#{obstacle.id}"))
    practice = db.session.scalar(db.select(BestPractice))
    assert response.status_code == 303
    assert f"#{obstacle.id} Slow Prüm follow-ups" in member_client.get(f"/practices/{practice.id}").data.decode()
    assert b"Shared templates for SIENA requests" in member_client.get(f"/obstacles/{obstacle.id}").data
    # A draft's link stays private to its country.
    assert b"Shared templates for SIENA requests" not in other_member_client.get(f"/obstacles/{obstacle.id}").data
    member_client.post(f"/practices/{practice.id}/submit")
    assert b"Shared templates for SIENA requests" in other_member_client.get(f"/obstacles/{obstacle.id}").data


def test_attachments_of_a_draft_are_not_served_to_other_countries(member_client, other_member_client, db):
    data = practice_form(attachment=(io.BytesIO(PDF), "draft.pdf"))
    member_client.post("/practices/new", data=data, content_type="multipart/form-data")
    practice = db.session.scalar(db.select(BestPractice))
    attachment = db.session.scalar(db.select(Attachment))
    url = f"/practices/{practice.id}/attachments/{attachment.id}"
    assert other_member_client.get(url).status_code == 404
    own = member_client.get(url)
    assert own.status_code == 200
    own.close()
    assert member_client.get(f"/practices/{practice.id}/attachments/{attachment.id + 1}").status_code == 404


def test_demo_data_fills_the_register(app, db, client):
    from app.demo import load_demo_data
    from app.network.models import User

    assert load_demo_data() is True
    db.session.commit()
    assert set(db.session.scalars(db.select(BestPractice.status))) == {"draft", "submitted", "endorsed", "archived"}
    assert db.session.scalar(db.select(db.func.max(BestPractice.adoption_count))) >= 3
    italian = log_in(client, db.session.scalar(db.select(User).where(User.email == "head.it@example.org")))
    page = italian.get("/practices/?sort=adopted").data.decode()
    assert "Night desk for urgent Prüm follow-ups" in page
    assert "Regional liaison points" not in page  # Spain's draft
    obstacle_page = italian.get("/obstacles/?q=vehicle").data.decode()
    assert "Vehicle registration data" in obstacle_page
