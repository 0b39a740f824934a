"""Importing obstacles through the administrators' page: upload, columns, dry run, import."""

import re

import pytest

from app.core.models import AuditEvent
from app.extensions import db
from app.imports.models import ImportJob
from app.obstacles.models import Obstacle
from app.search.models import SearchDocument
from tests.factories import organisation
from tests.imports.files import csv_bytes, obstacle_row, xlsx_bytes
from tests.imports.steps import counts, dry_run


def test_dry_run_counts_and_writes_nothing(admin_client):
    data = csv_bytes([obstacle_row("OBS-1"), obstacle_row("OBS-2"), obstacle_row("OBS-3", kind="Astrological")])
    job, page = dry_run(admin_client, data)
    assert counts(page) == ["3", "2", "0", "0", "1"]  # rows, to create, to update, unchanged, with problems
    assert "“Astrological” is not a known kind" in page
    assert re.search(r"<td>4</td><td>Kind</td>", page)  # row 4 of the file (the header is row 1)
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 0
    assert "Import 3 rows" not in page  # no import while a row has a problem


def test_import_writes_every_row_searchable_and_audited_once(admin_client):
    data = csv_bytes([obstacle_row("OBS-1"), obstacle_row("OBS-2", title="Quetzalcoatl register offline")])
    job, page = dry_run(admin_client, data)
    assert counts(page) == ["2", "2", "0", "0", "0"]
    assert admin_client.post(f"/admin/imports/{job}/import").status_code == 303
    page = admin_client.get(f"/admin/imports/{job}").get_data(as_text=True)
    assert "Imported" in page
    obstacles = db.session.scalars(db.select(Obstacle).order_by(Obstacle.external_ref)).all()
    assert [(o.external_ref, o.kind, o.impact, o.reporting_org.code) for o in obstacles] == [
        ("OBS-1", "technical", "high", "IT"), ("OBS-2", "technical", "high", "IT")]
    assert sorted(c.code for c in obstacles[0].counterparts) == ["AT", "DE"]
    assert obstacles[0].status == "reported"
    assert obstacles[0].marking.name == "internal"
    assert db.session.scalar(db.select(SearchDocument.record_id).where(
        SearchDocument.title == "Quetzalcoatl register offline")) == obstacles[1].id
    events = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "import")).all()
    assert len(events) == 1
    assert events[0].changes["created"] == [None, 2]
    assert db.session.get(ImportJob, job).status == "done"


def test_reimporting_the_same_file_changes_nothing(admin_client):
    data = csv_bytes([obstacle_row("OBS-1"), obstacle_row("OBS-2")])
    job, _ = dry_run(admin_client, data)
    admin_client.post(f"/admin/imports/{job}/import")
    before = [(o.id, o.version, o.last_activity_at) for o in db.session.scalars(db.select(Obstacle))]
    job, page = dry_run(admin_client, data)
    assert counts(page) == ["2", "0", "0", "2", "0"]
    admin_client.post(f"/admin/imports/{job}/import")
    db.session.expire_all()
    assert [(o.id, o.version, o.last_activity_at) for o in db.session.scalars(db.select(Obstacle))] == before
    edited = csv_bytes([obstacle_row("OBS-1", impact="Low"), obstacle_row("OBS-2")])
    job, page = dry_run(admin_client, edited)
    assert counts(page) == ["2", "0", "1", "1", "0"]
    admin_client.post(f"/admin/imports/{job}/import")
    assert db.session.scalar(db.select(Obstacle.impact).where(Obstacle.external_ref == "OBS-1")) == "low"


def test_one_bad_row_writes_nothing(admin_client, make_obstacle):
    """A file checked clean whose data went wrong before the import (its instrument renamed): nothing is written."""
    data = csv_bytes([obstacle_row("OBS-1"), obstacle_row("OBS-2", instrument="SIS-SIRENE")])
    job, page = dry_run(admin_client, data)
    assert counts(page)[-1] == "0"
    from app.network.models import LegalInstrument

    db.session.execute(db.update(LegalInstrument).where(LegalInstrument.code == "SIS-SIRENE").values(code="SIS-OLD",
                                                                                              name="Retired"))
    db.session.commit()
    admin_client.post(f"/admin/imports/{job}/import")
    page = admin_client.get(f"/admin/imports/{job}").get_data(as_text=True)
    assert "Not imported" in page
    assert "nothing was imported" in page
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 0
    assert db.session.scalar(db.select(db.func.count(SearchDocument.id))) == 0


def test_xlsx_formula_cell_gives_its_value(admin_client):
    data = xlsx_bytes([obstacle_row("OBS-1", title="=UPPER(A2)")], cached={"UPPER(A2)": "COMPUTED TITLE"})
    job, page = dry_run(admin_client, data, "obstacles.xlsx")
    assert counts(page) == ["1", "1", "0", "0", "0"]
    admin_client.post(f"/admin/imports/{job}/import")
    assert db.session.scalar(db.select(Obstacle.title)) == "COMPUTED TITLE"


def test_xlsx_formula_without_a_saved_value_is_a_blank_not_its_text(admin_client):
    data = xlsx_bytes([obstacle_row("OBS-1", title="=UPPER(A2)")])
    job, page = dry_run(admin_client, data, "obstacles.xlsx")
    assert counts(page) == ["1", "0", "0", "0", "1"]
    assert re.search(r"<td>2</td><td>Title</td><td>This value is required.</td>", page)


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"),
                                                     ("cp1252", ",")])
def test_encodings_and_separators(admin_client, encoding, delimiter):
    data = csv_bytes([obstacle_row("OBS-1", title="Réquisitions à Göteborg – délai", country="Allemagne",
                                   counterparts="Autriche; Italie")], encoding=encoding, delimiter=delimiter)
    job, page = dry_run(admin_client, data)
    assert counts(page) == ["1", "1", "0", "0", "0"], page
    admin_client.post(f"/admin/imports/{job}/import")
    obstacle = db.session.scalar(db.select(Obstacle))
    assert obstacle.title == "Réquisitions à Göteborg – délai"
    assert obstacle.reporting_org == organisation("DE")
    assert sorted(c.code for c in obstacle.counterparts) == ["AT", "IT"]


def test_french_headers_and_values(admin_client):
    header = ["Référence externe", "Titre", "Description", "Type", "Instrument ou canal", "Impact",
              "Pays déclarant", "Statut", "Échéance de l’action"]
    row = ["OBS-FR", "Délais Prüm", "Les demandes attendent.", "Technique", "prum", "Élevé", "FR", "Signalé",
           "31/03/2027"]
    job, page = dry_run(admin_client, csv_bytes([row], header=header, delimiter=";", encoding="cp1252"))
    assert counts(page) == ["1", "1", "0", "0", "0"], page
    admin_client.post(f"/admin/imports/{job}/import")
    obstacle = db.session.scalar(db.select(Obstacle))
    assert (obstacle.kind, obstacle.impact, obstacle.reporting_org.code, str(obstacle.action_due_on)) == (
        "technical", "high", "FR", "2027-03-31")


def test_a_file_of_several_batches(admin_client):
    """More rows than are read and written at a time (app/imports/services.py BATCH_ROWS): every one arrives."""
    rows = [obstacle_row(f"OBS-{n}", country=("Italy", "France", "DE")[n % 3]) for n in range(1_201)]
    job, page = dry_run(admin_client, csv_bytes(rows))
    assert counts(page) == ["1201", "1201", "0", "0", "0"]
    admin_client.post(f"/admin/imports/{job}/import")
    record = db.session.get(ImportJob, job)
    assert (record.status, record.processed_rows, record.total_rows) == ("done", 1201, 1201)
    assert db.session.scalar(db.select(db.func.count(Obstacle.id)).where(Obstacle.reporting_org_id
                                                                         == organisation("FR").id)) == 400
    assert db.session.scalar(db.select(db.func.count(SearchDocument.id))) == 1201


def test_xlsx_dates_and_numbers_are_read_as_typed(admin_client, make_obstacle):
    """A workbook holds real dates and numbers, not text: a date cell and an ID typed as a number."""
    from datetime import datetime

    existing = make_obstacle("IT", title="Kept by its number")
    header = ["ID", "Title", "Description", "Kind", "Instrument or channel", "Reporting country", "Action due"]
    rows = [[float(existing.id), "Kept by its number", "Requests wait until morning.", "Technical", "PRUM", "IT",
             datetime(2027, 3, 31)]]
    job, page = dry_run(admin_client, xlsx_bytes(rows, header=header), "obstacles.xlsx")
    assert counts(page) == ["1", "0", "1", "0", "0"], page  # the due date is new
    admin_client.post(f"/admin/imports/{job}/import")
    db.session.expire_all()
    assert str(db.session.get(Obstacle, existing.id).action_due_on) == "2027-03-31"
    assert db.session.scalar(db.select(db.func.count(Obstacle.id))) == 1
