"""Who may do what: the permission matrix for a convened meeting of the Dutch Presidency (2029 H2)."""

import pytest

from app.meetings.models import Meeting
from tests.factories import meeting_form

ROLES = {
    "anonymous": None,
    "member": ("member", "FR"),
    "agency": ("member", "EUROPOL"),
    "core": ("core-group", "DE"),
    "admin": ("admin", "GSC"),
    "presidency": ("member", "NL"),
    "next": ("member", "SK"),
}


@pytest.fixture
def as_role(app, login_as):
    def factory(role):
        return app.test_client() if ROLES[role] is None else login_as(*ROLES[role])
    return factory


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/meetings/", {"anonymous": 302, "*": 200}),
        ("/calendar", {"anonymous": 302, "*": 200}),
        ("/meetings/{id}", {"anonymous": 302, "*": 200}),
        ("/meetings/{id}.ics", {"anonymous": 302, "*": 200}),
        ("/meetings/calendar.ics", {"anonymous": 302, "*": 200}),
        ("/meetings/{id}/edit", {"anonymous": 302, "admin": 200, "presidency": 200, "*": 403}),
        ("/meetings/new", {"anonymous": 302, "member": 403, "agency": 403, "core": 403, "*": 200}),
        ("/meetings/{id}/minutes", {"anonymous": 302, "*": 403}),  # not held yet
        ("/settings", {"anonymous": 302, "*": 200}),
    ],
)
@pytest.mark.parametrize("role", list(ROLES))
def test_read_matrix(convened, as_role, role, path, expected):
    response = as_role(role).get(path.format(id=convened.id))
    assert response.status_code == expected.get(role, expected["*"])


@pytest.mark.parametrize(("role", "expected"), [
    ("anonymous", 302), ("member", 403), ("agency", 403), ("core", 403), ("next", 403),
    ("presidency", 303), ("admin", 303),
])
def test_edit_matrix(convened, as_role, db, role, expected):
    response = as_role(role).post(f"/meetings/{convened.id}/edit",
                                  data=meeting_form(version=str(convened.version), title="Changed"))
    assert response.status_code == expected
    db.session.expire_all()
    assert (db.session.get(Meeting, convened.id).title == "Changed") == (expected == 303)


@pytest.mark.parametrize(("role", "expected"), [
    ("member", 403), ("agency", 403), ("core", 403), ("next", 403), ("presidency", 303), ("admin", 303),
])
def test_workflow_matrix(make_meeting, as_role, db, role, expected):
    meeting = make_meeting(status="planned")
    client = as_role(role)
    assert client.post(f"/meetings/{meeting.id}/convene").status_code in ((404,) if expected == 403 else (303,))
    meeting_convened = make_meeting(status="convened")
    assert client.post(f"/meetings/{meeting_convened.id}/cancel", data={"reason": "r"}).status_code == expected


def test_buttons_follow_the_same_rules(convened, as_role):
    page = as_role("member").get(f"/meetings/{convened.id}").data.decode()
    assert "Edit</a>" not in page
    assert "Cancel the meeting" not in page
    page = as_role("presidency").get(f"/meetings/{convened.id}").data.decode()
    assert "Edit</a>" in page
    assert "Mark as held" not in page  # not before the meeting starts
    assert "Cancel the meeting" in page
