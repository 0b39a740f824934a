"""Export -> edit in Excel -> import: the CSV export imports back without loss, and unchanged rows stay unchanged."""

from datetime import date

import pytest

from app.extensions import db
from app.obstacles.models import Obstacle
from tests.factories import in_french, organisation
from tests.imports.files import csv_bytes, obstacle_row
from tests.imports.steps import counts, dry_run


def _state() -> list[tuple]:
    db.session.expire_all()
    return [(o.id, o.version, o.external_ref, o.title, o.description, o.kind, o.impact, o.status,
             o.instrument_id, o.reporting_org_id, sorted(c.id for c in o.counterparts), o.agreed_action,
             o.action_owner_id, o.action_due_on, o.marking_id)
            for o in db.session.scalars(db.select(Obstacle).order_by(Obstacle.id))]


@pytest.fixture
def tracked(make_obstacle):
    make_obstacle("IT", title="-5 °C: the SIRENE server room freezes", description="Line one,\n\"quoted\"; line two",
                  counterparts=("DE", "AT"), affected=("FR",), marked="limite", impact="high")
    agreed = make_obstacle("FR", status="action_agreed", kind="legal", instrument_code="SIS-SIRENE",
                           title="=HYPERLINK(\"x\") looks like a formula")
    agreed.agreed_action = "Write to the Commission."
    agreed.action_owner_id = organisation("EUROPOL").id
    agreed.action_due_on = date(2027, 3, 31)
    db.session.commit()


@pytest.mark.usefixtures("tracked")
@pytest.mark.parametrize("french", [False, True])
def test_the_export_imports_back_unchanged(admin_client, french):
    if french:
        in_french(admin_client)
    before = _state()
    export = admin_client.get("/obstacles/export.csv").data
    job, page = dry_run(admin_client, export, "obstacles.csv")
    assert counts(page) == ["2", "0", "0", "2", "0"], page
    admin_client.post(f"/admin/imports/{job}/import")
    assert _state() == before


@pytest.mark.usefixtures("tracked")
def test_the_export_saved_again_by_excel_in_french_imports_back_unchanged(admin_client):
    """Excel in a French locale saves "CSV" in Windows-1252 with semicolons."""
    import csv
    import io

    before = _state()
    text = admin_client.get("/obstacles/export.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    resaved = buffer.getvalue().replace("°", "o").encode("cp1252")  # nothing outside Windows-1252 in the file
    job, page = dry_run(admin_client, resaved)
    assert counts(page) == ["2", "0", "1", "1", "0"], page  # the title with the degree sign did change
    edited = resaved.replace(b"Write to the Commission.", b"Write to the Council.")
    job, page = dry_run(admin_client, edited)
    assert counts(page) == ["2", "0", "2", "0", "0"]
    admin_client.post(f"/admin/imports/{job}/import")
    after = _state()
    assert [row[11] for row in after] == [None, "Write to the Council."]
    assert [row[0] for row in after] == [row[0] for row in before]  # the same records, updated in place


def test_imported_records_keep_their_reference_through_an_export(admin_client):
    job, _ = dry_run(admin_client, csv_bytes([obstacle_row("SHEET-7"), obstacle_row("SHEET-8")]))
    admin_client.post(f"/admin/imports/{job}/import")
    before = _state()
    export = admin_client.get("/obstacles/export.csv").data
    assert b"SHEET-7" in export
    job, page = dry_run(admin_client, export)
    assert counts(page) == ["2", "0", "0", "2", "0"]
    assert _state() == before


def test_the_template_has_the_export_columns(admin_client, make_obstacle):
    make_obstacle()
    template = admin_client.get("/admin/imports/template/obstacles.csv")
    assert template.status_code == 200
    export = admin_client.get("/obstacles/export.csv").data.decode("utf-8-sig").splitlines()
    assert template.data.decode("utf-8-sig").splitlines() == [export[1]]  # the export's first line is the marking
    assert admin_client.get("/admin/imports/template/nothing.csv").status_code == 404
