"""Forgot your password: a link by e-mail (read back from the loopback SMTP server), single use, expiring, the same
answer for every address typed, limits per address and per client, every session ended on reset."""

import re
from datetime import timedelta

import pytest

from app.auth.models import PasswordResetRequest
from app.core.models import AuditEvent
from app.extensions import db
from app.notifications.models import Notification
from app.notifications.sender import send_queued
from tests.factories import PASSWORD, log_in, organisation, text_of

NEW = "a brand new long password"
LINK = re.compile(r"http://spoc\.test(/password/reset/[A-Za-z0-9._-]+)")


def _ask(client, email):
    return client.post("/password/forgot", data={"email": email})


def _link_in_mail(smtp, email) -> str:
    send_queued()
    [mail] = smtp.mailbox.to(email)
    return LINK.search(text_of(mail)).group(1)


def _set(client, path, password=NEW, confirm=None):
    return client.post(path, data={"password": password, "confirm": confirm or password})


def _login(client, email, password):
    return client.post("/login", data={"email": email, "password": password})


def test_the_log_in_page_offers_the_way_to_a_new_password(client):
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/password/forgot"' in page
    assert "Forgot your password?" in client.get("/password/forgot").get_data(as_text=True)


def test_a_link_by_mail_sets_a_new_password_once(client, make_user, smtp, db):
    user = make_user(email="giulia@example.org")
    response = _ask(client, " Giulia@Example.org ")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/password/forgot/sent")
    assert "Check your e-mail" in client.get("/password/forgot/sent").get_data(as_text=True)
    send_queued()
    [mail] = smtp.mailbox.to("giulia@example.org")
    assert mail["Subject"] == "Reset your password on the SPOC Network intranet"
    assert "works once, for 60 minutes" in text_of(mail)
    path = LINK.search(text_of(mail)).group(1)

    form = client.get(path)
    assert form.status_code == 200
    assert "giulia@example.org" in form.get_data(as_text=True)
    response = _set(client, path)
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/login")
    assert _login(client, "giulia@example.org", PASSWORD).status_code == 200  # the old password is gone
    assert _login(client, "giulia@example.org", NEW).status_code == 303
    client.post("/logout")

    again = client.get(path)  # the link worked once
    assert again.status_code == 400
    assert "already been used" in again.get_data(as_text=True)
    assert _set(client, path, "yet another long password").status_code == 400
    assert _login(client, "giulia@example.org", "yet another long password").status_code == 200
    actions = db.session.scalars(db.select(AuditEvent.action).where(AuditEvent.record_id == user.id,
                                                                   AuditEvent.record_type == "users")).all()
    assert {"request_password_reset", "reset_password"} <= set(actions)


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(client, make_user, smtp, db):
    make_user(email="known@example.org")
    make_user(email="gone@example.org", active=False)
    answers = [_ask(client, email) for email in ("known@example.org", "nobody@example.org", "gone@example.org")]
    assert {(a.status_code, a.headers["Location"]) for a in answers} == {(303, "/password/forgot/sent")}
    send_queued()
    assert [m["To"] for m in smtp.mailbox.messages] == ["known@example.org"]
    assert db.session.scalar(db.select(db.func.count()).select_from(PasswordResetRequest)) == 3


def test_reset_ends_every_session_of_the_account(app, client, make_user, smtp):
    user = make_user(email="phone@example.org")
    elsewhere = log_in(app.test_client(), user)  # logged in on a phone
    assert elsewhere.get("/").status_code == 200
    _ask(client, "phone@example.org")
    assert _set(client, _link_in_mail(smtp, "phone@example.org")).status_code == 303
    assert elsewhere.get("/").status_code == 302  # sent to the log-in page


def test_a_newer_link_replaces_the_older_one(client, make_user, smtp):
    make_user(email="twice@example.org")
    _ask(client, "twice@example.org")
    send_queued()  # the first message went out
    _ask(client, "twice@example.org")
    send_queued()
    first, second = (LINK.search(text_of(m)).group(1) for m in smtp.mailbox.to("twice@example.org"))
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 200


def test_a_changed_password_ends_an_outstanding_link(client, make_user, smtp, db):
    user = make_user(email="changed@example.org")
    _ask(client, "changed@example.org")
    path = _link_in_mail(smtp, "changed@example.org")
    user.password_hash = "$argon2id$v=19$m=65536,t=3,p=4$changed"  # changed in the settings meanwhile
    db.session.commit()
    assert client.get(path).status_code == 400


def test_an_expired_link_is_refused_with_a_form_for_a_new_one(make_app, make_user):
    app = make_app(RESET_LINK_MAX_AGE=timedelta(seconds=-1))
    with app.app_context():
        make_user(email="late@example.org")
        client = app.test_client()
        _ask(client, "late@example.org")
        [message] = db.session.scalars(db.select(Notification).where(Notification.to_address == "late@example.org"))
        page = client.get(LINK.search(message.body_text).group(1))
    assert page.status_code == 400
    text = page.get_data(as_text=True)
    assert "This link has expired" in text
    assert 'action="/password/forgot"' in text


@pytest.mark.parametrize("token", ["not-a-token", "a" * 300])
def test_a_broken_link_is_a_clear_page(client, token):
    page = client.get(f"/password/reset/{token}")
    assert page.status_code == 400
    assert "This link is not valid" in page.get_data(as_text=True)


def test_an_invitation_token_is_not_a_reset_link(admin_client, client, db):
    response = admin_client.post("/admin/users/new", data={
        "email": "invited@example.org", "name": "Invited", "organisation_id": organisation("PT").id, "role": "member",
    }, follow_redirects=True)
    token = re.search(rb"/invitations/([A-Za-z0-9._-]+)", response.data).group(1).decode()
    assert client.get(f"/password/reset/{token}").status_code == 400


def test_requests_are_limited_per_address_typed(client, make_user, smtp, db):
    make_user(email="busy@example.org")
    for _ in range(3):
        assert _ask(client, "busy@example.org").status_code == 303
    refused = _ask(client, "busy@example.org")
    assert refused.status_code == 429
    assert "Too many links were asked for. Try again in 60 minutes." in refused.get_data(as_text=True)
    assert _ask(client, "nobody.else@example.org").status_code == 303  # another address may still ask
    unknown = [_ask(client, "nobody@example.org").status_code for _ in range(4)]
    assert unknown == [303, 303, 303, 429]  # an address without an account is limited alike
    send_queued()
    [mail] = smtp.mailbox.to("busy@example.org")  # each newer link replaced the queued message of the older one


def test_requests_are_limited_per_client_address(make_app, make_user):
    app = make_app(RESET_LINK_LIMIT_PER_ADDRESS="2 per hour")
    with app.app_context():
        client = app.test_client()
        assert [_ask(client, f"person{n}@example.org").status_code for n in range(3)] == [303, 303, 429]


@pytest.mark.parametrize(("email", "message"), [
    ("", "Enter your e-mail address."),
    ("not an address", "Enter a valid e-mail address."),
    ("x" * 250 + "@example.org", "Field cannot be longer than 254 characters."),
])
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_counted(client, db, email, message):
    page = _ask(client, email)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert message in text
    assert text.count('<p class="error"') == 1  # one message, next to the field
    assert db.session.scalar(db.select(db.func.count()).select_from(PasswordResetRequest)) == 0


def test_a_weak_or_mismatched_new_password_keeps_the_link_and_the_old_password(client, make_user, smtp):
    make_user(email="weak@example.org")
    _ask(client, "weak@example.org")
    path = _link_in_mail(smtp, "weak@example.org")
    short = _set(client, path, "short")
    assert short.status_code == 200
    assert "Use at least 12 characters" in short.get_data(as_text=True)
    differ = _set(client, path, NEW, "something else entirely")
    assert "The two passwords differ." in differ.get_data(as_text=True)
    assert _login(client, "weak@example.org", PASSWORD).status_code == 303
    client.post("/logout")
    assert client.get(path).status_code == 200  # still usable


def test_the_second_factor_is_still_asked_after_a_reset(client, make_user, smtp):
    make_user("core-group", "DE", email="core@example.org")
    _ask(client, "core@example.org")
    _set(client, _link_in_mail(smtp, "core@example.org"))
    response = _login(client, "core@example.org", NEW)
    assert response.headers["Location"].endswith("/login/second-factor")


def test_the_mail_is_in_the_readers_language_and_never_queued_twice(client, make_user, smtp, db):
    user = make_user(email="claire@example.org")
    user.language = "fr"
    db.session.commit()
    _ask(client, "claire@example.org")
    _ask(client, "claire@example.org")
    queued = db.session.scalars(db.select(Notification).where(Notification.kind == "password_reset")).all()
    assert len(queued) == 1  # the newer link replaced the queued message of the older one
    assert queued[0].subject == "Réinitialiser votre mot de passe sur l’intranet du réseau SPOC"


def test_a_logged_in_user_is_sent_to_the_settings(member_client):
    response = member_client.get("/password/forgot")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/settings")
