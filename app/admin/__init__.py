"""Administration: users, organisations, Presidency terms and the audit log."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from app.admin import cli, views  # noqa: E402, F401
