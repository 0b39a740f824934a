"""The SQLite connection settings: a file database runs in WAL mode with synchronous=NORMAL."""

import sqlite3

from sqlalchemy import text

from app import create_app
from app.extensions import db
from tests.factories import test_config


def _pragmas(url: str) -> tuple[str, int]:
    app = create_app(test_config(url))
    with app.app_context():
        try:
            mode = db.session.execute(text("PRAGMA journal_mode")).scalar()
            synchronous = db.session.execute(text("PRAGMA synchronous")).scalar()
            db.session.execute(text("CREATE TABLE IF NOT EXISTS probe (n INTEGER)"))
            db.session.execute(text("INSERT INTO probe VALUES (1)"))
            db.session.commit()
        finally:
            db.session.remove()
            db.engine.dispose()
    return mode, synchronous


def test_a_sqlite_file_database_runs_in_wal_mode_with_normal_sync(tmp_path):
    # Whatever TEST_DATABASE_URL names: this checks the SQLite settings on a file of its own.
    path = tmp_path / "wal.db"
    assert _pragmas(f"sqlite:///{path}") == ("wal", 1)  # 1 is NORMAL (the default, FULL, is 2)
    # The mode is kept in the file: any other program opening it (sqlite3, a backup) sees WAL too.
    with sqlite3.connect(path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert other.execute("SELECT n FROM probe").fetchall() == [(1,)]


def test_an_in_memory_sqlite_database_is_left_as_it_is():
    # WAL does not apply to a database in memory; the engine still works.
    assert _pragmas("sqlite://") == ("memory", 2)
