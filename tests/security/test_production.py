"""Production serving: HTTPS only (HSTS, Secure __Host- cookies), behind a proxy, a real secret, health checks."""

import pytest

from app import create_app
from tests.factories import PASSWORD

STRONG = "s" * 48


def test_production_refuses_a_default_or_short_secret_key(database_url):
    for weak in ("prod", "change-me", "short-but-not-default"):
        with pytest.raises(RuntimeError, match="SECRET_KEY"):
            create_app({"SPOC_ENV": "production", "SECRET_KEY": weak, "SQLALCHEMY_DATABASE_URI": database_url})


def test_production_sends_hsts_and_host_prefixed_secure_cookies(make_app, make_user):
    app = make_app(SPOC_ENV="production", SECRET_KEY=STRONG)
    with app.app_context():
        make_user(email="a@example.org")
    client = app.test_client()
    response = client.post("/login", data={"email": "a@example.org", "password": PASSWORD},
                           base_url="https://spoc.test")
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-spoc_session=")
    assert "Secure" in cookie
    assert "Path=/" in cookie
    assert "Domain" not in cookie


def test_development_sends_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_behind_a_proxy_the_client_address_and_scheme_come_from_the_proxy(make_app, db):
    app = make_app(PROXY_FIX_X_FOR=1, PROXY_FIX_X_PROTO=1)
    client = app.test_client()
    client.post("/login", data={"email": "x@example.org", "password": "y"},
                headers={"X-Forwarded-For": "198.51.100.20", "X-Forwarded-Proto": "https"})
    from app.core.models import AuditEvent

    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "failed_login"))
    assert event.address == "198.51.100.20"


def test_without_a_proxy_forwarded_headers_are_ignored(client, db):
    client.post("/login", data={"email": "x@example.org", "password": "y"},
                headers={"X-Forwarded-For": "198.51.100.20"})
    from app.core.models import AuditEvent

    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "failed_login"))
    assert event.address == "127.0.0.1"


def test_health_and_readiness_need_no_login(client):
    assert client.get("/healthz").data == b"ok\n"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.data == b"ready\n"


def test_readiness_fails_when_the_schema_is_behind(client, db):
    from sqlalchemy import text

    db.session.execute(text("UPDATE alembic_version SET version_num = '0007'"))
    db.session.commit()
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert b"flask db upgrade" in response.data
    finally:
        db.session.execute(text("UPDATE alembic_version SET version_num = '0008_security'"))
        db.session.commit()


def test_login_throttling_lives_in_the_database_shared_by_every_server(make_app, make_user):
    """Two application instances (two servers) share the count of failed attempts."""
    first = make_app(LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes")
    second = make_app(LOGIN_LIMIT_PER_ACCOUNT="3 per 15 minutes")
    with first.app_context():
        make_user(email="target@example.org")
    for app in (first, second, first):
        app.test_client().post("/login", data={"email": "target@example.org", "password": "wrong"})
    response = second.test_client().post("/login", data={"email": "target@example.org", "password": PASSWORD})
    assert response.status_code == 429
