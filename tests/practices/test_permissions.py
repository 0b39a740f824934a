"""Every practices endpoint for each kind of user: hidden buttons are no protection."""

from datetime import date

import pytest

from tests.factories import practice_form

ROLES = ["anonymous", "author", "other_member", "agency", "presidency", "admin"]
CLIENTS = {"anonymous": "client", "author": "member_client", "other_member": "other_member_client",
           "agency": "agency_client", "presidency": "presidency_client", "admin": "admin_client"}

MATRIX = [
    # (method, path, status of the practice, data, expected per role)
    ("GET", "/practices/", "submitted", None, [302, 200, 200, 200, 200, 200]),
    ("GET", "/practices/new", "submitted", None, [302, 200, 200, 403, 200, 200]),
    ("GET", "/practices/{id}", "submitted", None, [302, 200, 200, 200, 200, 200]),
    ("GET", "/practices/{id}", "draft", None, [302, 200, 404, 404, 404, 200]),
    ("GET", "/practices/{id}/edit", "submitted", None, [302, 200, 403, 403, 403, 200]),
    ("POST", "/practices/{id}/edit", "submitted", "edit", [302, 303, 403, 403, 403, 303]),
    ("POST", "/practices/{id}/submit", "draft", None, [302, 303, 404, 404, 404, 303]),
    ("POST", "/practices/{id}/endorse", "submitted", "endorse", [302, 403, 403, 403, 303, 303]),
    ("POST", "/practices/{id}/archive", "submitted", "note", [302, 303, 403, 403, 303, 303]),
    ("POST", "/practices/{id}/adopt", "endorsed", "empty", [302, 403, 303, 403, 303, 403]),
    ("POST", "/practices/{id}/adopt/withdraw", "endorsed", None, [302, 409, 409, 403, 409, 403]),
    ("POST", "/practices/{id}/comments", "submitted", "comment", [302, 303, 303, 303, 303, 303]),
    ("POST", "/practices/{id}/comments", "draft", "comment", [302, 409, 404, 404, 404, 409]),
]


def _data(kind, practice):
    return {
        None: None, "empty": {}, "comment": {"body": "A comment"}, "note": {"note": "Old"},
        "endorse": {"endorsed_on": date.today().isoformat(), "occasion": "Heads of SPOC meeting"},
        "edit": practice_form(version=str(practice.version)),
    }[kind]


@pytest.mark.parametrize(("method", "path", "state", "data", "expected"), MATRIX,
                         ids=[f"{m} {p} {s}" for m, p, s, _, _ in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, make_practice, role, method, path, state, data, expected):
    practice = make_practice("IT", status=state)
    client = request.getfixturevalue(CLIENTS[role])
    if role == "presidency" and client.user.organisation.code == "IT":
        pytest.fail("the Presidency fixture must be another country than the author's")
    response = client.open(path.format(id=practice.id), method=method, data=_data(data, practice))
    assert response.status_code == expected[ROLES.index(role)], response.data[:200]
