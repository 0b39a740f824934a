"""Search across modules with the database's own full-text engine (SQLite FTS5, PostgreSQL tsvector)."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from app.search import cli, views  # noqa: E402, F401
