"""The dashboard: one place for what concerns the user's country, each block refreshable alone."""

from datetime import UTC, date, datetime, timedelta

import pytest

from app.meetings.models import Meeting, MeetingAction, MeetingAnswer, MeetingInvitation
from app.meetings.services import convening_term
from app.roster.models import Nomination
from tests.factories import HTMX, is_fragment, organisation


@pytest.fixture
def upcoming(db):
    start = datetime.now(UTC) + timedelta(days=20)
    meeting = Meeting(title="Winter meeting of the Heads of SPOC", starts_at=start, ends_at=start + timedelta(hours=6),
                      timezone="Europe/Dublin", status="convened", place="Dublin",
                      presidency_term=convening_term(start, "Europe/Dublin"))
    for code in ("IT", "FR"):
        meeting.invitations.append(MeetingInvitation(organisation=organisation(code)))
    db.session.add(meeting)
    db.session.commit()
    return meeting


def test_next_meeting_shows_the_countrys_answer_or_a_button(member_client, other_member_client, upcoming, db):
    page = member_client.get("/").data.decode()
    assert "Winter meeting of the Heads of SPOC" in page
    assert "Italy has not answered yet." in page
    assert f'href="/meetings/{upcoming.id}#answers">Answer the invitation' in page
    french = next(i for i in upcoming.invitations if i.organisation.code == "FR")
    db.session.add(MeetingAnswer(invitation=french, answer="attending", delegates=2))
    db.session.commit()
    assert "France answered: <strong>Attending</strong> (2 delegates)" in other_member_client.get("/").data.decode()


def test_open_actions_of_the_country_with_overdue_flag(member_client, make_obstacle, upcoming, db):
    obstacle = make_obstacle("DE", status="action_agreed")
    obstacle.agreed_action, obstacle.action_owner = "Write the common template", organisation("IT")
    obstacle.action_due_on = date.today() - timedelta(days=1)
    db.session.add(MeetingAction(meeting=upcoming, description="Send national figures", owner=organisation("IT"),
                                 due_on=date.today() + timedelta(days=10)))
    db.session.add(MeetingAction(meeting=upcoming, description="French homework", owner=organisation("FR")))
    db.session.commit()
    page = member_client.get("/").data.decode()
    assert "Write the common template" in page
    assert "overdue" in page
    assert "Send national figures" in page
    assert "French homework" not in page


def test_obstacles_involving_the_country_and_recent_practices(member_client, make_obstacle, make_practice):
    make_obstacle("DE", title="German one facing Italy", counterparts=("IT",))
    make_obstacle("PL", title="Polish one, not about Italy")
    make_practice("ES", title="Spanish practice shared")
    make_practice("ES", title="Spanish draft", status="draft")
    page = member_client.get("/").data.decode()
    assert "German one facing Italy" in page
    assert "Polish one, not about Italy" not in page
    assert "Spanish practice shared" in page
    assert "Spanish draft" not in page


def _nomination(code, status="submitted"):
    return Nomination(organisation=organisation(code), name=f"Nominee of {code}", email="n@example.org",
                      consent=True, consent_on=date(2026, 1, 1), status=status)


def test_nominations_waiting_are_for_the_core_group_only(core_client, member_client, db):
    db.session.add_all([_nomination("PT"), _nomination("DE", "under_review"), _nomination("FR", "accepted")])
    db.session.commit()
    page = core_client.get("/").data.decode()
    assert "2 nominations waiting." in page
    assert "Nominee of PT" in page
    assert "your country: another member reviews it" in page  # the German nominee, for a German reviewer
    assert "Nominations waiting" not in member_client.get("/").data.decode()
    assert member_client.get("/dashboard/nominations").status_code == 403


def test_each_block_refreshes_alone_with_htmx_and_works_without(member_client):
    fragment = member_client.get("/dashboard/presidency", headers=HTMX)
    assert fragment.status_code == 200
    assert is_fragment(fragment)
    assert fragment.data.lstrip().startswith(b'<section id="block-presidency"')
    assert "HX-Request" in fragment.headers["Vary"]
    page = member_client.get("/dashboard/presidency")
    assert b"<html" in page.data
    assert b"holds the Presidency" in page.data
    assert member_client.get("/dashboard/nonsense").status_code == 404
    home = member_client.get("/").data.decode()
    for name in ("presidency", "next-meeting", "actions", "obstacles", "practices", "twice-a-year", "organisation"):
        assert f'hx-get="/dashboard/{name}"' in home


def test_the_twice_a_year_indicator_is_on_the_dashboard(member_client):
    page = member_client.get("/").data.decode()
    assert "Meetings per year" in page
    assert "Fewer than two meetings" in page  # no meeting recorded this year in an empty network


def test_the_dashboard_uses_a_fixed_number_of_queries(core_client, make_obstacle, make_practice, upcoming,
                                                      count_queries, db):
    def measure():
        core_client.get("/")  # warm: what a process remembers while nothing changed is not counted
        with count_queries() as queries:
            assert core_client.get("/").status_code == 200
        return len(queries)

    def one_of_each(n):
        make_obstacle("IT", title=f"Obstacle {n}", counterparts=("DE", "FR"), affected=("DE", "ES", "PL"), comments=2)
        make_practice("FR", title=f"Practice {n}", adopted_by=("DE", "IT"), tags=("x",))
        db.session.add(_nomination("PT"))
        db.session.add(MeetingAction(meeting=upcoming, description=f"Action {n}", owner=organisation("DE")))
        db.session.commit()

    one_of_each(0)
    small = measure()
    for n in range(1, 11):
        one_of_each(n)
    assert measure() == small

