"""After the meeting: minutes (Markdown and documents), publishing, actions and matters arising."""

import io
from datetime import datetime

import pytest

from app.core.models import Attachment
from app.meetings.models import MeetingAction
from tests.factories import HTMX, PAST, action, is_fragment, organisation

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def held(make_meeting):
    """A meeting of the Polish Presidency (2025 H1), held."""
    return make_meeting(status="held", start=PAST, timezone="Europe/Warsaw", title="Warsaw meeting")


def test_minutes_are_written_attached_and_published(held, login_as, member_client, db):
    polish = login_as("member", "PL")
    assert polish.get(f"/meetings/{held.id}/minutes").status_code == 200
    response = polish.post(f"/meetings/{held.id}/minutes", data={
        "minutes": "## Decisions\n\n- Adopt the **handbook**", "document": (io.BytesIO(PDF), "minutes.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 303
    # Before publishing, the network does not see the minutes.
    assert b"Adopt the" not in member_client.get(f"/meetings/{held.id}").data
    assert b"Adopt the" in polish.get(f"/meetings/{held.id}").data
    assert polish.post(f"/meetings/{held.id}/publish_minutes").status_code == 303
    page = member_client.get(f"/meetings/{held.id}").data.decode()
    assert "<strong>handbook</strong>" in page
    assert "minutes.pdf" in page
    attachment = db.session.scalar(db.select(Attachment))
    download = member_client.get(f"/meetings/{held.id}/documents/{attachment.id}")
    assert download.data == PDF
    download.close()
    db.session.expire_all()
    assert held.status == "minutes_published"
    assert held.minutes_published_at is not None


def test_minutes_cannot_be_published_empty(held, login_as, db):
    response = login_as("member", "PL").post(f"/meetings/{held.id}/publish_minutes")
    assert response.status_code == 409
    assert b"Write the minutes or attach them before publishing." in response.data
    db.session.expire_all()
    assert held.status == "held"


def test_a_refused_file_is_explained_and_the_minutes_text_kept(held, login_as, db):
    response = login_as("member", "PL").post(f"/meetings/{held.id}/minutes", data={
        "minutes": "My careful minutes", "document": (io.BytesIO(b"MZ\x90\x00" + b"\x00" * 64), "tool.exe")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert b"This kind of file is not accepted." in response.data
    assert b"My careful minutes" in response.data
    db.session.expire_all()
    assert held.minutes == ""
    assert db.session.scalar(db.select(db.func.count(Attachment.id))) == 0


def test_only_the_convening_presidency_writes_minutes(held, member_client, login_as):
    for client in (member_client, login_as("member", "NL")):
        assert client.get(f"/meetings/{held.id}/minutes").status_code == 403
        assert client.post(f"/meetings/{held.id}/minutes", data={"minutes": "x"}).status_code == 403
        assert client.post(f"/meetings/{held.id}/publish_minutes").status_code == 403
    assert b"Write the minutes" not in member_client.get(f"/meetings/{held.id}").data


def test_minutes_wait_until_the_meeting_is_held(make_meeting, login_as):
    meeting = make_meeting(status="convened")
    assert login_as("member", "NL").get(f"/meetings/{meeting.id}/minutes").status_code == 403


def test_actions_are_recorded_with_owner_and_due_date(held, login_as, db):
    polish = login_as("member", "PL")
    response = polish.post(f"/meetings/{held.id}/actions", data={
        "description": "Draft the SPOC handbook", "owner_id": organisation("IT").id, "due_on": "2025-09-30"})
    assert response.status_code == 303
    saved = db.session.scalar(db.select(MeetingAction))
    assert (saved.owner.code, saved.due_on.isoformat(), saved.status) == ("IT", "2025-09-30", "open")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"description": "", "owner_id": "IT", "due_on": ""}, "This field is required."),
        ({"description": "x", "owner_id": "IT", "due_on": "next week"}, "Not a valid date value."),
        ({"description": "x", "owner_id": "0", "due_on": ""}, "Not a valid choice"),
    ],
)
def test_bad_action_input_is_explained_and_not_saved(held, login_as, db, data, message):
    data = dict(data)
    if data["owner_id"] == "IT":
        data["owner_id"] = organisation("IT").id
    response = login_as("member", "PL").post(f"/meetings/{held.id}/actions", data=data, headers=HTMX)
    assert is_fragment(response)
    assert message in response.data.decode()
    assert db.session.scalar(db.select(db.func.count(MeetingAction.id))) == 0


def test_open_actions_appear_on_the_next_meeting_as_matters_arising(held, make_meeting, login_as, db):
    open_action = action(held, "IT", text="Share the SPOC manual")
    action(held, "FR", status="done", text="Circulate the contact list")
    upcoming = make_meeting(status="convened", start=datetime(2029, 11, 20, 10))
    italian = login_as("member", "IT")
    page = italian.get(f"/meetings/{upcoming.id}").data.decode()
    matters = page[page.index('id="matters-arising"'):page.index('id="agenda"')]
    assert "Share the SPOC manual" in matters
    assert "Warsaw meeting" in matters
    assert "Circulate the contact list" not in matters
    # The owner marks it done; it no longer arises.
    assert italian.post(f"/meetings/{held.id}/actions/{open_action.id}/done").status_code == 303
    assert "Share the SPOC manual" not in italian.get(f"/meetings/{upcoming.id}").data.decode()
    # Done twice is refused; someone who neither owns it nor convenes is refused.
    assert italian.post(f"/meetings/{held.id}/actions/{open_action.id}/done").status_code == 409
    assert login_as("member", "ES").post(f"/meetings/{held.id}/actions/{open_action.id}/reopen").status_code == 403


@pytest.mark.parametrize(("referrer", "expected"), [
    ("http://spoc.test/meetings/?when=past", "/meetings/?when=past"),
    ("http://spoc.test/\t/evil.example", None),
    ("http://spoc.test//evil.example", None),
    ("http://spoc.test/%2F/evil.example", None),
    ("http://evil.example/meetings/", None),
], ids=repr)
def test_marking_an_action_done_goes_back_to_the_page_only_on_this_site(held, login_as, referrer, expected):
    open_action = action(held, "IT")
    response = login_as("member", "IT").post(f"/meetings/{held.id}/actions/{open_action.id}/done",
                                             headers={"Referer": referrer})
    assert response.status_code == 303
    assert response.headers["Location"] == (expected or f"/meetings/{held.id}#actions")
