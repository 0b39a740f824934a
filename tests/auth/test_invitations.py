import re
from datetime import timedelta

from app.network.models import User
from tests.factories import log_in, organisation

NEW_PASSWORD = "a long enough new password"


def _invite(admin_client, email="new.person@example.org"):
    response = admin_client.post("/admin/users/new", data={
        "email": email, "name": "New Person", "organisation_id": organisation("PT").id, "role": "member",
    }, follow_redirects=True)
    assert response.status_code == 200
    match = re.search(rb"https?://[^\s<]+/invitations/[A-Za-z0-9._-]+", response.data)
    assert match, "the invitation link is shown to the administrator"
    return match.group().decode().split("spoc.test", 1)[1]


def test_invitation_lets_the_new_user_set_a_password_and_log_in(app, admin_client, client, db):
    path = _invite(admin_client)
    page = client.get(path)
    assert b"Welcome, New Person" in page.data
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 303
    response = client.post("/login", data={"email": "new.person@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 303


def test_invitation_link_works_only_once(admin_client, client):
    path = _invite(admin_client)
    client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    response = client.get(path)
    assert response.status_code == 400
    assert b"already been used" in response.data
    response = client.post(path, data={"password": "another password 123", "confirm": "another password 123"})
    assert response.status_code == 400
    assert client.post("/login", data={"email": "new.person@example.org", "password": "another password 123"}
                       ).status_code == 200  # the second password was not set


def test_a_new_invitation_replaces_the_old_link(admin_client, client, db):
    old = _invite(admin_client)
    user = db.session.scalar(db.select(User).where(User.email == "new.person@example.org"))
    response = admin_client.post(f"/admin/users/{user.id}/invite", follow_redirects=True)
    assert b"New single-use link" in response.data
    assert client.get(old).status_code == 400


def test_expired_invitation_is_refused(make_app, make_user):
    app = make_app(INVITATION_MAX_AGE=timedelta(seconds=-1))
    admin_client = app.test_client()
    with app.app_context():
        log_in(admin_client, make_user("admin", "GSC"))
        path = _invite(admin_client)
    response = app.test_client().get(path)
    assert response.status_code == 400
    assert b"expired" in response.data


def test_tampered_invitation_is_refused(admin_client, client):
    path = _invite(admin_client)
    response = client.get(path[:-3] + "xyz")
    assert response.status_code == 400
    assert b"not valid" in response.data


def test_weak_or_mismatched_password_keeps_the_link_usable_and_saves_nothing(admin_client, client, db):
    path = _invite(admin_client)
    response = client.post(path, data={"password": "short", "confirm": "short"})
    assert b"Use at least 12 characters" in response.data
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"})
    assert b"The two passwords differ." in response.data
    user = db.session.scalar(db.select(User).where(User.email == "new.person@example.org"))
    assert user.password_hash is None
    assert client.get(path).status_code == 200


def test_deactivated_user_cannot_use_an_invitation(admin_client, client, db):
    path = _invite(admin_client)
    user = db.session.scalar(db.select(User).where(User.email == "new.person@example.org"))
    admin_client.post(f"/admin/users/{user.id}/deactivate")
    response = client.get(path)
    assert response.status_code == 400


def test_a_new_password_from_a_new_invitation_ends_the_accounts_pause(admin_client, client, db):
    """The pause message says "ask an administrator for a new invitation link": the password set with it works
    at once, instead of waiting for the failed attempts to leave the window."""
    path = _invite(admin_client)
    client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    for _ in range(5):  # LOGIN_LIMIT_PER_ACCOUNT: 5 per 15 minutes
        client.post("/login", data={"email": "new.person@example.org", "password": "forgotten it"})
    paused = client.post("/login", data={"email": "new.person@example.org", "password": NEW_PASSWORD})
    assert paused.status_code == 429
    assert "ask an administrator for a new invitation link" in paused.data.decode()
    user = db.session.scalar(db.select(User).where(User.email == "new.person@example.org"))
    response = admin_client.post(f"/admin/users/{user.id}/invite", follow_redirects=True)
    new_link = re.search(rb"https?://[^\s<]+/invitations/[A-Za-z0-9._-]+", response.data).group().decode()
    other = "another long enough password"
    assert client.post(new_link.split("spoc.test", 1)[1], data={"password": other, "confirm": other}).status_code == 303
    assert client.post("/login", data={"email": "new.person@example.org", "password": other}).status_code == 303
