"""A French reader shares, finds and adopts a best practice in French."""

import csv
import io

from app.practices.models import BestPractice
from tests.factories import in_french, practice_form


def test_a_french_reader_writes_a_draft_and_sends_it(member_client, db):
    client = in_french(member_client)
    new = client.get("/practices/new").data.decode()
    assert "## Contexte\n\n## Ce qui a été fait" in new  # the suggested headings, in the writer's language
    assert "Enregistrer comme brouillon" in new
    wrong = client.post("/practices/new", data=practice_form(obstacle_numbers="999999, 888888"))
    assert "Il n’existe pas d’obstacles numéros 999999, 888888." in wrong.data.decode()
    saved = client.post("/practices/new", data=practice_form(), follow_redirects=True).data.decode()
    assert "Le brouillon est enregistré." in saved
    assert "Ceci est un brouillon : seul le pays auteur (Italy) le voit" in saved
    practice = db.session.scalar(db.select(BestPractice))
    sent = client.post(f"/practices/{practice.id}/submit", follow_redirects=True).data.decode()
    assert "La pratique est soumise au réseau pour examen." in sent
    assert "(Brouillon → Soumise)" in sent
    assert "soumission" in sent
    assert "Traitement des dossiers et procédures" in sent


def test_another_country_adopts_it_in_french(other_member_client, make_practice):
    client = in_french(other_member_client)
    practice = make_practice("IT", status="endorsed")
    page = client.get(f"/practices/{practice.id}").data.decode()
    assert "Approuvée par le réseau" in page
    assert "Approuvée le 1 novembre 2026 (Heads of SPOC meeting)." in page
    adopted = client.post(f"/practices/{practice.id}/adopt", data={"note": ""}, follow_redirects=True).data.decode()
    assert "France : adoption de cette bonne pratique enregistrée." in adopted
    assert "Adoptée par <span class=\"count\">(1 pays)</span>" in adopted
    assert "Retirer l’adoption (France)" in adopted
    assert "adoption enregistrée" in adopted  # the history


def test_the_spreadsheet_is_in_the_readers_language(member_client, make_practice):
    client = in_french(member_client)
    make_practice("IT", status="endorsed", topic="training")
    marking, *rows = list(csv.reader(io.StringIO(client.get("/practices/export.csv").data.decode("utf-8-sig"))))
    assert marking == ["Marquage : Réseau SPOC - usage interne"]
    assert rows[0][:6] == ["Numéro", "Titre", "Résumé", "Thème", "Statut", "Pays"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Thème"], row["Statut"]) == ("Formation", "Approuvée")
