"""Administration: users, organisations, Presidency terms and the audit log."""

from flask import Blueprint

# `flask users ...` (app/admin/cli.py) are this blueprint's commands.
bp = Blueprint("admin", __name__, url_prefix="/admin", cli_group="users")

from app.admin import associated, cli, heads, markings, views  # noqa: E402, F401
