"""Importing best practices: the same page, their own columns; the export imports back unchanged."""

import pytest

from app.extensions import db
from app.practices.models import BestPractice, Tag
from app.search.models import SearchDocument
from tests.factories import in_french
from tests.imports.files import csv_bytes
from tests.imports.steps import counts, dry_run

HEADER = ["External reference", "Title", "Summary", "Topic", "Status", "Country", "Instruments and channels", "Tags",
          "Endorsed on", "Endorsed at"]


def _row(ref: str, **changes):
    values = {"ref": ref, "title": f"Practice {ref}", "summary": "One officer answers at night.",
              "topic": "24/7 operations", "status": "Endorsed", "country": "Spain",
              "instruments": "PRUM, SIS-SIRENE", "tags": "night shift, SIENA", "endorsed_on": "14/05/2026",
              "occasion": "Heads of SPOC meeting"}
    values.update(changes)
    return list(values.values())


def test_practices_import_with_shared_new_tags_searchable(admin_client):
    data = csv_bytes([_row("BP-1"), _row("BP-2", tags="siena, templates", status="Draft", endorsed_on="",
                                         occasion="")], header=HEADER)
    job, page = dry_run(admin_client, data, kind="practices")
    assert counts(page) == ["2", "2", "0", "0", "0"], page
    admin_client.post(f"/admin/imports/{job}/import")
    practices = db.session.scalars(db.select(BestPractice).order_by(BestPractice.external_ref)).all()
    assert [(p.status, p.country.code, str(p.endorsed_on), p.was_shared) for p in practices] == [
        ("endorsed", "ES", "2026-05-14", True), ("draft", "ES", "None", False)]
    assert [t.name for t in practices[0].tags] == ["night shift", "siena"]
    assert sorted(db.session.scalars(db.select(Tag.name))) == ["night shift", "siena", "templates"]
    assert db.session.scalar(db.select(SearchDocument.visibility).where(SearchDocument.title == "Practice BP-2")) \
        == "country"  # a draft stays with its country, as one saved through the form
    job, page = dry_run(admin_client, data, kind="practices")
    assert counts(page) == ["2", "0", "0", "2", "0"]


def test_a_practice_row_with_bad_values(admin_client):
    data = csv_bytes([_row("BP-1", topic="Cooking", instruments="PRUM, Carrier pigeon", tags="x" * 41)],
                     header=HEADER)
    _job, page = dry_run(admin_client, data, kind="practices")
    assert "“Cooking” is not a known topic" in page
    assert "“Carrier pigeon” is not a known instrument or channel" in page
    assert "A tag has at most 40 characters" in page
    assert db.session.scalar(db.select(db.func.count(BestPractice.id))) == 0


@pytest.mark.parametrize("french", [False, True])
def test_the_practices_export_imports_back_unchanged(admin_client, make_practice, french):
    make_practice("IT", status="endorsed", tags=("siena", "night shift"), instruments=("PRUM", "SIS-SIRENE"),
                  body="## Context\n\nA line, with \"quotes\"; and more.", adopted_by=("FR",))
    make_practice("FR", status="submitted", title="-1 trick for the night desk", marked="limite")
    if french:
        in_french(admin_client)
    db.session.expire_all()
    before = [(p.id, p.version, p.title, p.body, p.status, sorted(t.name for t in p.tags),
               sorted(i.id for i in p.instruments), p.marking_id) for p in db.session.scalars(db.select(BestPractice))]
    export = admin_client.get("/practices/export.csv?status=").data
    job, page = dry_run(admin_client, export, kind="practices")
    assert counts(page) == ["2", "0", "0", "2", "0"], page
    admin_client.post(f"/admin/imports/{job}/import")
    db.session.expire_all()
    after = [(p.id, p.version, p.title, p.body, p.status, sorted(t.name for t in p.tags),
              sorted(i.id for i in p.instruments), p.marking_id) for p in db.session.scalars(db.select(BestPractice))]
    assert after == before
