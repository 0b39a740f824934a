"""Importing experts onto the roster, with their languages and areas of expertise; consent is required."""

from datetime import date

from app.core.models import AuditEvent
from app.extensions import db
from app.roster.models import Expert
from app.search.models import SearchDocument
from tests.imports.files import csv_bytes
from tests.imports.steps import counts, dry_run

HEADER = ["Référence externe", "Nom complet", "Pays", "Adresse électronique", "Fonction", "Areas of expertise",
          "Langues", "Date of the expert's consent", "Accepted on"]


def _row(ref: str, **changes):
    values = {"ref": ref, "name": f"Expert {ref}", "country": "Portugal", "email": f"{ref.lower()}@example.org",
              "position": "SIRENE desk", "areas": "Data protection, channels", "languages":
              "English C1, Portuguese mother tongue, français B2", "consent": "02/03/2026", "accepted": "2026-03-10"}
    values.update(changes)
    return list(values.values())


def test_experts_with_languages_and_expertise(admin_client):
    data = csv_bytes([_row("EX-1"), _row("EX-2", languages="Spanish (A2)", areas="Training design")],
                     header=HEADER, delimiter=";", encoding="cp1252")
    job, page = dry_run(admin_client, data, kind="experts")
    assert counts(page) == ["2", "2", "0", "0", "0"], page
    admin_client.post(f"/admin/imports/{job}/import")
    experts = db.session.scalars(db.select(Expert).order_by(Expert.external_ref)).all()
    first = experts[0]
    assert (first.organisation.code, first.email, first.areas, first.review_by) == (
        "PT", "ex-1@example.org", ["channels", "data_protection"], date(2028, 3, 10))
    assert sorted((la.language, la.level) for la in first.languages) == [("en", "C1"), ("fr", "B2"),
                                                                          ("pt", "native")]
    assert [(la.language, la.level) for la in experts[1].languages] == [("es", "A2")]
    assert db.session.scalar(db.select(SearchDocument.record_id).where(SearchDocument.title == "Expert EX-2")) \
        == experts[1].id
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "import"))
    assert "ex-1@example.org" not in str(event.changes)  # counts only: no personal data in the log
    job, page = dry_run(admin_client, data, kind="experts")
    assert counts(page) == ["2", "0", "0", "2", "0"]
    changed = csv_bytes([_row("EX-1", languages="English C2, Portuguese mother tongue, français B2"), _row(
        "EX-2", languages="Spanish (A2)", areas="Training design")], header=HEADER)
    job, page = dry_run(admin_client, changed, kind="experts")
    assert counts(page) == ["2", "0", "1", "1", "0"]
    admin_client.post(f"/admin/imports/{job}/import")
    db.session.expire_all()
    assert sorted((la.language, la.level) for la in experts[0].languages)[0] == ("en", "C2")


def test_expert_rows_with_problems(admin_client):
    data = csv_bytes([_row("EX-1", consent=""), _row("EX-2", languages="Klingon C1"),
                      _row("EX-3", languages="English Z9"), _row("EX-4", email="not an address"),
                      _row("EX-5", consent="01/01/2199")], header=HEADER)
    _job, page = dry_run(admin_client, data, kind="experts")
    assert counts(page) == ["5", "0", "0", "0", "5"]
    assert "<td>2</td><td>Date of the expert&#39;s consent</td><td>This value is required.</td>" in page
    assert "“Klingon C1” is not a language and its level" in page
    assert "“English Z9” is not a language and its level" in page
    assert "“not an address” is not an e-mail address." in page
    assert "This date cannot be in the future." in page
    assert db.session.scalar(db.select(db.func.count(Expert.id))) == 0


def test_the_experts_template(admin_client):
    template = admin_client.get("/admin/imports/template/experts.csv").data.decode("utf-8-sig")
    assert template.splitlines()[0].startswith("External reference,ID,Full name,Country of the expert")
