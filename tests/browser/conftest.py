"""The real intranet in a real browser: a live server on loopback, Debian's Chromium driven by Playwright.

The server is the real application (CSRF on, real login form) on its own database, built by the migrations and
filled with the demo network: a second SQLite file, or on PostgreSQL a database named after the suite's own with
``_browser`` appended, so ``TEST_DATABASE_URL`` selects the database for these tests as for the rest. Playwright never
downloads a browser here: it drives the system Chromium, and without it every test of this folder is skipped
with one reason that pytest prints in its summary.
"""

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyotp
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.browser.live import ClosingHandler, remembering_responses
from tests.factories import DEMO_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

try:
    from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
except ImportError:  # pragma: no cover - the dev extras install it
    sync_playwright = None


def _why_skipped() -> str | None:
    if sync_playwright is None:
        return "browser tests skipped: the playwright package is not installed (pip install -e '.[dev]')"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _why_skipped()
    if reason is None:
        return
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reason))


# The live server -----------------------------------------------------------------------------------------------

def _browser_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of its own, empty, on the engine the suite runs on."""
    suite_url = os.environ.get("TEST_DATABASE_URL")
    if not suite_url:
        return f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'browser.db'}"
    url = make_url(suite_url)
    if not url.drivername.startswith("postgresql"):
        raise pytest.UsageError(f"browser tests: unsupported TEST_DATABASE_URL {suite_url}")
    name = f"{url.database}_browser"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    browser_url = url.set(database=name)
    engine = create_engine(browser_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return browser_url.render_as_string(hide_password=False)


def _prepare(app: Any) -> dict[str, str]:
    """Schema, reference data, the demo network, and who holds the Presidency today. Returns logins by role."""
    from flask_migrate import upgrade

    from app.auth.passwords import hash_password
    from app.core.timezones import today
    from app.demo import load_demo_data
    from app.extensions import db
    from app.network.models import Organisation, PresidencyTerm, User
    from app.network.services import presidency_on
    from app.security.models import RecoveryCode

    with app.app_context():
        upgrade()
        load_demo_data()
        term = presidency_on(today())
        if term is None:  # the seeded rotation ends some day; the journeys need a Presidency today
            ireland = db.session.scalar(db.select(Organisation).where(Organisation.code == "IE"))
            year = today().year
            first_half = today().month <= 6
            term = PresidencyTerm(organisation=ireland, starts_on=date(year, 1 if first_half else 7, 1),
                                  ends_on=date(year, 6, 30) if first_half else date(year, 12, 31))
            db.session.add(term)
        presidency_code = term.organisation.code
        email = f"presidency.{presidency_code.lower()}@example.org"
        db.session.add(User(email=email, name=f"Petra Presidency ({presidency_code})", organisation=term.organisation,
                            role="member", password_hash=hash_password(DEMO_PASSWORD)))
        # Core-group members (and administrators) must use a second factor. The journeys log in with
        # recovery codes made here: a TOTP code works only once per 30-second step, and logins come faster.
        for user in db.session.scalars(db.select(User).where(User.role.in_(("core-group", "admin")))):
            user.totp_secret, user.totp_enabled_at = pyotp.random_base32(), datetime.now(UTC)
            for code in RECOVERY_CODES:
                db.session.add(RecoveryCode(user_id=user.id, code_hash=hashlib.sha256(code.encode()).hexdigest()))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return {
        "member": "head.it@example.org",          # Italy, member
        "other_member": "head.pl@example.org",    # Poland, member
        "core": "head.de@example.org",            # Germany, core group
        "other_core": "head.fr@example.org",      # France, core group
        "presidency": email,
        "presidency_country": presidency_code,
    }


# Single-use recovery codes for the core-group and administrator accounts of the demo (see _prepare).
RECOVERY_CODES = [f"brwsr{n:05d}" for n in range(400)]
_used_codes: dict[str, int] = {}


def _next_recovery_code(email: str) -> str:
    _used_codes[email] = _used_codes.get(email, -1) + 1
    return RECOVERY_CODES[_used_codes[email]]


class LiveServer:
    def __init__(self, url: str, logins: dict[str, str], app: Any = None) -> None:
        self.url = url
        self.logins = logins
        self.app = app  # a test may add records the demo lacks, in ``app.app_context()``


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real application on a free loopback port, served by threads of this process."""
    if _why_skipped():
        pytest.skip(_why_skipped())
    from werkzeug.serving import make_server

    from app import create_app

    uploads = tempfile.mkdtemp(prefix="spoc-browser-uploads-")
    app = create_app({
        "SQLALCHEMY_DATABASE_URI": _browser_database(tmp_path_factory),
        "SECRET_KEY": "browser-test-secret-key",
        "WTF_CSRF_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        "UPLOAD_FOLDER": uploads,
    })
    logins = _prepare(app)
    server = make_server("127.0.0.1", 0, remembering_responses(app), threaded=True,
                         request_handler=ClosingHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", logins, app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():
            from app.extensions import db
            db.session.remove()
            db.engine.dispose()
        shutil.rmtree(uploads, ignore_errors=True)


# The browser ---------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser() -> Iterator["Browser"]:
    if _why_skipped():
        pytest.skip(_why_skipped())
    with sync_playwright() as playwright:
        # The system Chromium: Playwright cannot download a browser of its own here, and must not.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser: "Browser", live_server: LiveServer) -> Iterator[Callable[..., "BrowserContext"]]:
    """Contexts (separate cookie jars: one per person) for one test; closed at its end.

    ``bypass_csp=True``: the intranet's Content-Security-Policy allows its own scripts only, so axe-core, a test
    asset that the intranet does not serve, could not be injected otherwise. The page's own scripts stay bound
    by the policy as far as the tests are concerned: nothing in the app relies on the bypass.
    """
    contexts: list[BrowserContext] = []

    def factory(*, javascript: bool = True, width: int = 1280, height: int = 900) -> "BrowserContext":
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=javascript, bypass_csp=True,
            viewport={"width": width, "height": height}, accept_downloads=True, locale="en-GB",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        if not javascript:
            # axe-core cannot run where Chromium runs no script (its own timers never fire), so a page of a
            # no-JavaScript context is checked as a copy in a scripted twin context (see helpers.audit).
            twin = browser.new_context(base_url=live_server.url, bypass_csp=True,
                                       viewport={"width": width, "height": height})
            contexts.append(twin)
            context.audit_twin = twin.new_page()  # type: ignore[attr-defined]
        return context

    factory.contexts = contexts  # type: ignore[attr-defined]  # for the failure screenshots
    yield factory
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    """When a browser test fails, keep a screenshot of each page it had open, to see what the person saw."""
    report = yield
    if report.when == "call" and report.failed and "new_context" in getattr(item, "funcargs", {}):
        contexts = item.funcargs["new_context"]
        for n, page in enumerate(p for c in getattr(contexts, "contexts", []) for p in c.pages):
            ARTIFACTS.mkdir(exist_ok=True)
            try:
                page.screenshot(path=str(ARTIFACTS / f"failed-{item.name}-{n}.png"), full_page=True)
            except Exception:  # noqa: BLE001, S112 - a failing page may be gone; the report matters more
                continue
    return report


@pytest.fixture
def person(new_context: Callable[..., "BrowserContext"], live_server: LiveServer) -> Callable[..., "Page"]:
    """``person("member", javascript=False)``: a page of a new browser context, logged in through the form."""

    def factory(role: str, *, javascript: bool = True) -> "Page":
        page = new_context(javascript=javascript).new_page()
        log_in(page, live_server.logins[role])
        return page

    return factory


def log_in(page: "Page", email: str) -> None:
    from tests.browser.helpers import audit

    page.goto("/login")
    audit(page)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    if "/login/second-factor" in page.url:
        page.get_by_label("Code").fill(_next_recovery_code(email))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/login" not in url)
