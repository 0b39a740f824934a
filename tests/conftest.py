"""Fixtures shared by the whole suite.

The database comes from one setting, ``TEST_DATABASE_URL`` (default: a temporary SQLite file), so the
same suite runs on SQLite and PostgreSQL. The schema is built once per run by the real migrations;
each test gets a fresh application, the reference data, and empty tables afterwards.
"""

import contextvars
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import pyotp
import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, event, text

from app import create_app
from app.auth.passwords import hash_password
from app.extensions import db as _db
from app.network.models import Organisation, PresidencyTerm, User
from app.network.services import presidency_on, seed_reference_data, today
from app.security.sessions import SESSION_KEY, start_session

PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = hash_password(PASSWORD)  # hashed once: argon2 is slow on purpose


def _reset_database(url: str) -> None:
    """Drop whatever a previous run left, so the migrations start from nothing."""
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    _reset_database(url)
    return url


def test_config(database_url: str, **overrides: Any) -> dict[str, Any]:
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "SERVER_NAME": "spoc.test",
        "RATELIMIT_STORAGE_URI": "memory://",
        "UPLOAD_FOLDER": os.path.join(tempfile.gettempdir(), f"spoc-test-uploads-{os.getpid()}"),
    }
    config.update(overrides)
    return config


test_config.__test__ = False  # type: ignore[attr-defined]  # not a test, despite the name


class IsolatedClient(FlaskClient):
    """A test client whose requests run as in production, each in its own application context.

    Tests keep an application context pushed for their own database work; Flask would reuse it for
    requests (sharing ``g``, the logged-in user and the session). Each request therefore runs in an
    empty ``contextvars.Context``. The test's own changes are committed first, so the request sees
    them, and the test's objects are expired afterwards, so the test sees what the request wrote.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if has_app_context():
            _db.session.commit()
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            _db.session.expire_all()
        return response


@pytest.fixture(scope="session")
def _schema(database_url: str) -> None:
    """Build the schema once per run with the real migrations."""
    app = create_app(test_config(database_url))
    with app.app_context():
        upgrade()
        _db.engine.dispose()


def _empty_tables() -> None:
    for table in reversed(_db.metadata.sorted_tables):
        _db.session.execute(table.delete())
    _db.session.commit()


@pytest.fixture
def make_app(database_url: str, _schema: None) -> Iterator[Callable[..., Flask]]:
    """Build an application with extra configuration; tables are emptied after the test."""
    apps: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        app = create_app(test_config(database_url, **overrides))
        app.test_client_class = IsolatedClient
        apps.append(app)
        with app.app_context():
            if _db.session.scalar(_db.select(Organisation.id).limit(1)) is None:
                seed_reference_data()
                _ensure_presidency_today()
                _db.session.commit()
        return app

    yield factory
    with apps[0].app_context():
        _db.session.rollback()
        _empty_tables()
    for app in apps:
        with app.app_context():
            _db.session.remove()
            _db.engine.dispose()


def _ensure_presidency_today() -> None:
    """Presidency rights need a term covering today, whatever the date the suite runs on."""
    if presidency_on(today()) is None:
        ireland = _db.session.scalar(_db.select(Organisation).where(Organisation.code == "IE"))
        year = today().year
        half = (date(year, 1, 1), date(year, 6, 30)) if today().month <= 6 else (date(year, 7, 1), date(year, 12, 31))
        _db.session.add(PresidencyTerm(organisation=ireland, starts_on=half[0], ends_on=half[1]))


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Iterator[Flask]:
    application = make_app()
    with application.app_context():
        yield application


@pytest.fixture
def db(app: Flask) -> Any:
    return _db


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


def organisation(code: str) -> Organisation:
    org = _db.session.scalar(_db.select(Organisation).where(Organisation.code == code))
    assert org is not None, f"unknown organisation {code}"
    return org


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def factory(
        role: str = "member", org: str = "IT", *, active: bool = True, email: str | None = None,
        name: str | None = None, password: bool = True, second_factor: bool | None = None,
    ) -> User:
        """Administrators and core-group members have a second factor unless ``second_factor=False``."""
        n = next(counter)
        if second_factor is None:
            second_factor = role in ("admin", "core-group")
        user = User(
            email=email or f"user{n}.{org.lower()}@example.org",
            name=name or f"Test User {n} ({org})",
            organisation=organisation(org),
            role=role,
            active=active,
            password_hash=_PASSWORD_HASH if password else None,
            totp_secret=pyotp.random_base32() if second_factor else None,
            totp_enabled_at=datetime.now(UTC) if second_factor else None,
        )
        _db.session.add(user)
        _db.session.commit()
        return user

    return factory


def in_french(client: FlaskClient) -> FlaskClient:
    """The client's user reads the intranet in French from now on (their saved language setting)."""
    client.user.language = "fr"  # type: ignore[attr-defined]
    _db.session.commit()
    return client


def log_in(client: FlaskClient, user: User) -> FlaskClient:
    """Give the client a server-side session of ``user`` (the login form itself is tested in tests/auth)."""
    token = start_session(user)
    _db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session[SESSION_KEY] = token
    return client


@pytest.fixture
def login_as(app: Flask, make_user: Callable[..., User]) -> Callable[..., FlaskClient]:
    """A new client logged in as a new user: ``login_as("member", "IT")``."""

    def factory(role: str = "member", org: str = "IT", **kwargs: Any) -> FlaskClient:
        client = app.test_client()
        client.user = make_user(role, org, **kwargs)  # type: ignore[attr-defined]
        return log_in(client, client.user)  # type: ignore[attr-defined]

    return factory


@pytest.fixture
def member_client(login_as: Callable[..., FlaskClient]) -> FlaskClient:
    return login_as("member", "IT")


@pytest.fixture
def other_member_client(login_as: Callable[..., FlaskClient]) -> FlaskClient:
    return login_as("member", "FR")


@pytest.fixture
def agency_client(login_as: Callable[..., FlaskClient]) -> FlaskClient:
    return login_as("member", "EUROPOL")


@pytest.fixture
def core_client(login_as: Callable[..., FlaskClient]) -> FlaskClient:
    return login_as("core-group", "DE")


@pytest.fixture
def admin_client(login_as: Callable[..., FlaskClient]) -> FlaskClient:
    return login_as("admin", "GSC")


@pytest.fixture
def presidency_client(app: Flask, login_as: Callable[..., FlaskClient]) -> FlaskClient:
    """A member of the country that holds the Presidency today."""
    term = presidency_on(today())
    assert term is not None
    return login_as("member", term.organisation.code)


@contextmanager
def _counting(engine: Any) -> Iterator[list[str]]:
    statements: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


@pytest.fixture
def count_queries(app: Flask) -> Callable[[], Any]:
    """``with count_queries() as q: ...`` then ``len(q)`` is the number of SQL statements sent."""
    return lambda: _counting(_db.engine)


HTMX = {"HX-Request": "true"}


def is_fragment(response: Any) -> bool:
    return b"<html" not in response.data



# Record factories of the modules, available to every test package.
from tests.factories import make_obstacle, make_practice  # noqa: E402, F401
