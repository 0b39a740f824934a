"""Authorization everywhere: every endpoint has a declared rule (tests/security/access.py), and each rule
holds for an anonymous visitor, a member, a member of another country, an agency user, a core-group
member and an administrator."""


import pytest

from app import create_app
from app.extensions import db
from tests.factories import log_in
from tests.security.access import ACCESS, ROLES

ROLE_ACCOUNTS = {"member": ("member", "IT"), "other": ("member", "FR"), "agency": ("member", "EUROPOL"),
                 "core": ("core-group", "DE"), "admin": ("admin", "GSC")}


def _endpoints() -> set[str]:
    app = create_app({"SECRET_KEY": "x" * 40, "SQLALCHEMY_DATABASE_URI": "sqlite://", "TESTING": True})
    return {rule.endpoint for rule in app.url_map.iter_rules()}


def test_every_endpoint_has_a_declared_access_rule():
    endpoints = _endpoints()
    undeclared = sorted(endpoints - ACCESS.keys())
    assert not undeclared, f"endpoints without an access rule in tests/security/access.py: {undeclared}"
    assert not ACCESS.keys() - endpoints, f"rules for endpoints that no longer exist: {ACCESS.keys() - endpoints}"


@pytest.fixture
def clients(app, login_as):
    result = {"anonymous": app.test_client()}
    for role, (account_role, org) in ROLE_ACCOUNTS.items():
        result[role] = login_as(account_role, org)
    return result


def _verdict(response) -> str:
    status = response.status_code
    location = response.headers.get("Location", "")
    if status >= 500:
        return f"server error {status}"
    if status == 302 and "/login" in location or status == 401 and "/login" in response.headers.get("HX-Redirect", ""):
        return "sent to log in"  # the log-in check answers 302; a view's own redirect after a POST is a 303
    if status in (403, 404):
        return "refused"
    if status == 409:
        return "conflict"  # the record's state forbids the action: nothing was done
    return "allowed"


@pytest.mark.parametrize("endpoint", sorted(ACCESS))
def test_the_declared_rule_holds_for_every_role(endpoint, clients, world):
    ids = None
    problems = []
    for rule in ACCESS[endpoint]:
        for role in ROLES:
            if ids is None:
                ids = world(clients["member"].user)
            url = rule.url.format_map(ids)
            response = clients[role].open(url, method=rule.method, data={})
            response.close()
            verdict = _verdict(response)
            if rule.public:
                ok = verdict in ("allowed", "refused")  # e.g. 404 for a wrong feed token: never a log-in wall
                expected = "no log-in wall"
            elif role == "anonymous":
                expected = "sent to log in"
                ok = verdict == expected
            elif role in rule.allowed:
                expected = "allowed"
                ok = verdict == expected
            else:
                expected = "refused"
                ok = verdict in ("refused", "conflict")
            if not ok:
                problems.append(f"{role} {rule.method} {url}: {verdict} ({response.status_code}), expected {expected}")
            if rule.method == "POST" and verdict == "allowed":
                ids = None  # the action may have changed or spent its records: the next role gets new ones
                if response.status_code == 303 and "/login" in response.headers.get("Location", ""):
                    clients[role] = _fresh_login(clients[role])  # it logged out
    assert not problems, "\n".join(problems)


def _fresh_login(client):
    db.session.refresh(client.user)
    return log_in(client, client.user)
