import re

import pytest

from app.network.models import User
from tests.factories import HTMX, PASSWORD, log_in


def _login(client, email, password, **kwargs):
    return client.post("/login", data={"email": email, "password": password}, **kwargs)


def test_login_page_is_public_and_dashboard_is_not(client):
    assert client.get("/login").status_code == 200
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_good_login_opens_the_dashboard_and_records_the_time(client, make_user, db):
    user = make_user("member", "IT", email="giulia@example.org")
    response = _login(client, "Giulia@Example.org ", PASSWORD)
    assert response.status_code == 303
    page = client.get("/")
    assert page.status_code == 200
    assert user.name.encode() in page.data
    db.session.expire_all()
    assert db.session.get(User, user.id).last_login_at is not None


def test_login_returns_to_the_page_asked_for_but_never_to_another_site(client, make_user):
    make_user(email="a@example.org")
    response = client.post("/login?next=/network/", data={"email": "a@example.org", "password": PASSWORD})
    assert response.headers["Location"].endswith("/network/")
    client.post("/logout")
    response = client.post("/login?next=//evil.example/x", data={"email": "a@example.org", "password": PASSWORD})
    assert "evil.example" not in response.headers["Location"]


@pytest.mark.parametrize(
    ("email", "password"),
    [("a@example.org", "wrong password!"), ("nobody@example.org", PASSWORD)],
    ids=["wrong-password", "unknown-account"],
)
def test_bad_credentials_get_one_clear_message_and_no_session(client, make_user, email, password):
    make_user(email="a@example.org")
    response = _login(client, email, password)
    assert response.status_code == 200
    assert b"The e-mail address or the password is wrong." in response.data
    assert email.encode() in response.data  # typed e-mail kept
    assert client.get("/").status_code == 302


def test_empty_form_says_which_fields_are_missing(client):
    response = _login(client, "", "")
    assert response.data.count(b"This field is required.") == 2


def test_deactivated_account_is_refused_with_a_reason(client, make_user):
    make_user(email="gone@example.org", active=False)
    response = _login(client, "gone@example.org", PASSWORD)
    assert b"This account is deactivated" in response.data
    assert client.get("/").status_code == 302


def test_account_without_password_cannot_log_in(client, make_user):
    make_user(email="new@example.org", password=False)
    response = _login(client, "new@example.org", "")
    assert client.get("/").status_code == 302
    response = _login(client, "new@example.org", "anything at all")
    assert b"wrong" in response.data


def test_failed_logins_are_limited_per_account(make_app, make_user):
    app = make_app(LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes")
    with app.app_context():
        make_user(email="target@example.org")
    client = app.test_client()
    for _ in range(3):
        assert _login(client, "target@example.org", "wrong").status_code == 200
    response = _login(client, "target@example.org", PASSWORD)
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.data
    assert client.get("/").status_code == 302
    # Another account from the same address is not blocked by this account's limit.
    with app.app_context():
        make_user(email="other@example.org")
    assert _login(client, "other@example.org", PASSWORD).status_code == 303


def test_failed_logins_are_limited_per_address(make_app, make_user):
    app = make_app(LOGIN_LIMIT_PER_ADDRESS="4 per 15 minutes")
    client = app.test_client()
    for n in range(4):
        _login(client, f"guess{n}@example.org", "wrong")
    response = _login(client, "guess9@example.org", "wrong")
    assert response.status_code == 429
    other_address = app.test_client()
    response = other_address.post("/login", data={"email": "x@example.org", "password": "y"},
                                  environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 200


def test_successful_logins_do_not_count_against_the_limit(make_app, make_user):
    app = make_app(LOGIN_LIMIT_PER_ACCOUNT="2 per 15 minutes")
    with app.app_context():
        make_user(email="busy@example.org")
    client = app.test_client()
    for _ in range(4):
        assert _login(client, "busy@example.org", PASSWORD).status_code == 303
        client.post("/logout")


def test_logout_is_post_only_and_ends_the_session(member_client):
    assert member_client.get("/logout").status_code == 405
    assert member_client.get("/").status_code == 200
    response = member_client.post("/logout")
    assert response.status_code == 303
    assert member_client.get("/").status_code == 302


def test_login_starts_a_new_session(client, make_user):
    make_user(email="a@example.org")
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    _login(client, "a@example.org", PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_deactivation_ends_existing_sessions(app, login_as, admin_client, db):
    client = login_as("member", "IT")
    assert client.get("/").status_code == 200
    admin_client.post(f"/admin/users/{client.user.id}/deactivate")
    assert client.get("/").status_code == 302


def test_a_stale_session_version_is_refused(app, make_user, db):
    user = make_user()
    client = log_in(app.test_client(), user)
    user.session_version += 1
    db.session.commit()
    assert client.get("/").status_code == 302


def test_anonymous_htmx_request_redirects_the_whole_window(client):
    response = client.get("/network/", headers=HTMX)
    assert response.status_code == 401
    assert "/login" in response.headers["HX-Redirect"]
    assert response.data == b""


def test_session_cookie_is_httponly_and_samesite(client, make_user):
    make_user(email="a@example.org")
    response = _login(client, "a@example.org", PASSWORD)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development serves plain http on loopback


def test_production_cookies_are_secure(make_app, make_user):
    app = make_app(SPOC_ENV="production", SECRET_KEY="a-production-secret-of-at-least-32-characters")
    with app.app_context():
        make_user(email="a@example.org")
    response = app.test_client().post("/login", data={"email": "a@example.org", "password": PASSWORD})
    assert re.search(r"spoc_session=[^;]+;.*Secure", response.headers["Set-Cookie"])
