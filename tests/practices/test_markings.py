"""A practice's marking and its documents' markings; "Core group only" hides them from everyone else."""

import csv
import io

from app.core.models import Attachment
from app.practices.models import BestPractice
from tests.factories import marking, practice_form

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _shared_with_a_document(client, document_marking):
    data = practice_form(send="Save and send for review", attachment=(io.BytesIO(PDF), "annex.pdf"),
                         attachment_marking_id=document_marking, marking_id=marking("limite").id)
    return client.post("/practices/new", data=data, content_type="multipart/form-data")


def test_the_practice_and_its_document_carry_their_own_markings(db, core_client, member_client):
    assert _shared_with_a_document(core_client, marking("core_group").id).status_code == 303
    practice = db.session.scalar(db.select(BestPractice))
    assert practice.marking.name == "limite"
    assert db.session.scalar(db.select(Attachment)).marking.name == "core_group"
    core_page = core_client.get(f"/practices/{practice.id}").data.decode()
    assert "<strong>LIMITE</strong>" in core_page
    assert "annex.pdf" in core_page
    assert '<span class="marking-tag marking-restricted">Core group only</span>' in core_page
    # A member reads the LIMITE practice, but not its core-group document, nor can fetch it by its number.
    member_page = member_client.get(f"/practices/{practice.id}").data.decode()
    assert "<strong>LIMITE</strong>" in member_page
    assert "annex.pdf" not in member_page
    attachment = db.session.scalar(db.select(Attachment))
    assert member_client.get(f"/practices/{practice.id}/attachments/{attachment.id}").status_code == 404
    download = core_client.get(f"/practices/{practice.id}/attachments/{attachment.id}")
    assert download.data == PDF
    download.close()


def test_a_member_cannot_mark_a_document_core_group_only(db, member_client):
    response = _shared_with_a_document(member_client, marking("core_group").id)
    page = response.data.decode()
    assert "Only the core group and administrators can mark a record “Core group only”." in page
    assert 'value="Shared templates for SIENA requests"' in page
    assert db.session.scalar(db.select(db.func.count(BestPractice.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


def test_a_forged_practice_marking_is_refused_and_nothing_written(db, member_client):
    response = member_client.post("/practices/new", data=practice_form(marking_id="424242"))
    assert "Choose a marking from the list." in response.data.decode()
    assert db.session.scalar(db.select(db.func.count(BestPractice.id))) == 0


def test_core_group_practices_are_absent_for_members_everywhere(member_client, core_client, make_practice, db):
    make_practice("IT", title="Practice for everyone")
    hidden = make_practice("IT", title="Practice for the core group", marked="core_group")
    assert "Practice for the core group" not in member_client.get("/practices/").data.decode()
    assert "Practice for the core group" in core_client.get("/practices/").data.decode()
    rows = list(csv.reader(io.StringIO(member_client.get("/practices/export.csv").data.decode("utf-8-sig"))))
    assert rows[0] == ["Marking: SPOC Network - internal"]
    assert [r[1] for r in rows[2:]] == ["Practice for everyone"]
    first = core_client.get("/practices/export.csv").data.decode("utf-8-sig").splitlines()[0]
    assert first == "Marking: Core group only"
    assert "Practice for the core group" not in member_client.get("/dashboard/practices").data.decode()
    for path in (f"/practices/{hidden.id}", f"/practices/{hidden.id}/edit"):
        assert member_client.get(path).status_code == 404, path
    assert member_client.post(f"/practices/{hidden.id}/comments", data={"body": "Hi"}).status_code == 404
    assert len(db.session.get(BestPractice, hidden.id).comments) == 0


def test_a_restricted_obstacle_number_is_unknown_to_a_member(member_client, make_obstacle, db):
    hidden = make_obstacle("FR", marked="core_group")
    response = member_client.post("/practices/new", data=practice_form(obstacle_numbers=str(hidden.id)))
    assert f"There is no obstacle number {hidden.id}." in response.data.decode()
    assert db.session.scalar(db.select(db.func.count(BestPractice.id))) == 0


def test_editing_keeps_links_to_obstacles_the_editor_cannot_read(db, member_client, make_practice, make_obstacle):
    hidden = make_obstacle("FR", title="Core group obstacle", marked="core_group")
    shown = make_obstacle("FR", title="Open obstacle")
    practice = make_practice("IT")
    practice.obstacles = [hidden, shown]
    db.session.commit()
    form = member_client.get(f"/practices/{practice.id}/edit").data.decode()
    assert f'value="{shown.id}"' in form
    assert str(hidden.id) not in form.split('name="obstacle_numbers"')[1].split(">")[0]
    page = member_client.get(f"/practices/{practice.id}").data.decode()
    assert "Open obstacle" in page
    assert "Core group obstacle" not in page
    data = practice_form(version=str(practice.version), obstacle_numbers=str(shown.id))
    assert member_client.post(f"/practices/{practice.id}/edit", data=data).status_code == 303
    assert sorted(o.id for o in db.session.get(BestPractice, practice.id).obstacles) == sorted([hidden.id, shown.id])
