"""Uploaded files: generated names and contents never choose where a file is stored, the type comes from
the content, the size is limited for one file and for the whole request."""

import io
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage

from app.core.uploads import ALLOWED_TYPES, UploadError, save_upload
from app.extensions import db
from tests.factories import log_in
from tests.security.test_hostile_input import BUDGET

NAMES = st.one_of(st.sampled_from(["../../etc/passwd", "/etc/shadow", "..\\..\\boot.ini", "a\x00.pdf", "CON",
                                   "report.pdf\n.exe", " ", "", ".htaccess", "x" * 1000 + ".txt"]),
                  st.text(max_size=80))
CONTENTS = st.one_of(st.binary(min_size=0, max_size=300),
                     st.sampled_from([b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"MZ\x90\x00executable", b"<html><script>",
                                      b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"plain text\n"]))


def test_no_generated_file_is_stored_outside_the_folder_or_under_its_own_name(app, make_practice):
    practice = make_practice("IT")
    folder = Path(app.config["UPLOAD_FOLDER"]).resolve()

    @BUDGET
    @given(name=NAMES, content=CONTENTS)
    def upload(name, content):
        with app.test_request_context():
            try:
                attachment = save_upload(FileStorage(io.BytesIO(content), name), actor=None, record=practice)
            except UploadError as error:
                refusal = str(error)  # a reason for the person uploading
                attachment = None
        if attachment is None:
            assert refusal.endswith(".")
            db.session.rollback()
            return
        assert re.fullmatch(r"[0-9a-f]{32}", attachment.stored_name)
        assert (folder / attachment.stored_name).resolve().parent == folder
        assert not {"/", "\\", "\x00"} & set(attachment.filename)
        assert attachment.content_type in ALLOWED_TYPES
        db.session.rollback()

    upload()


def test_a_request_over_the_size_limit_is_refused_before_it_is_read(make_app, make_user):
    app = make_app(MAX_CONTENT_LENGTH=1024)
    with app.app_context():
        client = log_in(app.test_client(), make_user())
        response = client.post("/obstacles/new", data={"title": "x" * 4096})
    assert response.status_code == 413
    assert b"The upload is too large." in response.data
