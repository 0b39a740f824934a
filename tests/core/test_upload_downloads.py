"""The name a document is downloaded under, from every page that offers documents (best practices, meetings): one
extension, its type's, for names stored before that rule too (#24)."""

import io

import pytest

from app.core.models import Attachment
from tests.factories import PAST, practice_form

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def _download(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.data == PDF
    response.close()
    return response.headers["Content-Disposition"]


def _stored_before_the_rule(db, name: str) -> Attachment:
    attachment = db.session.scalars(db.select(Attachment)).one()
    attachment.filename = name
    db.session.commit()
    return attachment


def test_a_practice_document_is_stored_and_offered_with_one_extension(member_client, agency_client, db):
    data = practice_form(send="Save and send for review", attachment=(io.BytesIO(PDF), "budget.2027.exe.pdf"))
    del data["save_draft"]
    assert member_client.post("/practices/new", data=data, content_type="multipart/form-data").status_code == 303
    attachment = db.session.scalars(db.select(Attachment)).one()
    assert attachment.filename == "budget-2027-exe.pdf"
    url = f"/practices/{attachment.record_id}/attachments/{attachment.id}"
    assert "budget-2027-exe.pdf" in agency_client.get(f"/practices/{attachment.record_id}").data.decode()
    assert _download(agency_client, url) == "attachment; filename=budget-2027-exe.pdf"
    _stored_before_the_rule(db, "invoice.pdf.exe")
    assert _download(agency_client, url) == "attachment; filename=invoice-pdf.pdf"
    page = agency_client.get(f"/practices/{attachment.record_id}").data.decode()
    assert "invoice-pdf.pdf" in page  # listed under the name it downloads as
    assert "invoice.pdf.exe" not in page


def test_a_practice_document_named_as_another_type_is_refused_and_nothing_stored(member_client, db):
    data = practice_form(attachment=(io.BytesIO(PDF), "invoice.pdf.exe"))
    response = member_client.post("/practices/new", data=data, content_type="multipart/form-data")
    assert response.status_code != 303  # the form again, the reason next to the file field
    assert "“.exe”" in response.data.decode()
    assert "Shared templates for SIENA requests" in response.data.decode()  # the user's text is kept
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


@pytest.fixture
def held(make_meeting):
    """A meeting of the Polish Presidency (2025 H1), held."""
    return make_meeting(status="held", start=PAST, timezone="Europe/Warsaw", title="Warsaw meeting")


@pytest.mark.parametrize(("uploaded", "stored"), [("minutes.2025.05.pdf", "minutes-2025-05.pdf"),
                                                  ("...", "document.pdf")])
def test_a_meeting_document_is_stored_and_offered_with_one_extension(held, login_as, member_client, db, uploaded,
                                                                     stored):
    polish = login_as("member", "PL")
    response = polish.post(f"/meetings/{held.id}/documents", data={"document": (io.BytesIO(PDF), uploaded)},
                           content_type="multipart/form-data")
    assert response.status_code == 303, response.data.decode()[:2000]
    attachment = db.session.scalars(db.select(Attachment)).one()
    assert attachment.filename == stored
    url = f"/meetings/{held.id}/documents/{attachment.id}"
    assert _download(polish, url) == f"attachment; filename={stored}"
    _stored_before_the_rule(db, "agenda.docx.bat")
    assert _download(polish, url) == "attachment; filename=agenda-docx.pdf"
