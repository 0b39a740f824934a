"""Reminders before a round's deadline: to the members of every Member State that has not submitted, once per
round, country and deadline; the "never" chosen on /settings is respected; sent through a real SMTP server."""

from datetime import UTC, datetime, timedelta

from app.core.timezones import today
from app.extensions import db
from app.notifications.periodic import queue_periodic
from app.notifications.registry import KINDS
from app.notifications.sender import send_queued
from tests.factories import html_of, in_french, queued, text_of


def _now(day):
    return datetime(day.year, day.month, day.day, 8, 0, tzinfo=UTC)


def test_countries_that_have_not_submitted_are_reminded_once(app, smtp, make_user, make_round, make_answer):
    round_ = make_round(deadline=today() + timedelta(days=20))
    italian, french, german = make_user("member", "IT"), make_user("member", "FR"), make_user("member", "DE")
    make_user("member", "EUROPOL")
    make_answer(round_, "FR", {"IT": {}}, status="submitted")
    make_answer(round_, "DE", {"IT": {}})  # a draft is not an answer yet

    assert queue_periodic(_now(today())) == 0  # 20 days before: too early
    assert queue_periodic(_now(round_.deadline - timedelta(days=6))) == 2
    assert queue_periodic(_now(round_.deadline - timedelta(days=5))) == 0  # never twice
    rows = {r.to_address: r for r in queued(kind="assessment_reminder")}
    assert set(rows) == {italian.email, german.email}  # not France (submitted), not Europol
    assert rows[italian.email].delivery == "immediate"
    assert "Italy has not submitted its answer" in rows[italian.email].body_text
    assert f"http://spoc.test/assessments/rounds/{round_.id}" in rows[italian.email].body_text

    send_queued()
    [mail] = smtp.mailbox.to(italian.email)
    assert f"Reminder: {round_.title}, answers due by" in mail["Subject"]
    assert "your Head of SPOC submits it" in text_of(mail)
    assert f"/assessments/rounds/{round_.id}" in html_of(mail)
    assert smtp.mailbox.to(french.email) == []


def test_a_moved_deadline_is_a_new_reminder(app, make_user, make_round):
    round_ = make_round(deadline=today() + timedelta(days=3))
    make_user("member", "IT")
    assert queue_periodic(_now(today())) == 1
    round_.deadline = today() + timedelta(days=5)
    db.session.commit()
    assert queue_periodic(_now(today())) == 1


def test_no_reminder_for_a_closed_round_or_after_the_deadline(app, make_user, make_round):
    make_round(status="closed", deadline=today() + timedelta(days=2))
    make_round("training_needs", deadline=today() - timedelta(days=1))
    make_user("member", "IT")
    assert queue_periodic(_now(today())) == 0
    assert queued(kind="assessment_reminder") == []


def test_the_reminder_window_is_configured(app, make_user, make_round):
    make_round(deadline=today() + timedelta(days=10))
    make_user("member", "IT")
    assert queue_periodic(_now(today())) == 0
    app.config["ASSESSMENT_REMINDER_DAYS"] = 14
    assert queue_periodic(_now(today())) == 1


def test_never_chosen_on_settings_means_no_reminder(app, smtp, member_client, make_user, make_round):
    settings = member_client.get("/settings").text
    assert str(KINDS["assessment_reminder"].label) in settings
    member_client.post("/settings/notifications", data={
        name: ("never" if name == "assessment_reminder" else kind.default) for name, kind in KINDS.items()
        if kind.choosable})
    colleague = make_user("member", "IT")
    make_round(deadline=today() + timedelta(days=2))
    queue_periodic(_now(today()))
    send_queued()
    assert smtp.mailbox.to(member_client.user.email) == []
    assert len(smtp.mailbox.to(colleague.email)) == 1


def test_the_reminder_in_french(app, smtp, member_client, make_round):
    in_french(member_client)
    round_ = make_round(deadline=today() + timedelta(days=2))
    queue_periodic(_now(today()))
    send_queued()
    [mail] = smtp.mailbox.to(member_client.user.email)
    assert "Rappel" in mail["Subject"]
    assert "Italy n’a pas encore soumis sa réponse" in text_of(mail)
    assert f"/assessments/rounds/{round_.id}" in text_of(mail)


def test_an_associated_country_that_answers_rounds_is_reminded_too(app, make_user, make_round, make_answer):
    round_ = make_round(deadline=today() + timedelta(days=5))
    norwegian, icelander = make_user("member", "NO"), make_user("member", "IS")
    make_answer(round_, "IS", {"IT": {}}, status="submitted")
    queue_periodic(_now(today()))
    addresses = {r.to_address for r in queued(kind="assessment_reminder")}
    assert norwegian.email in addresses
    assert icelander.email not in addresses  # submitted
