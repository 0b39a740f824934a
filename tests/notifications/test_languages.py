"""Each message is written in its recipient's language (their setting), not in the language of whoever made
the change: read back from the SMTP server."""

from app.extensions import db
from app.notifications.periodic import build_digests
from app.notifications.sender import send_queued
from tests.factories import attachments_of, html_of, queued, text_of


def test_the_convened_meeting_reaches_each_member_in_their_own_language(app, smtp, login_as, make_user,
                                                                        make_meeting):
    meeting = make_meeting(title="Autumn plenary", agenda=2, invite=("EUROPOL",))
    italian = make_user("member", "IT", email="giulia@example.org", name="Giulia")
    italian.language = "fr"
    liaison = make_user("member", "EUROPOL", email="pieter@example.org", name="Pieter")  # no choice: English
    dutch = login_as("member", "NL")
    dutch.user.language = "fr"  # the Presidency works in French; its English reader still gets English
    db.session.commit()

    assert dutch.post(f"/meetings/{meeting.id}/convene").status_code == 303
    send_queued()

    [french] = smtp.mailbox.to(italian.email)
    assert french["Subject"] == "Invitation : Autumn plenary, 15 novembre 2029"
    body = text_of(french).replace("\r\n", "\n")
    assert body.startswith("Bonjour Giulia,")
    assert "La Présidence Netherlands convoque une réunion du réseau ; l’invitation est adressée à Italy." in body
    assert "Lieu : The Hague" in body
    assert "Ordre du jour :\n1. Item 1" in body
    assert "Veuillez répondre pour votre pays (participation et noms des délégués)" in body
    assert f"Répondre à l’invitation :\nhttp://spoc.test/meetings/{meeting.id}" in body
    assert "Vous recevez ce courriel en raison de vos paramètres de notification" in body
    for english in ("Dear", "Invitation:", "Agenda", "is invited", "Please answer"):
        assert english not in body
    html = html_of(french)
    assert '<html lang="fr">' in html
    assert "<th scope=\"row\">Convoquée par</th><td>la Présidence Netherlands</td>" in html
    assert f'<a href="http://spoc.test/meetings/{meeting.id}">Répondre à l’invitation</a>' in html
    assert [a.get_content_type() for a in attachments_of(french)] == ["text/calendar"]

    [english] = smtp.mailbox.to(liaison.email)
    assert english["Subject"] == "Invitation: Autumn plenary, 15 November 2029"
    body = text_of(english).replace("\r\n", "\n")
    assert body.startswith("Dear Pieter,")
    assert "The Netherlands Presidency convenes a meeting of the network, and Europol is invited." in body
    assert "Agenda:\n1. Item 1" in body
    assert "Bonjour" not in body
    assert "Ordre du jour" not in body
    assert '<html lang="en">' in html_of(english)
    assert [a.get_content_type() for a in attachments_of(english)] == ["text/calendar"]


def test_the_weekly_digest_is_in_its_readers_language(app, smtp, login_as, make_user, make_obstacle):
    obstacle = make_obstacle("IT", title="Prüm hits unanswered", affected=("FR",))
    italian = make_user("member", "IT", email="it@example.org")
    french = make_user("member", "FR", email="fr@example.org")
    french.language = "fr"
    db.session.commit()
    login_as("member", "EUROPOL").post(f"/obstacles/{obstacle.id}/comments", data={"body": "SIENA can help."})
    assert {r.delivery for r in queued(kind="obstacle_comment")} == {"digest"}

    assert build_digests() == 2
    send_queued()

    [digest] = smtp.mailbox.to(french.email)
    assert digest["Subject"] == "Réseau SPOC : votre récapitulatif hebdomadaire (1 élément)"
    assert "Voici ce qui s’est passé dans le réseau depuis votre dernier récapitulatif :" in text_of(digest)
    assert "Nouveau commentaire sur « Prüm hits unanswered »" in text_of(digest)
    [digest] = smtp.mailbox.to(italian.email)
    assert digest["Subject"] == "SPOC Network: your weekly digest (1 item)"
    assert "New comment on “Prüm hits unanswered”" in text_of(digest)


def test_the_delivery_page_is_in_french_for_a_french_administrator(app, smtp, make_user, admin_client):
    from app.notifications.services import notify

    gone = make_user(email="left.the.service@example.org")
    smtp.mailbox.refuse.add(gone.email)
    notify("invitation", [gone], gone, {"link": "https://spoc.test/invitation"})
    db.session.commit()
    send_queued()
    admin_client.user.language = "fr"
    db.session.commit()

    page = admin_client.get("/admin/notifications/").get_data(as_text=True)
    assert "Envoi des courriels" in page
    assert ("Messages en attente : 0 ; en cours d’envoi : 0 ; envoyés : 0 ; regroupés dans des récapitulatifs : 0 ; "
            "refusés : 1.") in page
    assert "Adresses refusées par le serveur de messagerie" in page
    assert "Débloquer" in page
    assert "Aucun message n’est en attente après un échec." in page
