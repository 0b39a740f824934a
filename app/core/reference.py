"""Reference data kept per process, and forgotten on every server as soon as it changes.

Reference data (the member states, the instruments, the markings, the Presidency terms) is read on nearly every
page and changes a few times a year. Each process keeps what it builds from it (choice lists, rendered select
widgets) under the *generation* it was built at: a random token in the database (table ``reference_generation``,
one row) that is replaced in the same transaction as any change to a watched model (:func:`watch`, at flush
time). A request reads the token once, on its first use of the cache (a one-row select by primary key), and if
it differs from the token its process built under, the process drops everything it kept. A change made on one
server is therefore seen by the next request on every other server, with no message between them.

The transaction that makes a change never uses or fills the cache (it builds from the database, which it sees
changed); its process forgets everything when it commits. Values kept here must be plain data (tuples, strings,
Markup), never ORM objects, which belong to one session. Anything that changes reference data outside the ORM
(raw SQL, a script) calls :func:`bump` in its transaction.
"""

import secrets
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any, TypeVar

from flask import g, has_app_context
from sqlalchemy import String, event, insert, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.extensions import db

T = TypeVar("T")

_WATCHED: list[type] = []
_CHANGED = "reference_changed"  # in Session.info: this transaction changed reference data
_MAX_VALUES = 5_000  # rendered widgets are keyed by the selected value: a bound on what a process keeps

_lock = Lock()
_values: dict[Hashable, Any] = {}
_built_under: list[str | None] = [None]  # the token the values were built under (a list: assigned in place)
_NO_ROW = "-"  # the token read when the row is missing (an emptied database): its own generation


class ReferenceGeneration(db.Model):
    """One row: the token that changes with the reference data."""

    __tablename__ = "reference_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))


_SEEDERS: dict[str, Callable[[], int]] = {}


def seeder(name: str, seed: Callable[[], int]) -> None:
    """Register ``seed() -> rows added``: a module's default reference data, inserted where missing by
    ``flask network seed`` (``app.network.services.seed_reference_data``) and never overwriting edits."""
    _SEEDERS[name] = seed


def run_seeders() -> dict[str, int]:
    """Run every registered seeder; the rows each added, by name."""
    return {name: seed() for name, seed in _SEEDERS.items()}


def watch(*models: type) -> None:
    """Count changes to these models (new, changed or deleted rows, through the ORM) as reference changes."""
    _WATCHED.extend(m for m in models if m not in _WATCHED)


def bump(connection: Connection) -> None:
    """Give the reference data a new generation, in ``connection``'s transaction."""
    table = ReferenceGeneration.__table__
    if not inspect(connection).has_table(table.name):  # a schema older than migration 0016 (bumps are rare)
        return
    token = secrets.token_hex(16)
    if not connection.execute(update(table).where(table.c.id == 1).values(token=token)).rowcount:
        connection.execute(insert(table).values(id=1, token=token))


def _request_token() -> str:
    """The generation, read once per application context (a request, a command)."""
    token = g.get("_reference_token")
    if token is None:
        token = db.session.scalar(select(ReferenceGeneration.token).where(ReferenceGeneration.id == 1)) or _NO_ROW
        g._reference_token = token
    return token


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """``build()``'s value, built once per process and generation. ``key`` names everything the value depends
    on besides the reference data (the language, for translated labels)."""
    if db.session.info.get(_CHANGED):
        return build()
    token = _request_token()
    with _lock:
        if _built_under[0] != token:
            _values.clear()
            _built_under[0] = token
        if key in _values:
            return _values[key]
    value = build()
    with _lock:
        if _built_under[0] == token:
            if len(_values) >= _MAX_VALUES:
                _values.clear()
            _values[key] = value
    return value


def forget() -> None:
    """Drop what this process keeps (and the token this context read)."""
    with _lock:
        _values.clear()
        _built_under[0] = None
    if has_app_context():
        g.pop("_reference_token", None)


def _is_watched(instance: object) -> bool:
    return isinstance(instance, tuple(_WATCHED))


@event.listens_for(Session, "before_flush")
def _note_changes(session: Session, flush_context: Any, instances: Any) -> None:
    if not _WATCHED or session.info.get(_CHANGED):
        return
    changed = (any(_is_watched(o) for o in session.new) or any(_is_watched(o) for o in session.deleted)
               or any(_is_watched(o) and session.is_modified(o, include_collections=False) for o in session.dirty))
    if changed:
        session.info[_CHANGED] = True
        bump(session.connection())


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_CHANGED, None):
        forget()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    if session.info.pop(_CHANGED, None) and has_app_context():
        g.pop("_reference_token", None)
