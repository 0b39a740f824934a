"""The dashboard in French: block headings (lazy labels), sentences with values, plurals and dates."""

from datetime import UTC, datetime, timedelta

from app.meetings.models import Meeting, MeetingAnswer, MeetingInvitation
from app.meetings.services import convening_term
from tests.factories import organisation


def test_a_french_member_reads_the_dashboard_in_french(member_client, db):
    start = datetime.now(UTC) + timedelta(days=20)
    meeting = Meeting(title="Winter meeting of the Heads of SPOC", starts_at=start, ends_at=start + timedelta(hours=6),
                      timezone="Europe/Dublin", status="convened", place="Dublin",
                      presidency_term=convening_term(start, "Europe/Dublin"))
    invitation = MeetingInvitation(organisation=organisation("IT"))
    meeting.invitations.append(invitation)
    db.session.add(meeting)
    db.session.add(MeetingAnswer(invitation=invitation, answer="attending", delegates=2))
    member_client.user.language = "fr"
    db.session.commit()

    page = member_client.get("/").data.decode()
    assert f"Bienvenue, {member_client.user.name}" in page
    assert "Présidence du Conseil" in page
    assert "Prochaine réunion" in page
    assert "(2 délégués)." in page
    assert "Italy a répondu : <strong>" in page
    assert "Actualiser" in page
    assert "Refresh" not in page
    assert "Aucune action en cours ne relève de Italy." in page
    assert "Council Presidency" not in page

    block = member_client.get("/dashboard/presidency").data.decode()
    assert "assure la Présidence" in block
    assert any(month in block for month in ("janvier", "juillet"))  # the term's dates, in French


def test_the_headings_follow_each_readers_language(member_client, other_member_client, db):
    """The headings are lazy: the same module-level labels serve an English and a French reader."""
    other_member_client.user.language = "fr"
    db.session.commit()
    assert "Obstacles qui concernent votre pays" in other_member_client.get("/").data.decode()
    assert "Obstacles that involve your country" in member_client.get("/").data.decode()
