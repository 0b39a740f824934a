"""The reminder that a funding call closes soon: FUNDING_CALL_REMINDER_DAYS (14) days before its closing date, once
per call and closing date, to every active user but those who chose "never"; delivered through the real loopback
SMTP server (tests/factories_mail.py), at once or in the weekly digest as each one chose."""

from datetime import UTC, date, datetime, timedelta

from app.extensions import db
from app.notifications.models import NotificationPreference
from app.notifications.periodic import build_digests, queue_periodic
from app.notifications.sender import send_queued
from tests.factories import html_of, queued, text_of

NOW = datetime(2029, 3, 1, 7, 0, tzinfo=UTC)
IN_14_DAYS = date(2029, 3, 15)


def _choose(user, delivery: str) -> None:
    db.session.add(NotificationPreference(user_id=user.id, kind="funding_call_closing", delivery=delivery))
    db.session.commit()


def test_a_call_closing_in_14_days_reminds_everyone_once(app, smtp, make_user, make_call):
    call = make_call("Police cooperation networks", closes_on=IN_14_DAYS, max_cents=50_000_000, rate="90",
                     reference="ISF-2029-PC")
    italian = make_user("member", "IT")
    europol = make_user("member", "EUROPOL")
    make_user("member", "FR", active=False)  # no longer with the network

    assert queue_periodic(NOW) == 2
    assert queue_periodic(NOW + timedelta(hours=6)) == 0  # a second run queues nothing
    assert queue_periodic(NOW + timedelta(days=3)) == 0  # nor does the next day's
    rows = {r.to_address: r for r in queued(kind="funding_call_closing")}
    assert set(rows) == {italian.email, europol.email}
    reminder = rows[italian.email]
    assert reminder.delivery == "digest"  # the kind's default
    assert reminder.subject == "Funding call closing on 15 March 2029: Police cooperation networks"
    assert "€500,000.00" in reminder.body_text
    assert "90%" in reminder.body_text
    assert f"http://spoc.test/funding/calls/{call.id}" in reminder.body_text


def test_an_edited_closing_date_reminds_again(app, make_user, make_call):
    call = make_call(closes_on=IN_14_DAYS)
    make_user("member", "IT")
    assert queue_periodic(NOW) == 1
    call.closes_on = IN_14_DAYS + timedelta(days=7)  # extended by the funder
    db.session.commit()
    assert queue_periodic(NOW + timedelta(days=7)) == 1
    assert len(queued(kind="funding_call_closing")) == 2


def test_no_reminder_for_a_call_closing_in_30_days_or_already_closed(app, make_user, make_call):
    make_call("Far away", closes_on=NOW.date() + timedelta(days=30))
    make_call("Closed yesterday", closes_on=NOW.date() - timedelta(days=1))
    make_user("member", "IT")
    assert queue_periodic(NOW) == 0
    assert queued(kind="funding_call_closing") == []
    # The far one is reminded when its day comes.
    assert queue_periodic(NOW + timedelta(days=16)) == 1


def test_a_user_who_chose_never_gets_nothing(app, smtp, make_user, make_call):
    make_call(closes_on=IN_14_DAYS)
    quiet = make_user("member", "IT")
    _choose(quiet, "never")
    assert queue_periodic(NOW) == 0
    build_digests()
    send_queued()
    assert smtp.mailbox.to(quiet.email) == []


def test_digest_users_get_it_in_the_digest_and_immediate_users_at_once(app, smtp, make_user, make_call):
    make_call("Police cooperation networks", closes_on=IN_14_DAYS)
    digest = make_user("member", "IT")
    eager = make_user("member", "DE")
    _choose(eager, "immediate")
    queue_periodic(NOW)

    send_queued()
    [mail] = smtp.mailbox.to(eager.email)
    assert mail["Subject"] == "Funding call closing on 15 March 2029: Police cooperation networks"
    assert "closes on 15 March 2029" in text_of(mail)
    assert smtp.mailbox.to(digest.email) == []  # a digest item: nothing yet

    assert build_digests() == 1
    send_queued()
    [weekly] = smtp.mailbox.to(digest.email)
    assert "weekly digest" in weekly["Subject"]
    assert "Funding call closing on 15 March 2029: Police cooperation networks" in text_of(weekly)


def test_the_reminder_is_in_each_readers_language(app, smtp, make_user, make_call):
    make_call("Réseaux de coopération policière", closes_on=IN_14_DAYS, kind="isf_national", max_cents=1_234_500,
              rate="62.5")
    french = make_user("member", "FR")
    french.language = "fr"
    _choose(french, "immediate")
    queue_periodic(NOW)
    send_queued()
    [mail] = smtp.mailbox.to(french.email)
    text = text_of(mail).replace("\u00a0", " ").replace("\u202f", " ")
    assert mail["Subject"] == "Clôture le 15 mars 2029 de l’appel à financement « Réseaux de coopération policière »"
    assert "Programme national du FSI" in text
    assert "12 345,00 €" in text
    assert "62,5 %" in text
    assert "Programme national du FSI" in html_of(mail)


def test_the_settings_page_offers_the_reminder(member_client):
    html = member_client.get("/settings").get_data(as_text=True)
    assert "A funding call closes soon" in html
