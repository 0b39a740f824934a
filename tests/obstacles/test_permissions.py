"""Every obstacles endpoint for each kind of user: hidden buttons are no protection."""

from datetime import date, timedelta

import pytest

from tests.factories import obstacle_form, organisation

ROLES = ["anonymous", "reporter", "other_member", "agency", "admin"]
CLIENTS = {"anonymous": "client", "reporter": "member_client", "other_member": "other_member_client",
           "agency": "agency_client", "admin": "admin_client"}

# (method, path template, data factory, expected status per role)
MATRIX = [
    ("GET", "/obstacles/", None, [302, 200, 200, 200, 200]),
    ("GET", "/obstacles/export.csv", None, [302, 200, 200, 200, 200]),
    ("GET", "/obstacles/new", None, [302, 200, 200, 403, 200]),
    ("GET", "/obstacles/{id}", None, [302, 200, 200, 200, 200]),
    ("GET", "/obstacles/{id}/edit", None, [302, 200, 403, 403, 200]),
    ("POST", "/obstacles/{id}/edit", "edit", [302, 303, 403, 403, 303]),
    ("POST", "/obstacles/{id}/discuss", None, [302, 303, 403, 403, 303]),
    ("POST", "/obstacles/{id}/close", "note", [302, 303, 403, 403, 303]),
    ("POST", "/obstacles/{id}/affected", "empty", [302, 403, 303, 403, 403]),
    ("POST", "/obstacles/{id}/affected/withdraw", None, [302, 409, 409, 403, 403]),
    ("POST", "/obstacles/{id}/comments", "comment", [302, 303, 303, 303, 303]),
]


def _data(kind, obstacle):
    return {
        None: None,
        "empty": {},
        "note": {"note": "Closed during the test."},
        "comment": {"body": "A comment."},
        "edit": obstacle_form(version=str(obstacle.version), counterpart_ids=[organisation("DE").id]),
    }[kind]


@pytest.mark.parametrize(("method", "path", "data", "expected"), MATRIX,
                         ids=[f"{m} {p}" for m, p, _, _ in MATRIX])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, make_obstacle, role, method, path, data, expected):
    obstacle = make_obstacle("IT")
    client = request.getfixturevalue(CLIENTS[role])
    url = path.format(id=obstacle.id)
    response = client.open(url, method=method, data=_data(data, obstacle))
    assert response.status_code == expected[ROLES.index(role)], response.data[:300]


def test_agree_action_matrix(request, make_obstacle):
    due = (date.today() + timedelta(days=30)).isoformat()
    for role, status in zip(ROLES, [302, 303, 403, 403, 303], strict=True):
        obstacle = make_obstacle("IT", status="under_discussion")
        client = request.getfixturevalue(CLIENTS[role])
        response = client.post(f"/obstacles/{obstacle.id}/agree-action", data={
            "agreed_action": "Do it", "action_owner_id": organisation("IT").id, "action_due_on": due})
        assert response.status_code == status, role
