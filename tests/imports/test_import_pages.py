"""Who may import, the job page while a job runs (htmx polling and without JavaScript), and remembered columns."""

import re

import pytest

from app.core.i18n import SESSION_KEY as LANGUAGE_KEY
from app.extensions import db
from app.imports.models import ImportJob
from app.obstacles.models import Obstacle
from tests.imports.files import csv_bytes, obstacle_row
from tests.imports.steps import counts, dry_run, job_id, upload


@pytest.mark.parametrize("role", [("member", "IT"), ("core-group", "DE"), ("member", "EUROPOL")])
def test_only_administrators_import(login_as, admin_client, role):
    job = job_id(upload(admin_client, csv_bytes([obstacle_row("OBS-1")])))
    client = login_as(*role)
    assert client.get("/admin/imports/").status_code == 403
    assert upload(client, csv_bytes([obstacle_row("OBS-2")])).status_code == 403
    assert client.get(f"/admin/imports/{job}").status_code == 403
    assert client.post(f"/admin/imports/{job}/check", data={"column_0": "external_ref"}).status_code == 403
    assert client.post(f"/admin/imports/{job}/import").status_code == 403
    assert client.get("/admin/imports/template/obstacles.csv").status_code == 403
    assert db.session.get(ImportJob, job).status == "uploaded"
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 0


def test_a_running_job_polls_with_htmx_and_offers_a_refresh_link(admin_client):
    job = job_id(upload(admin_client, csv_bytes([obstacle_row("OBS-1")])))
    record = db.session.get(ImportJob, job)
    record.status, record.total_rows, record.processed_rows = "importing", 20_000, 5_000
    db.session.commit()
    fragment = admin_client.get(f"/admin/imports/{job}", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert "<html" not in text
    assert 'hx-trigger="every 1s"' in text
    assert '<progress max="20000" value="5000">25 %</progress>' in text
    assert "HX-Request" in fragment.headers["Vary"]
    page = admin_client.get(f"/admin/imports/{job}").get_data(as_text=True)
    assert f'<a href="/admin/imports/{job}">Refresh</a>' in page  # without JavaScript
    assert admin_client.post(f"/admin/imports/{job}/import").status_code == 409  # not twice at once
    assert admin_client.post(f"/admin/imports/{job}/check", data={}).status_code == 409
    record.status = "done"
    db.session.commit()
    assert 'hx-trigger' not in admin_client.get(f"/admin/imports/{job}", headers={"HX-Request": "true"}).get_data(
        as_text=True)


def test_a_finished_import_cannot_run_again(admin_client):
    job, _ = dry_run(admin_client, csv_bytes([obstacle_row("OBS-1")]))
    admin_client.post(f"/admin/imports/{job}/import")
    assert admin_client.post(f"/admin/imports/{job}/import").status_code == 409
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 1
    assert admin_client.get("/admin/imports/999999").status_code == 404


def test_the_mapping_chosen_is_remembered_for_the_same_columns(admin_client):
    header = ["Ref", "Intitulé du problème", "Texte", "Kind", "Instrument or channel", "Reporting country"]
    data = csv_bytes([["R-1", "A title", "Some text", "legal", "PRUM", "IT"]], header=header)
    job = job_id(upload(admin_client, data))
    page = admin_client.get(f"/admin/imports/{job}").get_data(as_text=True)
    assert re.search(r'<option selected value="external_ref">', page)  # "Ref" is known
    mapping = {"column_0": "external_ref", "column_1": "title", "column_2": "description", "column_3": "kind",
               "column_4": "instrument_id", "column_5": "reporting_org_id"}
    assert admin_client.post(f"/admin/imports/{job}/check", data=mapping).status_code == 303
    assert counts(admin_client.get(f"/admin/imports/{job}").get_data(as_text=True)) == ["1", "1", "0", "0", "0"]
    again = job_id(upload(admin_client, data))
    page = admin_client.get(f"/admin/imports/{again}").get_data(as_text=True)
    for position, name in mapping.items():
        select = re.search(rf'<select[^>]*name="{position}"[^>]*>(.*?)</select>', page, re.S)[1]
        assert f'<option selected value="{name}">' in select


def test_the_upload_form_keeps_the_chosen_kind_on_an_error(admin_client):
    response = upload(admin_client, b"")
    assert response.status_code == 400
    assert '<option selected value="obstacles">' in response.get_data(as_text=True)


def test_the_problems_are_in_the_language_the_page_is_read_in(admin_client):
    with admin_client.session_transaction() as session:  # French chosen on the log-in page: no saved setting
        session[LANGUAGE_KEY] = "fr"
    _job, page = dry_run(admin_client, csv_bytes([obstacle_row("FR-1", country="Atlantide")]))
    assert "« Atlantide »" in page or "“Atlantide”" in page
    assert "is not a known" not in page
    assert "Essai à blanc" in page
