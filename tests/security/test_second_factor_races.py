"""Several browsers that passed the password step send the same code at the same moment: exactly one logs in (#24).

Each browser is a thread with its own test client, so its own application context, database session and
connection, against the suite's real database (an SQLite file, or PostgreSQL). A barrier releases the code
submissions together, and a second one, at each request's first write to the database, holds every request until
all of them have read the account: the worst interleaving, on every run, without waiting on the clock. Reading the
last used step (or the recovery code) and writing it later lets several in; a conditional UPDATE whose row count
decides lets exactly one in, and the others are told the code was used already.
"""

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import event

from app.extensions import db
from app.security import second_factor
from app.security.models import UserSession
from tests.factories import PASSWORD, code_for

BROWSERS = 6
_WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def app(make_app):
    """Log-in limits out of the way: the refused attempts of a race must not lock the account."""
    application = make_app(LOGIN_LIMIT_PER_ACCOUNT="100 per 15 minutes", LOGIN_LIMIT_PER_ADDRESS="100 per 15 minutes")
    with application.app_context():
        yield application


def _race(app, email: str, code: Callable[[], str]) -> list[tuple[int, str, int]]:
    """Every browser logs in with the password, then all send ``code()`` at once: (status, page, status of /)."""
    submit = threading.Barrier(BROWSERS + 1, timeout=60)
    first_write = threading.Barrier(BROWSERS, timeout=60)
    armed = threading.local()

    def hold_first_write(_conn, _cursor, statement, *_args) -> None:
        if getattr(armed, "on", False) and statement.lstrip()[:6].upper() in _WRITES:
            armed.on = False
            first_write.wait()

    results: list = [None] * BROWSERS
    shared = {}

    def browser(index: int) -> None:
        try:
            client = app.test_client()
            assert client.post("/login", data={"email": email, "password": PASSWORD}).status_code == 303
            submit.wait()  # every browser is at the second step
            submit.wait()  # the code is known
            armed.on = True
            response = client.post("/login/second-factor", data={"code": shared["code"]})
            armed.on = False
            results[index] = (response.status_code, response.get_data(as_text=True), client.get("/").status_code)
        except BaseException as error:  # noqa: BLE001 - reported by the test, not lost in the thread
            submit.abort()
            first_write.abort()
            results[index] = error

    event.listen(db.engine, "before_cursor_execute", hold_first_write)
    try:
        threads = [threading.Thread(target=browser, args=(n,)) for n in range(BROWSERS)]
        for thread in threads:
            thread.start()
        try:
            submit.wait()
            shared["code"] = code()
            submit.wait()
        except threading.BrokenBarrierError:
            pass  # a browser failed: its error is raised below
        for thread in threads:
            thread.join()
    finally:
        event.remove(db.engine, "before_cursor_execute", hold_first_write)
    errors = [result for result in results if isinstance(result, BaseException)]
    if errors:  # the first cause, rather than the barriers it broke
        raise next((e for e in errors if not isinstance(e, threading.BrokenBarrierError)), errors[0])
    return results


def _code_of_this_step(user) -> str:
    """The code the app shows now, with time for the requests to run within its 30-second step."""
    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left)  # the next step starts; its code stays right long enough
    return code_for(user)


def _assert_one_got_in(results, user) -> None:
    statuses = sorted(status for status, _, _ in results)
    assert statuses == [200] * (BROWSERS - 1) + [303], statuses
    for status, page, home in results:
        if status == 303:
            assert home == 200
        else:
            assert "was used already" in page
            assert home == 302  # still logged out
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(UserSession.id)).where(UserSession.user_id == user.id)) == 1


def test_the_same_code_sent_at_once_by_several_browsers_logs_in_one(app, make_user):
    user = make_user(email="racer@example.org", second_factor=True)
    results = _race(app, "racer@example.org", lambda: _code_of_this_step(user))
    _assert_one_got_in(results, user)


def test_the_same_recovery_code_sent_at_once_logs_in_one(app, make_user):
    user = make_user(email="racer@example.org", second_factor=True)
    codes = second_factor.regenerate_recovery_codes(user)
    db.session.commit()
    results = _race(app, "racer@example.org", lambda: codes[0])
    _assert_one_got_in(results, user)
    assert second_factor.recovery_codes_left(user) == len(codes) - 1
