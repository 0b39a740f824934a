"""Log-in limits in a real deployment (issue #24, rate limits): behind a reverse proxy one person's typos pause
their own address, not every colleague behind the same proxy; a forged X-Forwarded-For buys no fresh allowance;
wrong second-factor codes count like wrong passwords and pause the account no longer. What a deployment sets:
README.md, "Production". The limits themselves: tests/auth/test_login.py."""

from datetime import timedelta

from app.extensions import db
from app.network.models import User
from app.security.models import FailedLogin
from tests.factories import PASSWORD, code_for

PROXY = "10.0.0.1"  # the reverse proxy: the REMOTE_ADDR of every request that comes through it
TYPIST, COLLEAGUE = "198.51.100.7", "198.51.100.8"  # two people of one ministry, behind that proxy


def _attempt(client, email, password, forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post("/login", data={"email": email, "password": password}, headers=headers,
                       environ_base={"REMOTE_ADDR": PROXY})


def _addresses(app) -> set[str]:
    """The client addresses the failed attempts were counted against."""
    with app.app_context():
        return set(db.session.scalars(db.select(FailedLogin.address).distinct()))


def test_behind_a_proxy_one_address_is_paused_and_not_a_colleague_behind_the_same_proxy(make_app, make_user):
    app = make_app(PROXY_FIX_X_FOR=1, LOGIN_LIMIT_PER_ADDRESS="3 per 15 minutes")
    with app.app_context():
        make_user(email="colleague@example.org")
    typist = app.test_client()
    for n in range(3):
        assert _attempt(typist, f"guess{n}@example.org", "wrong", TYPIST).status_code == 200
    response = _attempt(typist, "guess9@example.org", "wrong", TYPIST)
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.data
    # The proxy appends the address it saw to whatever the client sent: a forged first entry changes nothing.
    assert _attempt(typist, "guess9@example.org", "wrong", f"203.0.113.99, {TYPIST}").status_code == 429
    colleague = app.test_client()
    assert _attempt(colleague, "colleague@example.org", PASSWORD, COLLEAGUE).status_code == 303
    assert colleague.get("/").status_code == 200
    assert _addresses(app) == {TYPIST}  # counted against the client's address, never the proxy's


def test_without_proxy_fix_a_forged_forwarded_for_gets_no_fresh_allowance(make_app):
    app = make_app(LOGIN_LIMIT_PER_ADDRESS="3 per 15 minutes")
    attacker = app.test_client()
    for n in range(3):
        assert _attempt(attacker, f"guess{n}@example.org", "wrong", f"203.0.113.{n}").status_code == 200
    assert _attempt(attacker, "guess9@example.org", "wrong", "203.0.113.50").status_code == 429
    assert _attempt(attacker, "guess9@example.org", "wrong").status_code == 429
    assert _addresses(app) == {PROXY}  # the header is ignored: every attempt counts against the real peer


def test_without_proxy_fix_everyone_behind_a_proxy_shares_its_allowance(make_app, make_user):
    """Why a deployment behind a proxy must set FLASK_PROXY_FIX_X_FOR (README.md): otherwise it is one address."""
    app = make_app(LOGIN_LIMIT_PER_ADDRESS="3 per 15 minutes")
    with app.app_context():
        make_user(email="colleague@example.org")
    typist = app.test_client()
    for n in range(3):
        _attempt(typist, f"guess{n}@example.org", "wrong", TYPIST)
    assert _attempt(app.test_client(), "colleague@example.org", PASSWORD, COLLEAGUE).status_code == 429


def _pass_the_window(app, window: timedelta) -> None:
    """The failures were made ``window`` ago (instead of waiting that long)."""
    with app.app_context():
        for row in db.session.scalars(db.select(FailedLogin)):
            row.attempted_at -= window
        db.session.commit()


def _failures(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(FailedLogin.id)))


def test_wrong_second_factor_codes_pause_the_account_as_long_as_wrong_passwords(make_app, make_user):
    app = make_app(LOGIN_LIMIT_PER_ACCOUNT="3 per 10 minutes")
    with app.app_context():
        make_user(email="typist@example.org")
        second = make_user(email="second@example.org", second_factor=True)
        second_id = second.id
    paused = "try again in 10 minutes"  # the whole window, for wrong passwords and wrong codes alike

    passwords = app.test_client()
    for _ in range(3):
        assert b"The e-mail address or the password is wrong." in _attempt(passwords, "typist@example.org",
                                                                           "wrong").data
    response = _attempt(passwords, "typist@example.org", PASSWORD)
    assert response.status_code == 429
    assert paused in response.get_data(as_text=True)

    codes = app.test_client()
    assert _attempt(codes, "second@example.org", PASSWORD).status_code == 303  # to the second step
    for _ in range(3):
        assert b"This code is not right" in codes.post("/login/second-factor", data={"code": "000000"}).data
    with app.app_context():
        user = db.session.get(User, second_id)
        code = code_for(user)
    response = codes.post("/login/second-factor", data={"code": code})
    assert response.status_code == 429
    assert paused in response.get_data(as_text=True)
    assert codes.get("/").status_code == 302
    response = _attempt(codes, "second@example.org", PASSWORD)  # starting again: the same pause, no longer
    assert response.status_code == 429
    assert paused in response.get_data(as_text=True)
    assert _failures(app) == 6  # trying during the pause does not lengthen it

    _pass_the_window(app, timedelta(minutes=10))
    assert _attempt(codes, "second@example.org", PASSWORD).status_code == 303
    with app.app_context():
        code = code_for(db.session.get(User, second_id))
    assert codes.post("/login/second-factor", data={"code": code}).status_code == 303
    assert codes.get("/").status_code == 200
    assert _attempt(passwords, "typist@example.org", PASSWORD).status_code == 303


def test_wrong_passwords_and_wrong_codes_count_together(make_app, make_user):
    app = make_app(LOGIN_LIMIT_PER_ACCOUNT="3 per 10 minutes")
    with app.app_context():
        user = make_user(email="second@example.org", second_factor=True)
        code = code_for(user)
    client = app.test_client()
    for _ in range(2):
        _attempt(client, "second@example.org", "wrong")
    assert _attempt(client, "second@example.org", PASSWORD).status_code == 303
    assert client.post("/login/second-factor", data={"code": "000000"}).status_code == 200
    response = client.post("/login/second-factor", data={"code": code})
    assert response.status_code == 429
    assert "try again in 10 minutes" in response.get_data(as_text=True)


def test_the_documented_environment_variables_set_the_limits_and_the_proxy(monkeypatch, make_app):
    monkeypatch.setenv("FLASK_PROXY_FIX_X_FOR", "1")
    monkeypatch.setenv("FLASK_LOGIN_LIMIT_PER_ACCOUNT", "4 per 20 minutes")
    monkeypatch.setenv("FLASK_LOGIN_LIMIT_PER_ADDRESS", "300 per 15 minutes")
    app = make_app()
    assert app.config["PROXY_FIX_X_FOR"] == 1
    assert app.config["LOGIN_LIMIT_PER_ACCOUNT"] == "4 per 20 minutes"
    assert app.config["LOGIN_LIMIT_PER_ADDRESS"] == "300 per 15 minutes"
    client = app.test_client()
    for n in range(4):
        _attempt(client, "someone@example.org", "wrong", f"198.51.100.{n}")
    response = _attempt(client, "someone@example.org", "wrong", "198.51.100.9")
    assert response.status_code == 429
    assert "try again in 20 minutes" in response.get_data(as_text=True)
