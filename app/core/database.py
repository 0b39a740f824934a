"""How the application's database connections are set up, per engine."""

from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import URL

from app.extensions import db


def init_app(app: Flask) -> None:
    """Register the connection settings on the application's engine (after ``db.init_app``)."""
    with app.app_context():
        engine = db.engine
    if _sqlite_file(engine.url):
        event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_file(url: URL) -> bool:
    """An SQLite database in a file: WAL needs one (an in-memory database has no journal to share)."""
    if url.get_backend_name() != "sqlite":
        return False
    database = url.database or ""
    return database not in ("", ":memory:") and not database.startswith("file::memory:") \
        and url.query.get("mode") != "memory"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL: readers no longer wait for a writer, nor a writer for readers (one writer at a time, as before), and
    a commit appends to the log instead of rewriting pages. synchronous=NORMAL with WAL syncs at checkpoints
    rather than at every commit: a power cut can lose the last commits but never corrupts the database.
    The journal mode is kept in the file; setting it again on every new connection is cheap."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()

