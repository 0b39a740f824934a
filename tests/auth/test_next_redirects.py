"""``next`` after log-in, after the second factor and after the language switch (issue #24, item 1): a redirect
whose target comes from the request stays on this site, however a browser reads the Location; a refused target
leads to the dashboard, never to a 500, and changes nothing else. The check itself: tests/core/test_redirects.py."""

from urllib.parse import urlencode, urlsplit

import pytest

from app.network.models import User
from app.security.models import FailedLogin, UserSession
from tests.factories import PASSWORD, code_for

# Targets that lead, or could be read as leading, to another host (or break the header).
HOSTILE = [
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "/ /evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "/\n/evil.example",
    "/\r\nSet-Cookie:x=1",
    "/\u3000/evil.example",
    "/%252F/evil.example",
    " //evil.example",
    "http:evil.example",
]
# Paths on this site: kept exactly as they are.
GOOD = ["/obstacles/?status=open", "/meetings/3", "/search?q=police%20cooperation&page=2"]
DASHBOARD = "/"
TARGETS = [(target, DASHBOARD) for target in HOSTILE] + [(target, target) for target in GOOD]
IDS = [repr(target) for target, _ in TARGETS]


def landing(response) -> str:
    """Where a browser goes after ``response``: it must be a redirect to this site; returns path and query.

    A browser drops leading and trailing spaces and C0 controls, removes tabs and line breaks anywhere and reads
    a backslash as a slash (the WHATWG URL parser) before it resolves the Location against this page."""
    assert response.status_code in (302, 303), response.status_code
    location = response.headers["Location"]
    cleaned = location.strip("".join(map(chr, range(33))))
    for char in "\t\n\r":
        cleaned = cleaned.replace(char, "")
    parts = urlsplit(cleaned.replace("\\", "/"))
    assert parts.netloc in ("", "spoc.test"), location
    assert parts.scheme in ("", "http", "https"), location
    assert parts.path.startswith("/"), location
    assert not parts.path.startswith("//"), location
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _login_url(target: str) -> str:
    return "/login?" + urlencode({"next": target})


def _sessions_of(db, user: User) -> int:
    return db.session.scalar(db.select(db.func.count(UserSession.id)).where(UserSession.user_id == user.id))


@pytest.mark.parametrize(("target", "expected"), TARGETS, ids=IDS)
def test_login_goes_to_the_page_asked_for_only_on_this_site(client, make_user, db, target, expected):
    user = make_user(email="a@example.org")
    response = client.post(_login_url(target), data={"email": "a@example.org", "password": PASSWORD})
    assert landing(response) == expected
    assert _sessions_of(db, user) == 1  # logged in once, as with any other target
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(("target", "expected"), TARGETS, ids=IDS)
def test_login_with_a_second_factor_goes_to_the_page_asked_for_only_on_this_site(client, make_user, db, target,
                                                                                 expected):
    user = make_user(email="a@example.org", second_factor=True)
    response = client.post(_login_url(target), data={"email": "a@example.org", "password": PASSWORD})
    assert landing(response) == "/login/second-factor"
    assert _sessions_of(db, user) == 0
    response = client.post("/login/second-factor", data={"code": code_for(user)})
    assert landing(response) == expected
    assert _sessions_of(db, user) == 1
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(("target", "expected"), TARGETS, ids=IDS)
def test_the_second_factor_step_checks_the_target_it_was_given_again(client, make_user, db, target, expected):
    """A pending log-in whose target was never checked (a cookie made before this check): checked at the end."""
    user = make_user(email="a@example.org", second_factor=True)
    client.post("/login", data={"email": "a@example.org", "password": PASSWORD})
    with client.session_transaction() as session:
        session["_second_factor_pending"] = {**session["_second_factor_pending"], "next": target}
    response = client.post("/login/second-factor", data={"code": code_for(user)})
    assert landing(response) == expected
    assert _sessions_of(db, user) == 1


@pytest.mark.parametrize(("target", "expected"), TARGETS, ids=IDS)
def test_the_language_switch_goes_back_only_to_a_page_of_this_site(member_client, db, target, expected):
    response = member_client.post("/language", data={"language": "fr", "next": target})
    assert landing(response) == expected
    assert db.session.get(User, member_client.user.id).language == "fr"  # the switch itself still works


@pytest.mark.parametrize("target", ["/\n/evil.example", "/%0d%0aSet-Cookie:x=1", "//evil.example"], ids=repr)
def test_the_language_switch_before_log_in_goes_to_the_dashboard_for_a_refused_target(client, target):
    response = client.post("/language", data={"language": "fr", "next": target})
    assert landing(response) == DASHBOARD
    assert "Set-Cookie:x" not in str(response.headers)
    assert '<html lang="fr">' in client.get("/login").get_data(as_text=True)  # the language is remembered


@pytest.mark.parametrize("target", ["/\n/evil.example", "/\r\nSet-Cookie:x=1"], ids=repr)
def test_a_failed_login_with_a_line_break_in_next_writes_no_session(client, make_user, db, target):
    user = make_user(email="a@example.org")
    response = client.post(_login_url(target), data={"email": "a@example.org", "password": "wrong password!"})
    assert response.status_code == 200
    assert b"The e-mail address or the password is wrong." in response.data
    assert _sessions_of(db, user) == 0
    assert db.session.scalar(db.select(db.func.count(FailedLogin.id))) == 1
    assert client.get("/").status_code == 302
