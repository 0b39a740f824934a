"""Log-in messages are read before the user is known: the browser's language decides."""

from tests.factories import PASSWORD

FRENCH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "fr-BE,fr;q=0.9,en;q=0.5"}


def test_a_french_browser_gets_the_login_page_and_its_errors_in_french(client, make_user):
    make_user(email="a@example.org")
    client.environ_base.update(FRENCH_BROWSER)
    page = client.get("/login").data.decode()
    assert "<h1>Se connecter</h1>" in page
    assert "Mot de passe" in page
    wrong = client.post("/login", data={"email": "a@example.org", "password": "wrong password!"}).data.decode()
    assert "L’adresse électronique ou le mot de passe est erroné." in wrong


def test_the_throttling_message_is_in_the_browsers_language(make_app, make_user):
    app = make_app(LOGIN_LIMIT_PER_ACCOUNT="2 per 15 minutes")
    with app.app_context():
        make_user(email="target@example.org")
    client = app.test_client()
    client.environ_base.update(FRENCH_BROWSER)
    for _ in range(2):
        client.post("/login", data={"email": "target@example.org", "password": "wrong"})
    response = client.post("/login", data={"email": "target@example.org", "password": PASSWORD})
    assert response.status_code == 429
    page = response.data.decode()
    assert "Trop de tentatives de connexion ont échoué." in page
    assert "réessayez dans 15 minutes" in page


def test_a_bad_invitation_link_says_why_in_french(client):
    client.environ_base.update(FRENCH_BROWSER)
    response = client.get("/invitations/not-a-valid-token")
    assert response.status_code == 400
    assert "Ce lien d’invitation n’est pas valide." in response.data.decode()


def test_after_logging_out_the_login_page_keeps_the_users_language(member_client, db):
    member_client.user.language = "fr"
    db.session.commit()
    page = member_client.post("/logout", follow_redirects=True).data.decode()
    assert "Vous êtes déconnecté." in page
    assert '<html lang="fr">' in page
