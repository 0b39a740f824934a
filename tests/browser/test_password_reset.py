"""Forgot your password, in the browser, with JavaScript on and off: the log-in page's link, the request, the
e-mail read back from a real SMTP server on loopback, the new password, and logging in with it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import audit, expect_message
from tests.factories_mail import SMTPServer

OLD, NEW = "the old password of hers", "a new password she will remember"


def _user(app, email: str) -> None:
    from app.auth.passwords import hash_password
    from app.extensions import db
    from app.network.models import Organisation, User

    with app.app_context():
        ireland = db.session.scalar(db.select(Organisation).where(Organisation.code == "IE"))
        db.session.add(User(email=email, name="Aoife Forgetful", organisation=ireland, role="member",
                            password_hash=hash_password(OLD)))
        db.session.commit()
        db.session.remove()


def _deliver(app) -> None:
    from app.extensions import db
    from app.notifications.sender import send_queued

    with app.app_context():
        send_queued()
        db.session.remove()


@pytest.fixture
def smtp_for_live_server(live_server):
    server = SMTPServer()
    server.start()
    config = live_server.app.config
    before = {key: config.get(key) for key in ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USE_SSL")}
    config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port, MAIL_USE_TLS=False, MAIL_USE_SSL=False)
    yield server
    config.update(before)
    server.stop()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_forgotten_password_is_replaced_through_the_mailed_link(new_context, live_server, smtp_for_live_server,
                                                                   javascript):
    email = f"aoife.{'js' if javascript else 'nojs'}@example.org"
    _user(live_server.app, email)
    page = new_context(javascript=javascript).new_page()

    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgot your password?")
    audit(page, "request form")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    audit(page, "link sent")

    _deliver(live_server.app)
    [mail] = smtp_for_live_server.mailbox.to(email)
    text = mail.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/password/reset/\S+", text).group()
    path = link[link.index("/password/reset/"):]

    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    page.get_by_label("New password").fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_role("button", name="Set the new password").click()
    expect(page.locator("#password-error")).to_contain_text("Use at least 12 characters")
    audit(page, "password too short")
    page.get_by_label("New password").fill(NEW)
    page.get_by_label("Repeat the password").fill(NEW)
    page.get_by_role("button", name="Set the new password").click()
    expect_message(page, "Your new password is set")

    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(NEW)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Aoife Forgetful")

    page.goto(path)  # the link worked once
    expect(page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")
