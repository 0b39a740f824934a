"""What a file that cannot be imported gets: a clear message next to the file field, and nothing written."""

import io
import zipfile

import pytest

from app.extensions import db
from app.imports.models import ImportJob
from app.obstacles.models import Obstacle
from tests.imports.files import csv_bytes, obstacle_row
from tests.imports.steps import counts, dry_run, upload


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _refused(client, data: bytes, name: str = "obstacles.csv") -> str:
    response = client.post("/admin/imports/", data={"kind": "obstacles", "file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'class="error"' in page  # the message sits by the file field
    assert db.session.scalar(db.select(db.func.count(ImportJob.id))) == 0
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 0
    return page


@pytest.mark.parametrize(("data", "name"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "obstacles.csv"),  # a PDF named as a CSV
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "obstacles.xlsx"),
    (_docx(), "obstacles.xlsx"),  # a Word document is a zip too
    (bytes(range(256)) * 4, "obstacles.csv"),
])
def test_a_file_that_is_not_a_spreadsheet(admin_client, data, name):
    assert "This file is not a spreadsheet" in _refused(admin_client, data, name)


def test_an_old_excel_file_is_asked_for_as_xlsx(admin_client):
    page = _refused(admin_client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "obstacles.xls")
    assert "Save it as an Excel workbook (.xlsx)" in page


def test_a_damaged_workbook(admin_client):
    assert "The file is damaged" in _refused(admin_client, b"PK\x03\x04" + b"\x00" * 100, "obstacles.xlsx")


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n  \r\n", b"\xef\xbb\xbf"])
def test_an_empty_file(admin_client, data):
    assert "The file is empty." in _refused(admin_client, data)


def test_no_file_chosen(admin_client):
    response = admin_client.post("/admin/imports/", data={"kind": "obstacles"}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a file." in response.get_data(as_text=True)


def test_a_header_row_it_cannot_map(admin_client):
    page = _refused(admin_client, b"Colour,Size,Weight\r\nred,large,12\r\n")
    assert "No column of the header row is one this import knows" in page


def test_a_file_of_50_mb(admin_client):
    big = csv_bytes([obstacle_row("OBS-1")]) + b"x" * (50 * 1024 * 1024)
    # The body is encoded here: the test client's own encoder leaves a temporary file open for a body this large.
    boundary = "import-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nobstacles\r\n--{boundary}\r\n'
            f'Content-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n'
            ).encode() + big + f"\r\n--{boundary}--\r\n".encode()
    response = admin_client.post("/admin/imports/", data=body,
                                 content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 400
    assert "The file is larger than 20 MB." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(ImportJob.id))) == 0


def test_a_required_column_left_out_is_said_before_the_dry_run(admin_client):
    job_page = upload(admin_client, b"External reference,Title\r\nOBS-1,Something\r\n")
    job = int(job_page.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    response = admin_client.post(f"/admin/imports/{job}/check", data={"column_0": "external_ref",
                                                                     "column_1": "title"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "No column of the file gives “Description”." in page
    assert db.session.get(ImportJob, job).status == "uploaded"


def test_a_column_chosen_twice(admin_client):
    data = csv_bytes([obstacle_row("OBS-1")])
    job = int(upload(admin_client, data).headers["Location"].rsplit("/", 1)[1])
    mapping = {f"column_{i}": name for i, name in enumerate(
        ["external_ref", "title", "title", "kind", "instrument_id", "impact", "reporting_org_id", "counterpart_ids"])}
    response = admin_client.post(f"/admin/imports/{job}/check", data=mapping)
    assert response.status_code == 400
    assert "“Title” is chosen for more than one column of the file." in response.get_data(as_text=True)


def test_a_forged_column_choice_is_refused(admin_client):
    job = int(upload(admin_client, csv_bytes([obstacle_row("OBS-1")])).headers["Location"].rsplit("/", 1)[1])
    response = admin_client.post(f"/admin/imports/{job}/check", data={"column_0": "password_hash"})
    assert response.status_code == 400
    assert db.session.get(ImportJob, job).status == "uploaded"


def test_duplicate_external_references_in_one_file(admin_client):
    data = csv_bytes([obstacle_row("OBS-1"), obstacle_row("OBS-2"), obstacle_row("OBS-1", title="Again")])
    job, page = dry_run(admin_client, data)
    assert counts(page) == ["3", "2", "0", "0", "1"]
    assert "<td>4</td><td>External reference</td><td>Row 2 has the same reference.</td>" in page
    assert "Import 3 rows" not in page
    assert admin_client.post(f"/admin/imports/{job}/import").status_code == 409
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 0


def test_rows_without_a_reference(admin_client):
    data = csv_bytes([obstacle_row("")])
    _job, page = dry_run(admin_client, data)
    assert "Each row needs an external reference" in page


def test_a_row_for_an_agency_or_an_unknown_country(admin_client):
    data = csv_bytes([obstacle_row("OBS-1", country="EUROPOL"), obstacle_row("OBS-2", country="Atlantis"),
                      obstacle_row("OBS-3", counterparts="Germany, Narnia")])
    _job, page = dry_run(admin_client, data)
    assert counts(page) == ["3", "0", "0", "0", "3"]
    assert "“EUROPOL” is not a known Member State" in page
    assert "“Atlantis” is not a known Member State" in page
    assert "<td>4</td><td>Countries on the other side</td><td>“Narnia” is not a known Member State" in page


def test_values_are_never_guessed(admin_client):
    data = csv_bytes([obstacle_row("OBS-1", kind="Tech", impact="Huge", instrument="Prum decision",
                                   country="Ital")])
    _job, page = dry_run(admin_client, data)
    for message in ("“Tech” is not a known kind", "“Huge” is not a known impact",
                    "“Prum decision” is not a known instrument or channel", "“Ital” is not a known Member State"):
        assert message in page


def test_a_bad_date_and_a_date_out_of_range(admin_client):
    header = ["External reference", "Title", "Description", "Kind", "Instrument or channel", "Reporting country",
              "Action due"]
    rows = [["OBS-1", "A title", "Text", "legal", "PRUM", "IT", "31/02/2027"],
            ["OBS-2", "A title", "Text", "legal", "PRUM", "IT", "01/01/2300"],
            ["OBS-3", "A title", "Text", "legal", "PRUM", "IT", "2027-01-31"]]
    _job, page = dry_run(admin_client, csv_bytes(rows, header=header))
    assert counts(page) == ["3", "1", "0", "0", "2"]
    assert "“31/02/2027” is not a date" in page
    assert "2300-01-01 is not a plausible date." in page


def test_text_too_long_or_with_control_characters(admin_client):
    data = csv_bytes([obstacle_row("OBS-1", title="x" * 201), obstacle_row("OBS-2", title="Bell\x07")])
    _job, page = dry_run(admin_client, data)
    assert "At most 200 characters (this one has 201)." in page
    assert "This value contains control characters." in page
