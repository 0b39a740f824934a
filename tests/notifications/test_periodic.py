"""What the periodic command produces: a reminder a week before a meeting to the countries that have not
answered, and the actions falling due; each at most once."""

from datetime import UTC, date, datetime, timedelta

from app.extensions import db
from app.meetings.models import MeetingAction, MeetingAnswer
from app.notifications.periodic import build_digests, queue_periodic
from app.notifications.sender import send_queued
from tests.factories import organisation, queued, text_of

MEETING_DAY = datetime(2029, 11, 15, 9, 0, tzinfo=UTC)  # the factories' default start (10:00 in The Hague)


def test_a_week_before_the_meeting_the_countries_that_have_not_answered_are_reminded_once(
        app, smtp, make_user, make_meeting):
    meeting = make_meeting(title="Autumn plenary", status="convened", invite=("IT", "FR"))
    italian = make_user("member", "IT")
    french = make_user("member", "FR")
    invitation = next(i for i in meeting.invitations if i.organisation.code == "FR")
    db.session.add(MeetingAnswer(invitation=invitation, answer="attending", delegates=1))
    db.session.commit()

    assert queue_periodic(MEETING_DAY - timedelta(days=10)) == 0  # too early
    assert queue_periodic(MEETING_DAY - timedelta(days=6)) == 1
    assert queue_periodic(MEETING_DAY - timedelta(days=5)) == 0  # never twice
    [reminder] = queued(kind="meeting_reminder")
    assert reminder.to_address == italian.email
    assert reminder.delivery == "digest"  # reminders default to the weekly digest
    assert "Italy has not answered" in reminder.body_text

    build_digests()
    send_queued()
    [mail] = smtp.mailbox.to(italian.email)
    assert "Reminder: Autumn plenary" in text_of(mail)
    assert smtp.mailbox.to(french.email) == []


def test_no_reminder_for_a_cancelled_or_past_meeting(app, make_user, make_meeting):
    make_meeting(status="cancelled", invite=("IT",))
    make_meeting(status="convened", invite=("IT",))
    make_user("member", "IT")
    assert queue_periodic(MEETING_DAY + timedelta(hours=2)) == 0
    assert queued() == []


def test_actions_falling_due_reach_their_owners_once(app, make_user, make_obstacle, make_meeting):
    today = date(2029, 12, 1)
    now = datetime(2029, 12, 1, 8, 0, tzinfo=UTC)
    obstacle = make_obstacle("IT", status="action_agreed", title="Night-time register")
    obstacle.agreed_action = "Open the register at night"
    obstacle.action_owner_id = organisation("DE").id
    obstacle.action_due_on = today + timedelta(days=5)
    meeting = make_meeting(status="held", invite=("FR",))
    france = organisation("FR")
    for description, status, days in (("Share the manual", "open", 2), ("Already done", "done", 2),
                                      ("Far away", "open", 60)):
        db.session.add(MeetingAction(meeting_id=meeting.id, owner=france, description=description, status=status,
                                     due_on=today + timedelta(days=days)))
    german = make_user("member", "DE")
    french = make_user("member", "FR")
    make_user("member", "IT")
    db.session.commit()

    assert queue_periodic(now) == 2
    assert queue_periodic(now + timedelta(hours=1)) == 0
    rows = {r.to_address: r for r in queued(kind="action_due")}
    assert set(rows) == {german.email, french.email}
    assert "Open the register at night" in rows[german.email].body_text
    assert f"http://spoc.test/obstacles/{obstacle.id}" in rows[german.email].body_text
    assert "Share the manual" in rows[french.email].body_text
    assert f"http://spoc.test/meetings/{meeting.id}" in rows[french.email].body_text

    # A new due date is a new reminder.
    obstacle.action_due_on = today + timedelta(days=6)
    db.session.commit()
    assert queue_periodic(now + timedelta(days=1)) == 1


def test_the_digest_command_gathers_and_sends(app, smtp, make_user, make_obstacle, runner):
    obstacle = make_obstacle("IT", status="action_agreed")
    obstacle.agreed_action = "Write the manual"
    obstacle.action_owner_id = organisation("IT").id
    obstacle.action_due_on = date.today() + timedelta(days=3)
    italian = make_user("member", "IT")
    db.session.commit()

    assert runner.invoke(args=["notifications", "send"]).exit_code == 0
    assert smtp.mailbox.to(italian.email) == []  # a digest item: nothing yet
    result = runner.invoke(args=["notifications", "digest"])
    assert result.exit_code == 0, result.output
    assert "Made 1 digest" in result.output
    [mail] = smtp.mailbox.to(italian.email)
    assert "Action due on" in text_of(mail)
