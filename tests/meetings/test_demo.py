from app.demo import load_demo_data
from app.meetings.models import Meeting, MeetingAction, MeetingAnswer
from app.network.models import User
from tests.factories import log_in


def test_demo_has_past_meetings_with_minutes_and_actions_and_one_with_answers(app, db):
    assert load_demo_data()
    db.session.commit()
    meetings = db.session.scalars(db.select(Meeting).order_by(Meeting.starts_at)).all()
    published = [m for m in meetings if m.status == "minutes_published"]
    assert len(published) == 3
    assert all(m.minutes for m in published)
    assert db.session.scalar(db.select(db.func.count(MeetingAction.id)).where(MeetingAction.status == "open")) >= 2
    convened = [m for m in meetings if m.status == "convened"]
    assert convened
    assert db.session.scalar(db.select(db.func.count(MeetingAnswer.id))) >= 5
    # Every demo page renders for a demo user.
    client = log_in(app.test_client(), db.session.scalar(db.select(User).where(User.email == "head.it@example.org")))
    for meeting in meetings:
        assert client.get(f"/meetings/{meeting.id}").status_code == 200
    assert b"Matters arising" in client.get(f"/meetings/{convened[0].id}").data
