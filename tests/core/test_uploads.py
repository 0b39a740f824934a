import io
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from app.core.models import Attachment, AuditEvent
from app.core.uploads import UploadError, attachments_of, download_name, save_upload, send_attachment

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _file(data: bytes, name: str = "report.pdf", mimetype: str = "application/pdf") -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name, content_type=mimetype)


def test_a_pdf_is_stored_under_a_random_name_and_audited(app, db, make_user):
    user = make_user()
    record = user.organisation
    attachment = save_upload(_file(PDF, "../../etc/Rapport d'activité.pdf"), actor=user, record=record)
    db.session.commit()
    assert attachment.content_type == "application/pdf"
    assert "/" not in attachment.filename
    assert ".." not in attachment.filename
    stored = Path(app.config["UPLOAD_FOLDER"]) / attachment.stored_name
    assert stored.read_bytes() == PDF
    assert attachment.stored_name not in attachment.filename
    assert attachments_of(record, user) == [attachment]
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "attach")) is not None


def test_type_comes_from_the_content_not_the_name_or_the_browser(app, make_user):
    user = make_user()
    attachment = save_upload(_file(PNG, "Map.PNG", "application/pdf"), actor=user, record=user.organisation)
    assert attachment.content_type == "image/png"
    text = save_upload(_file("Notes: échange\n".encode(), "notes.txt", "application/pdf"), actor=user,
                       record=user.organisation)
    assert text.content_type == "text/plain"


@pytest.mark.parametrize(
    ("data", "name", "told"),
    [
        (b"<html><body><script>alert(1)</script></body></html>", "report.pdf", "“.pdf”"),
        (PNG, "innocent.pdf", "“.pdf”"),
        (PDF, "minutes.docx", "“.docx”"),
        (PDF, "agenda.html", "“.html”"),
    ],
)
def test_a_name_that_declares_another_type_than_the_content_is_refused(app, db, make_user, data, name, told):
    user = make_user()
    stored_before = set(Path(app.config["UPLOAD_FOLDER"]).glob("*"))
    with pytest.raises(UploadError, match="its content is of another type") as refused:
        save_upload(_file(data, name), actor=user, record=user.organisation)
    assert told in str(refused.value)
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0
    assert set(Path(app.config["UPLOAD_FOLDER"]).glob("*")) == stored_before


def test_a_name_without_extension_gets_the_one_of_its_content(app, make_user):
    user = make_user()
    attachment = save_upload(_file(PDF, "Rapport annuel"), actor=user, record=user.organisation)
    assert attachment.filename == "Rapport_annuel.pdf"
    jpeg = save_upload(_file(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64, "photo.JPEG"), actor=user,
                       record=user.organisation)
    assert (jpeg.content_type, jpeg.filename) == ("image/jpeg", "photo.JPEG")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"MZ\x90\x00\x03" + b"\x00" * 100, "This kind of file is not accepted."),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "This kind of file is not accepted."),
        (b"<html>\x00<script>", "This kind of file is not accepted."),
    ],
)
def test_refused_files_say_why_and_store_nothing(app, db, make_user, data, message):
    user = make_user()
    with pytest.raises(UploadError, match=message):
        save_upload(_file(data, "x.pdf"), actor=user, record=user.organisation)
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


def test_files_over_the_limit_are_refused(make_app, make_user):
    app = make_app(MAX_UPLOAD_BYTES=1024)
    with app.app_context():
        user = make_user()
        with pytest.raises(UploadError, match="larger than"):
            save_upload(_file(PDF + b"0" * 2048), actor=user, record=user.organisation)


def test_download_is_an_attachment_with_the_recorded_type(app, make_user):
    user = make_user()
    attachment = save_upload(_file(PDF, "minutes.pdf"), actor=user, record=user.organisation)
    with app.test_request_context():
        response = send_attachment(attachment)
        response.direct_passthrough = False
        assert response.mimetype == "application/pdf"
        assert 'attachment; filename=minutes.pdf' in response.headers["Content-Disposition"]
        assert response.get_data() == PDF
        response.close()


JPEG = "image/jpeg"
TEXT = "text/plain"


@pytest.mark.parametrize(
    ("name", "content_type", "offered"),
    [
        ("invoice.pdf.exe", "application/pdf", "invoice-pdf.pdf"),  # stored before the rule: the .exe goes
        ("invoice.exe.pdf", "application/pdf", "invoice-exe.pdf"),
        ("report.html", "application/pdf", "report.pdf"),
        ("Minutes 28.11.2026.pdf", "application/pdf", "Minutes_28-11-2026.pdf"),
        ("notes..v2..md", TEXT, "notes-v2.md"),
        ("photo.JPEG", JPEG, "photo.JPEG"),  # one of the type's own extensions, as written
        ("Rapport annuel", "application/pdf", "Rapport_annuel.pdf"),
        ("text.txt", TEXT, "text.txt"),
        ("...", "application/pdf", "document.pdf"),
        ("???.pdf", "application/pdf", "document.pdf"),
        (".pdf", "application/pdf", "document.pdf"),
        ("☃☃☃", "image/png", "document.png"),
        ("", TEXT, "document.txt"),
        (None, TEXT, "document.txt"),
        ("../../etc/passwd", TEXT, "etc_passwd.txt"),
    ],
)
def test_a_download_name_has_one_extension_its_types(name, content_type, offered):
    assert download_name(name, content_type) == offered


def test_a_long_name_keeps_its_extension_within_120_characters():
    name = download_name("a" * 200 + ".tar.pdf", "application/pdf")
    assert len(name) == 120
    assert name.endswith("a.pdf")
    assert name.count(".") == 1


@pytest.mark.parametrize(("name", "stored"), [("invoice.exe.pdf", "invoice-exe.pdf"),
                                              ("scan.final.v3.PDF", "scan-final-v3.PDF"),
                                              ("...", "document.pdf")])
def test_an_uploaded_name_is_stored_with_one_extension(app, make_user, name, stored):
    user = make_user()
    attachment = save_upload(_file(PDF, name), actor=user, record=user.organisation)
    assert attachment.filename == stored


def test_a_name_whose_last_extension_is_another_types_is_still_refused(app, db, make_user):
    user = make_user()
    with pytest.raises(UploadError, match="“.exe”"):
        save_upload(_file(PDF, "invoice.pdf.exe"), actor=user, record=user.organisation)
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


def test_a_name_stored_before_the_rule_is_offered_under_it(app, db, make_user):
    user = make_user()
    attachment = save_upload(_file(PDF, "invoice.pdf"), actor=user, record=user.organisation)
    attachment.filename = "invoice.pdf.exe"  # as an older version stored it
    db.session.commit()
    with app.test_request_context():
        response = send_attachment(attachment)
        response.direct_passthrough = False
        assert response.headers["Content-Disposition"] == "attachment; filename=invoice-pdf.pdf"
        assert response.mimetype == "application/pdf"
        response.close()
