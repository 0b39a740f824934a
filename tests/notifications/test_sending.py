"""Sending the queue to a real SMTP server on loopback: delivery, a server that is down, refusals, back-off,
and two senders at once."""

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest

from app.extensions import db
from app.notifications.models import Notification, RefusedAddress
from app.notifications.sender import backoff, claim, send_queued
from app.notifications.services import notify
from tests.factories import free_port, html_of, queued, text_of


def invite(*users):
    """Queue one invitation per user (the simplest message: always immediate) and commit."""
    for user in users:
        notify("invitation", [user], user, {"link": f"https://spoc.test/invitation/{user.id}"})
    db.session.commit()


def test_a_queued_message_arrives_as_plain_text_and_html_with_its_link(app, smtp, make_user):
    user = make_user(email="ana.invited@example.org", name="Ana Invited", password=False)
    invite(user)

    report = send_queued()

    assert report.sent == 1
    [message] = smtp.mailbox.to("ana.invited@example.org")
    assert "set your password" in message["Subject"]
    assert "Dear Ana Invited" in text_of(message)
    assert f"https://spoc.test/invitation/{user.id}" in text_of(message)
    assert f'href="https://spoc.test/invitation/{user.id}"' in html_of(message)
    assert message["From"] == app.config["MAIL_FROM"]
    [row] = queued()
    assert row.status == "sent"
    assert row.sent_at is not None


def test_without_a_mail_server_messages_go_to_the_log(app, make_user, caplog):
    app.config["MAIL_SERVER"] = None
    user = make_user(email="dev.only@example.org")
    invite(user)

    with caplog.at_level(logging.INFO, logger="app.notifications"):
        report = send_queued()

    assert report.sent == 1
    assert "dev.only@example.org" in caplog.text
    assert f"https://spoc.test/invitation/{user.id}" in caplog.text
    assert queued()[0].status == "sent"


def test_a_stopped_server_loses_nothing_and_the_next_run_sends_everything(app, smtp, make_user):
    users = [make_user() for _ in range(3)]
    smtp.stop()
    invite(*users)
    now = datetime.now(UTC)

    report = send_queued(now)

    assert report.sent == 0
    assert report.retried == 3
    rows = queued()
    assert [r.status for r in rows] == ["queued"] * 3
    assert all(r.attempts == 1 and "Cannot connect" in r.last_error for r in rows)
    assert smtp.messages == []

    smtp.start()
    # Before the back-off has passed, the next run leaves them waiting...
    assert send_queued(now + timedelta(seconds=10)).sent == 0
    # ...after it, they go out, each once.
    report = send_queued(now + backoff(1) + timedelta(seconds=1))
    assert report.sent == 3
    assert sorted(m["To"] for m in smtp.messages) == sorted(u.email for u in users)
    assert {r.status for r in queued()} == {"sent"}


def test_a_temporary_refusal_is_retried_with_growing_back_off(app, smtp, make_user):
    user = make_user(email="busy.mailbox@example.org")
    smtp.mailbox.defer.add(user.email)
    invite(user)
    now = datetime.now(UTC)

    send_queued(now)
    [row] = queued()
    assert (row.status, row.attempts) == ("queued", 1)
    assert row.next_attempt_at == now + timedelta(minutes=1)
    assert "451" in row.last_error

    first_retry = row.next_attempt_at
    send_queued(first_retry)
    db.session.expire_all()
    assert queued()[0].attempts == 2
    assert queued()[0].next_attempt_at == first_retry + timedelta(minutes=2)

    smtp.mailbox.defer.clear()
    send_queued(queued()[0].next_attempt_at)
    assert queued()[0].status == "sent"
    assert len(smtp.mailbox.to(user.email)) == 1


def test_the_back_off_doubles_and_is_capped(app):
    assert [backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert backoff(30) == app.config["MAIL_RETRY_MAX"]


def test_a_permanently_refused_address_is_marked_and_shown_to_administrators(app, smtp, make_user, admin_client):
    gone = make_user(email="left.the.service@example.org", name="Former Officer")
    other = make_user(email="still.here@example.org")
    smtp.mailbox.refuse.add(gone.email)
    invite(gone, other)

    report = send_queued()

    assert (report.sent, report.refused) == (1, 1)
    assert len(smtp.mailbox.to(other.email)) == 1
    refused_row = next(r for r in queued() if r.to_address == gone.email)
    assert refused_row.status == "refused"
    assert "550" in refused_row.last_error
    page = admin_client.get("/admin/notifications/")
    assert page.status_code == 200
    assert b"left.the.service@example.org" in page.data
    assert b"Former Officer" in page.data
    assert b"No such mailbox" in page.data

    # Later messages to that address are not even tried; the server sees nothing more.
    smtp.mailbox.refuse.clear()
    invite(gone)
    send_queued()
    assert smtp.mailbox.to(gone.email) == []
    assert queued()[-1].status == "refused"

    # Once an administrator clears the address, mail goes to it again.
    address = db.session.scalar(db.select(RefusedAddress))
    assert admin_client.post(f"/admin/notifications/refused/{address.id}/clear").status_code == 303
    assert db.session.scalar(db.select(RefusedAddress)) is None
    invite(gone)
    send_queued()
    assert len(smtp.mailbox.to(gone.email)) == 1


def test_only_administrators_see_the_delivery_page(member_client, admin_client, client):
    assert member_client.get("/admin/notifications/").status_code == 403
    assert member_client.post("/admin/notifications/refused/1/clear").status_code == 403
    assert client.get("/admin/notifications/").status_code in (302, 303)
    assert admin_client.get("/admin/notifications/").status_code == 200
    assert admin_client.post("/admin/notifications/refused/999/clear").status_code == 404


def test_a_claim_left_by_a_sender_that_died_is_sent_by_a_later_run(app, smtp, make_user):
    user = make_user()
    invite(user)
    now = datetime.now(UTC)
    token, ids = claim(now)  # a sender claims the row... and dies
    assert len(ids) == 1
    assert queued()[0].status == "sending"

    assert send_queued(now + timedelta(minutes=1)).sent == 0  # another run leaves the fresh claim alone
    assert send_queued(now + app.config["MAIL_CLAIM_TIMEOUT"] + timedelta(minutes=1)).sent == 1
    assert len(smtp.mailbox.to(user.email)) == 1


@pytest.mark.parametrize("senders", [2, 3])
def test_concurrent_senders_send_each_message_exactly_once(app, smtp, make_user, make_app, senders):
    users = [make_user() for _ in range(24)]
    invite(*users)
    ids = {r.id for r in queued()}
    # Each sender is its own application, with its own engine and connections, in its own thread.
    apps = [make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp.port, MAIL_USE_TLS=False, MAIL_BATCH_SIZE=2)
            for _ in range(senders)]
    start = threading.Barrier(senders)
    reports, errors = [], []

    def run(sender_app):
        try:
            with sender_app.app_context():
                start.wait()
                reports.append(send_queued())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(a,)) for a in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sum(r.sent for r in reports) == 24
    message_ids = [m["Message-ID"] for m in smtp.messages]
    assert len(message_ids) == 24 == len(set(message_ids))
    assert sorted(m["To"] for m in smtp.messages) == sorted(u.email for u in users)
    db.session.expire_all()
    assert {r.status for r in queued()} == {"sent"}
    assert {r.id for r in queued()} == ids


def test_the_send_command_sends_the_queue(app, smtp, make_user, runner):
    user = make_user()
    invite(user)
    result = runner.invoke(args=["notifications", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 1" in result.output
    assert len(smtp.mailbox.to(user.email)) == 1


def test_the_send_command_reports_a_server_that_is_down(app, make_user, runner):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)
    invite(make_user())
    result = runner.invoke(args=["notifications", "send"])
    assert result.exit_code == 0
    assert "to retry 1" in result.output
    assert db.session.scalar(db.select(Notification.status)) == "queued"
