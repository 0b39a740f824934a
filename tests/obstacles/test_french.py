"""A French reader follows an obstacle in French: pages, flashes, refusals, the timeline and the spreadsheet."""

import csv
import io
from datetime import date, timedelta

from tests.factories import in_french, organisation


def test_a_french_reader_follows_an_obstacle_to_its_resolution(member_client, make_obstacle):
    client = in_french(member_client)
    obstacle = make_obstacle("IT", kind="legal", impact="high")
    moved = client.post(f"/obstacles/{obstacle.id}/discuss", follow_redirects=True).data.decode()
    assert "L’obstacle est désormais en discussion." in moved
    past = client.post(f"/obstacles/{obstacle.id}/agree-action", data={
        "agreed_action": "Un modèle commun.", "action_owner_id": organisation("EUROPOL").id,
        "action_due_on": (date.today() - timedelta(days=1)).isoformat()})
    assert past.status_code == 400
    assert "L’échéance ne peut pas être dans le passé." in past.data.decode()
    client.post(f"/obstacles/{obstacle.id}/agree-action", data={
        "agreed_action": "Un modèle commun.", "action_owner_id": organisation("EUROPOL").id,
        "action_due_on": (date.today() + timedelta(days=30)).isoformat()})
    refused = client.post(f"/obstacles/{obstacle.id}/resolve", data={"note": ""})
    assert refused.status_code == 400
    resolved = client.post(f"/obstacles/{obstacle.id}/resolve", data={"note": "Modèle adopté."},
                           follow_redirects=True).data.decode()
    assert "L’obstacle est marqué comme résolu." in resolved
    for text in ("Comment il a été résolu", "Juridique", "Élevé", "Responsable : Europol",
                 "(Signalé → En discussion)", "(Action convenue → Résolu)", "mise en discussion",
                 "action convenue consignée", "modifié : action convenue, responsable de l’action, échéance",
                 "La discussion est close, l’obstacle étant résolu."):
        assert text in resolved, text


def test_another_country_answers_affects_us_too_in_french(other_member_client, make_obstacle):
    client = in_french(other_member_client)
    obstacle = make_obstacle("IT")
    before = client.get(f"/obstacles/{obstacle.id}").data.decode()
    assert "Nous sommes aussi concernés (France)" in before
    after = client.post(f"/obstacles/{obstacle.id}/affected", data={"note": ""}, follow_redirects=True)
    text = after.data.decode()
    assert "France : réponse « nous concerne aussi » enregistrée." in text
    assert "Nous concerne aussi <span class=\"count\">(1 pays)</span>" in text
    assert "Retirer la réponse (France)" in text
    again = client.post(f"/obstacles/{obstacle.id}/affected", data={"note": ""})
    assert again.status_code == 409
    assert "France : la réponse « nous concerne aussi » a déjà été donnée." in again.data.decode()


def test_the_spreadsheet_is_in_the_readers_language(member_client, make_obstacle):
    client = in_french(member_client)
    make_obstacle("IT", kind="technical", impact="low", affected=("FR",))
    marking, *rows = list(csv.reader(io.StringIO(client.get("/obstacles/export.csv").data.decode("utf-8-sig"))))
    assert marking == ["Marquage : Réseau SPOC - usage interne"]
    assert rows[0][:6] == ["Numéro", "Titre", "Type", "Instrument ou canal", "Impact", "Statut"]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["Type"], row["Impact"], row["Statut"], row["Pays concernés"]) == (
        "Technique", "Faible", "Signalé", "France")
